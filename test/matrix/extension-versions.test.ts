/**
 * The same CREATE EXTENSION installs another version on another major (btree_gist 1.7 on 15,
 * 1.8 on 18): each side at its own server's default is not drift, and raises no masked-statement
 * hazard. A side below its default, or a different version on the same major, is a warning.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { diff } from '../../src/commands/diff.js';
import { targetUrl } from '../../src/db/target.js';
import type { ScratchServer } from '../../src/scratch/provider.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startMajor } from './support.js';

const MIGRATION = 'create extension if not exists btree_gist;\ncreate extension if not exists citext;\n';

let live15: ScratchServer | string;
let dir: string;
let migration: string;
const dbs: TestDatabase[] = [];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pgparity-extver-'));
  migration = join(dir, 'extensions.sql');
  await writeFile(migration, MIGRATION);
  live15 = await startMajor(15);
  if (typeof live15 === 'string') console.log(`skipping the cross-major extension version tests: ${live15}`);
}, 120_000);
afterAll(async () => {
  if (typeof live15 !== 'string') await live15?.close();
  for (const db of dbs) await db.drop();
  await rm(dir, { recursive: true, force: true });
});

async function on15(sql: string): Promise<string> {
  const server = live15 as ScratchServer;
  const db = await server.createDatabase();
  const { connect } = await import('../../src/db/connect.js');
  const client = await connect(db.target, { readOnly: false });
  await client.query(sql).finally(() => client.end());
  return targetUrl(db.target);
}

const summary = (findings: readonly { change: string; kind: string; key: string; attribute?: string; severity: string }[]) =>
  findings.map((f) => `${f.change} ${f.kind} ${f.key}${f.attribute ? ` ${f.attribute}` : ''} ${f.severity}`);

describe('extension versions', { timeout: 180_000 }, () => {
  test('live 15 and scratch 18, each at its own default: no finding, no masked statement', async (ctx) => {
    if (typeof live15 === 'string') return ctx.skip(live15);
    const live = await on15(MIGRATION);
    const { report } = await diff({
      from: { type: 'sql-file', path: migration },
      to: { type: 'url', url: live },
      scratch: { type: 'embedded', major: 18 },
      cache: false,
    });
    expect(report.findings).toEqual([]);
    expect(report.verdict).toBe('parity');
  });

  test('live 15 below its default: a warning, and the hazard does not claim it was made some other way', async (ctx) => {
    if (typeof live15 === 'string') return ctx.skip(live15);
    const live = await on15("create extension btree_gist version '1.6'; create extension citext;");
    const { report } = await diff({
      from: { type: 'sql-file', path: migration },
      to: { type: 'url', url: live },
      scratch: { type: 'embedded', major: 18 },
      cache: false,
    });
    expect(summary(report.findings)).toEqual([`changed extension btree_gist version warning`, `hazard masked_statement ${migration}:1 warning`]);
    expect(report.findings[0]!.message).toBe('extension btree_gist: version is 1.6 in live, 1.8 in migrations');
    expect(report.findings[1]!.cause!.message).toBe(
      "live's btree_gist may have been created by this very statement, at the default version of an older server or release; ALTER EXTENSION btree_gist UPDATE has not been run since",
    );
  });

  test('the same major, another version: a warning', async () => {
    const db = await createTestDatabase();
    dbs.push(db);
    await db.exec("create extension btree_gist version '1.7'; create extension citext;");
    const { report } = await diff({
      from: { type: 'sql-file', path: migration },
      to: { type: 'url', url: db.url },
      scratch: { type: 'embedded' },
      cache: false,
    });
    expect(summary(report.findings)).toEqual([`changed extension btree_gist version warning`, `hazard masked_statement ${migration}:1 warning`]);
  });
});
