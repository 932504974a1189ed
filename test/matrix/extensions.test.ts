/**
 * Extensions the scratch server cannot provide: a migration that creates one fails with a hint
 * to use a scratch server that has it, and an extension live has but the scratch server lacks
 * is named in a warning (the embedded servers ship the contrib modules of their own major only:
 * `old_snapshot` left with PostgreSQL 17).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { diff } from '../../src/commands/diff.js';
import { connect } from '../../src/db/connect.js';
import { targetUrl } from '../../src/db/target.js';
import { ReplayError } from '../../src/model/errors.js';
import type { ScratchServer } from '../../src/scratch/provider.js';
import { createTestDatabase } from '../support/database.js';
import { startMajor } from './support.js';

let live14: ScratchServer | string;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pgparity-ext-'));
  live14 = await startMajor(14);
  if (typeof live14 === 'string') console.log(`skipping the extension warning test: ${live14}`);
}, 120_000);
afterAll(async () => {
  if (typeof live14 !== 'string') await live14?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('extensions the scratch server lacks', () => {
  test('a migration creating one fails with the hint to use a server that has it', async () => {
    const db = await createTestDatabase();
    try {
      await writeFile(join(dir, '001_postgis.sql'), 'create extension postgis;\n');
      const failure = await diff({ from: { type: 'migrations', path: dir }, to: { type: 'url', url: db.url }, scratch: { type: 'embedded' } }).catch(
        (e: unknown) => e,
      );
      expect(failure).toBeInstanceOf(ReplayError);
      expect((failure as Error).message).toMatch(
        /001_postgis\.sql:1:1 failed: extension "postgis" is not available.* — the scratch server does not have extension postgis: use --scratch docker:IMAGE/,
      );
    } finally {
      await db.drop();
    }
  }, 60_000);

  test('live has one the scratch server cannot install: a warning says so', async (ctx) => {
    if (typeof live14 === 'string') return ctx.skip(live14);
    const db = await live14.createDatabase();
    const schema = join(dir, 'schema.sql');
    await writeFile(schema, 'create table public.t (id int);\n');
    const client = await connect(db.target, { readOnly: false });
    await client.query('create extension old_snapshot; create table public.t (id int)');
    await client.end();
    const { report } = await diff({
      from: { type: 'sql-file', path: schema },
      to: { type: 'url', url: targetUrl(db.target) },
      scratch: { type: 'embedded', major: 18 },
    });
    expect(report.findings.map((f) => [f.change, f.kind, f.key, f.severity])).toEqual([['extra', 'extension', 'old_snapshot', 'warning']]);
    expect(report.warnings).toEqual([
      expect.stringContaining('runs PostgreSQL 18'),
      expect.stringMatching(
        /^live has extension old_snapshot, which the scratch server \(embedded:18 PostgreSQL 18\.\d+\) does not provide: .*--scratch docker:IMAGE/,
      ),
    ]);
  }, 60_000);
});
