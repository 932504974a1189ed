import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { ROOT, runCli } from './support/cli.js';

interface HistoryCase {
  readonly name: string;
  readonly description: string;
  readonly live: readonly string[];
  readonly args?: readonly string[];
  readonly exitCode: number;
  readonly verdict: string;
  readonly tables: readonly unknown[];
  readonly findings: readonly unknown[];
}

const HISTORY = join(ROOT, 'fixtures', 'history');
const frameworks = (await readdir(HISTORY, { withFileTypes: true }))
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();
const suites = await Promise.all(
  frameworks.map(
    async (framework) => [framework, (JSON.parse(await readFile(join(HISTORY, framework, 'cases.json'), 'utf8')) as { cases: HistoryCase[] }).cases] as const,
  ),
);
const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const db of databases) await db.drop();
});

async function liveDatabase(sql: readonly string[]): Promise<TestDatabase> {
  const db = await createTestDatabase();
  databases.push(db);
  for (const text of sql) await db.exec(text);
  return db;
}

/**
 * Each fixtures/history/<framework>/cases.json case is an end-to-end run of the built CLI:
 * build the history table as the tool leaves it, `pgparity history` it against the
 * framework's migration files, and compare exit code, table summaries and findings.
 */
describe.each(suites)('history fixture %s', (framework, cases) => {
  const dir = join(HISTORY, framework);
  test.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, expected) => {
    const live = await liveDatabase(await Promise.all(expected.live.map((f) => readFile(join(dir, f), 'utf8'))));
    const result = await runCli([
      'history',
      '--url',
      live.url,
      '--migrations',
      `fixtures/history/${framework}/migrations`,
      '--format',
      'json',
      ...(expected.args ?? []),
    ]);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(expected.exitCode);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect({ verdict: report.verdict, tables: report.tables, findings: report.findings }).toEqual({
      verdict: expected.verdict,
      tables: expected.tables,
      findings: expected.findings,
    });
    expect(report.migrations).toBe(`fixtures/history/${framework}/migrations`);
    expect(result.stdout).not.toContain(live.target.password);
  });
});

describe('pgparity history', () => {
  test('reports several history tables, and audits each', async () => {
    const live = await liveDatabase([
      await readFile(join(HISTORY, 'alembic/live/history.sql'), 'utf8'),
      await readFile(join(HISTORY, 'alembic/live/clean.sql'), 'utf8'),
      "CREATE TABLE schema_migrations (filename text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now()); INSERT INTO schema_migrations VALUES ('001_hotfix.sql', now());",
    ]);
    const result = await runCli(['history', '--url', live.url, '--format', 'json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      verdict: string;
      tables: { table: string; framework: string; files: number | null }[];
      findings: { problem: string; severity: string }[];
    };
    expect(report.tables.map((t) => [t.table, t.framework, t.files])).toEqual([
      ['public.alembic_version', 'alembic', null],
      ['public.schema_migrations', 'plain', null],
    ]);
    expect(report.findings).toEqual([expect.objectContaining({ problem: 'several_history_tables', severity: 'warning' })]);
    expect(report.verdict).toBe('problems');
  });

  test('no history table is an error; a named one that does not exist says so', async () => {
    const live = await liveDatabase(['CREATE TABLE users (id int PRIMARY KEY)']);
    const none = await runCli(['history', '--url', live.url, '--migrations', 'fixtures/history/plain/migrations']);
    expect(none.code).toBe(1);
    expect(none.stdout).toContain('no history table: no migration history table found in');
    const named = await runCli(['history', '--url', live.url, '--history-table', 'communication.schema_migrations', '--format', 'json']);
    expect(named.code).toBe(1);
    expect((JSON.parse(named.stdout) as { findings: unknown[] }).findings).toEqual([
      expect.objectContaining({ problem: 'no_history_table', table: 'communication.schema_migrations', message: expect.stringContaining('does not exist') }),
    ]);
  });

  test('--history-table reads any table holding file names, whatever it is called', async () => {
    const live = await liveDatabase([
      "CREATE SCHEMA ops; CREATE TABLE ops.applied_files (id serial PRIMARY KEY, file_name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now()); INSERT INTO ops.applied_files (file_name) VALUES ('001_communication_schema.sql'), ('002_messages');",
    ]);
    const result = await runCli([
      'history',
      '--url',
      live.url,
      '--history-table',
      'ops.applied_files',
      '-m',
      'fixtures/history/plain/migrations',
      '--format',
      'json',
    ]);
    const report = JSON.parse(result.stdout) as { tables: unknown[]; findings: { problem: string; migration: string }[] };
    expect(report.tables).toEqual([
      expect.objectContaining({ table: 'ops.applied_files', framework: 'plain', applied: 2, files: 3, pending: 1, checksum: null }),
    ]);
    expect(report.findings.map((f) => [f.problem, f.migration])).toEqual([['pending', '003_delivery_attempts.sql']]);
    expect(result.code).toBe(1);
  });

  test('a text report names each table, its counts and its problems', async () => {
    const dir = join(HISTORY, 'prisma');
    const live = await liveDatabase([await readFile(join(dir, 'live/history.sql'), 'utf8'), await readFile(join(dir, 'live/edited.sql'), 'utf8')]);
    const result = await runCli(['history', '--url', live.url, '--migrations', 'fixtures/history/prisma/migrations']);
    expect(result.code).toBe(1);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('pgparity history: PROBLEMS — 1 error, 0 warnings');
    expect(lines).toContain('public._prisma_migrations (prisma): 3 applied, 3 files, 0 pending, checksums sha256, current 20240120080000_order_status');
    expect(result.stdout).toMatch(
      / {2}error {3}checksum mismatch: fixtures\/history\/prisma\/migrations\/20240112141500_add_orders\/migration\.sql was edited after it was applied/,
    );
  });
});
