import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { connect } from '../src/db/connect.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { ROOT, runCli } from './support/cli.js';

const PLAIN = join(ROOT, 'fixtures/history/plain');
const MIGRATIONS = 'fixtures/history/plain/migrations';
const FILES = ['001_communication_schema.sql', '002_messages.sql', '003_delivery_attempts.sql'];
const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const db of databases) await db.drop();
});

/** A live database built by running the first `count` migrations (and then `extra` SQL), as an ensureSchema()-style writer would. */
async function liveDatabase(count: number, ...extra: string[]): Promise<TestDatabase> {
  const db = await createTestDatabase();
  databases.push(db);
  for (const file of FILES.slice(0, count)) await db.exec(await readFile(join(PLAIN, 'migrations', file), 'utf8'));
  for (const sql of extra) await db.exec(sql);
  return db;
}

async function rows(db: TestDatabase, table: string): Promise<{ filename: string; checksum: string }[]> {
  const client = await connect(db.target, { readOnly: true });
  try {
    const exists = await client.query<{ t: string | null }>('select to_regclass($1)::text as t', [table]);
    if (exists.rows[0]?.t === null) return [];
    return (await client.query<{ filename: string; checksum: string }>(`select filename, checksum from ${table} order by filename`)).rows;
  } finally {
    await client.end();
  }
}

async function tableExists(db: TestDatabase, table: string): Promise<boolean> {
  const client = await connect(db.target, { readOnly: true });
  try {
    return (await client.query<{ t: string | null }>('select to_regclass($1)::text as t', [table])).rows[0]?.t !== null;
  } finally {
    await client.end();
  }
}

const sha256 = async (file: string): Promise<string> =>
  createHash('sha256')
    .update(await readFile(join(PLAIN, 'migrations', file)))
    .digest('hex');
const HISTORY_TABLE = (): Promise<string> => readFile(join(PLAIN, 'live/history.sql'), 'utf8');

describe('check --until: what a baseline stamp claims', () => {
  test('parity up to the migration live was built with; drift against all of them', async () => {
    const live = await liveDatabase(2);
    const upTo = await runCli(['check', '--url', live.url, '--migrations', MIGRATIONS, '--until', '002_messages', '--format', 'json']);
    expect(upTo.code).toBe(0);
    expect(JSON.parse(upTo.stdout)).toMatchObject({ verdict: 'parity', summary: { missing: 0, extra: 0, changed: 0 } });

    const all = await runCli(['check', '--url', live.url, '--migrations', MIGRATIONS, '--format', 'json']);
    expect(all.code).toBe(1);
    expect((JSON.parse(all.stdout) as { findings: { change: string; key: string }[] }).findings.map((f) => [f.change, f.key])).toEqual([
      ['missing', 'communication.delivery_attempts'],
    ]);

    // By version number too, and too early a revision shows what live has beyond it.
    const early = await runCli(['check', '--url', live.url, '--migrations', MIGRATIONS, '--until', '1', '--format', 'json']);
    expect(early.code).toBe(1);
    expect((JSON.parse(early.stdout) as { findings: { change: string; key: string }[] }).findings.map((f) => [f.change, f.key])).toEqual([
      ['extra', 'communication.message_recipients'],
      ['extra', 'communication.messages'],
    ]);
  });

  test('--until with a --replay-cmd that has no {until} is refused: pgparity cannot stop the command part-way', async () => {
    const result = await runCli(['check', '--url', 'postgres://nobody@127.0.0.1:1/x', '--replay-cmd', 'alembic upgrade head', '--until', 'ae1027a6acf']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'pgparity: --until with --replay-cmd needs {until} in the command, where the revision goes: --replay-cmd "alembic upgrade {until}"\n',
    );
    const without = await runCli(['check', '--url', 'postgres://nobody@127.0.0.1:1/x', '--replay-cmd', 'alembic upgrade {until}']);
    expect(without.code).toBe(2);
    expect(without.stderr).toBe('pgparity: the replay command has {until} in it: pass --until REV to say where it stops\n');
  });
});

describe('pgparity stamp', () => {
  test('refuses on a drifted database and writes nothing', async () => {
    const live = await liveDatabase(3, 'ALTER TABLE communication.messages ADD COLUMN priority int', await HISTORY_TABLE());
    const result = await runCli(['stamp', '--url', live.url, '--migrations', MIGRATIONS, '--history-table', 'communication.schema_migrations']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('column communication.messages.priority exists in live but no migration creates it');
    expect(result.stdout).toContain('pgparity stamp: refused — nothing was written to communication.schema_migrations');
    expect(result.stderr).toContain(
      'refusing to stamp: live does not match the migrations up to 003_delivery_attempts (1 difference at or above --fail-on error)',
    );
    expect(await rows(live, 'communication.schema_migrations')).toEqual([]);
  });

  test('--dry-run checks and plans, and writes nothing', async () => {
    const live = await liveDatabase(3, await HISTORY_TABLE());
    const result = await runCli(['stamp', '--url', live.url, '--migrations', MIGRATIONS, '--dry-run', '--format', 'json']);
    expect(result.code).toBe(0);
    const plan = JSON.parse(result.stdout) as { status: string; table: string; rows: { filename: string; checksum: string }[]; check: { verdict: string } };
    expect(plan).toMatchObject({ status: 'dry-run', table: 'communication.schema_migrations', check: { verdict: 'parity' } });
    expect(plan.rows).toEqual(await Promise.all(FILES.map(async (f) => ({ filename: f, checksum: await sha256(f), file: `${MIGRATIONS}/${f}` }))));
    expect(await rows(live, 'communication.schema_migrations')).toEqual([]);
  });

  test('writes the rows on a matching database; then history is clean and a second stamp has nothing to do', async () => {
    const live = await liveDatabase(3, await HISTORY_TABLE());
    const result = await runCli(['stamp', '--url', live.url, '--migrations', MIGRATIONS]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('recorded 3 migrations in communication.schema_migrations');
    expect(await rows(live, 'communication.schema_migrations')).toEqual(
      await Promise.all(FILES.map(async (f) => ({ filename: f, checksum: await sha256(f) }))),
    );

    const history = await runCli(['history', '--url', live.url, '--migrations', MIGRATIONS, '--format', 'json']);
    expect(history.code).toBe(0);
    expect(JSON.parse(history.stdout)).toMatchObject({ verdict: 'clean', findings: [] });

    const again = await runCli(['stamp', '--url', live.url, '--migrations', MIGRATIONS]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('already records every migration up to 003_delivery_attempts');
  });

  test('a baseline with --until; the table is created only with --create-table', async () => {
    const live = await liveDatabase(2);
    const refused = await runCli(['stamp', '--url', live.url, '--migrations', MIGRATIONS, '--until', '002_messages']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      'pgparity: no plain history table found in live: add --create-table to create public.schema_migrations (filename, checksum, applied_at), or name yours with --history-table schema.table\n',
    );

    const planned = await runCli(['stamp', '--url', live.url, '--migrations', MIGRATIONS, '--until', '002_messages', '--create-table', '--dry-run']);
    expect(planned.code).toBe(0);
    expect(planned.stdout).toContain('would create public.schema_migrations (filename, checksum, applied_at)');
    expect(await tableExists(live, 'public.schema_migrations')).toBe(false);

    const created = await runCli(['stamp', '--url', live.url, '--migrations', MIGRATIONS, '--until', '002_messages', '--create-table']);
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('created public.schema_migrations');
    expect((await rows(live, 'public.schema_migrations')).map((r) => r.filename)).toEqual(['001_communication_schema.sql', '002_messages.sql']);

    // The history now says 003 is pending — exactly what is true.
    const history = await runCli(['history', '--url', live.url, '--migrations', MIGRATIONS, '--format', 'json']);
    expect((JSON.parse(history.stdout) as { findings: { problem: string; migration: string }[] }).findings.map((f) => [f.problem, f.migration])).toEqual([
      ['pending', '003_delivery_attempts.sql'],
    ]);
  });

  test('a table another tool owns is refused with the gate for that tool', async () => {
    const live = await liveDatabase(3, 'CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY)');
    const result = await runCli(['stamp', '--url', live.url, '--migrations', MIGRATIONS, '--history-table', 'public.alembic_version']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('public.alembic_version belongs to alembic');
    expect(result.stderr).toContain('pgparity check --until <migration> && alembic stamp <rev>');
  });
});
