/**
 * `GRANT ALL` on a relation gives MAINTAIN from PostgreSQL 17 on: the same grants on 15 and on a
 * later major are parity with `--include privileges`; MAINTAIN granted on its own, or "all" on
 * one side and less on the other of the same major, is still found.
 */
import { afterAll, expect, test } from 'vitest';
import { diff } from '../../src/commands/diff.js';
import type { ScratchServer } from '../../src/scratch/provider.js';
import { databaseUrlWith, startMajor } from './support.js';

const GRANTS = `
create table everything (id int); grant all on everything to public;
create view every_view as select 1 as x; grant all on every_view to public;
create table partial (id int); grant select, insert on partial to public;
`;

const servers: ScratchServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.close();
});

async function findings(from: string, to: string): Promise<string[]> {
  const { report } = await diff({ from: { type: 'url', url: from }, to: { type: 'url', url: to }, scratch: { type: 'embedded' }, include: ['privileges'] });
  return report.findings.map((f) => `${f.key} ${f.attribute} ${JSON.stringify(f.actual)}`);
}

test('GRANT ALL on 15 and on 17 or later is the same grant; MAINTAIN on its own is not', { timeout: 180_000 }, async (ctx) => {
  const old = await startMajor(15);
  if (typeof old === 'string') return ctx.skip(old);
  servers.push(old);
  const later = (await startMajor(17)) as ScratchServer | string;
  const current = typeof later === 'string' ? await startMajor(18) : later;
  if (typeof current === 'string') return ctx.skip(current);
  servers.push(current);

  const before17 = await databaseUrlWith(old, GRANTS);
  expect(await findings(before17, await databaseUrlWith(current, GRANTS))).toEqual([]);
  expect(await findings(await databaseUrlWith(current, GRANTS), before17)).toEqual([]);

  const maintainAlone = await databaseUrlWith(current, `${GRANTS} grant maintain on partial to public;`);
  expect(await findings(before17, maintainAlone)).toEqual(['public.partial privileges ["PUBLIC: INSERT, MAINTAIN, SELECT"]']);

  // On one major, "all" is all: a grant without MAINTAIN differs from one with it.
  const withoutMaintain = await databaseUrlWith(
    current,
    GRANTS.replace('grant all on everything', 'grant select, insert, update, delete, truncate, references, trigger on everything'),
  );
  expect(await findings(await databaseUrlWith(current, GRANTS), withoutMaintain)).toEqual([
    'public.everything privileges ["PUBLIC: DELETE, INSERT, REFERENCES, SELECT, TRIGGER, TRUNCATE, UPDATE"]',
  ]);
});
