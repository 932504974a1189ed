import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { connect } from '../src/db/connect.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { ROOT, runCli } from './support/cli.js';

const FIXTURE = join(ROOT, 'fixtures', 'preflight');
const MIGRATIONS = 'fixtures/preflight/migrations';
const OPEN = { statementTimeoutMs: 0, lockTimeoutMs: 0, connectTimeoutMs: 10_000 };

let live: TestDatabase;
beforeAll(async () => {
  live = await createTestDatabase();
  await live.exec(await readFile(join(FIXTURE, 'live.sql'), 'utf8'));
});
afterAll(async () => {
  await live?.drop();
});

interface Report {
  verdict: string;
  selection: string;
  applied: number;
  summary: unknown;
  live: { source: string; serverVersion: string };
  scratch: { provider: string; serverVersion: string };
  warnings: string[];
  pending: { migration: string; file: string; statements: { relations: { relation: string; rows: number | null; bytes: number }[] }[] }[];
}

/** The report without what depends on the server's storage layout (sizes in bytes) and versions. */
function comparable(report: Report): unknown {
  return {
    verdict: report.verdict,
    selection: report.selection,
    applied: report.applied,
    summary: report.summary,
    pending: report.pending.map((m) => ({
      ...m,
      statements: m.statements.map((s) => ({ ...s, relations: s.relations.map(({ bytes: _bytes, ...rest }) => rest) })),
    })),
  };
}

/** What this database has written, per pg_stat_database and pg_stat_user_tables, once the counters stop moving. */
async function writeCounters(client: pg.Client, until: (c: Counters) => boolean = () => true): Promise<Counters> {
  let previous: Counters | undefined;
  for (;;) {
    await client.query('select pg_stat_clear_snapshot()');
    const { rows } = await client.query<Counters>(
      `select d.xact_commit::int8 as commits, d.tup_inserted::int8 as inserted, d.tup_updated::int8 as updated, d.tup_deleted::int8 as deleted, d.temp_files::int8 as temp_files,
         (select coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)::int8 from pg_stat_user_tables) as table_writes
       from pg_stat_database d where d.datname = current_database()`,
    );
    const now = rows[0]!;
    if (previous && JSON.stringify(previous) === JSON.stringify(now) && until(now)) return now;
    previous = now;
    await new Promise((r) => setTimeout(r, 300));
  }
}
interface Counters {
  commits: string;
  inserted: string;
  updated: string;
  deleted: string;
  temp_files: string;
  table_writes: string;
}

describe('pgparity preflight on the fixture live database', () => {
  test('reports exactly the expected locks, rewrites, sizes, violations and hazards, and never writes to live', async () => {
    const expected = JSON.parse(await readFile(join(FIXTURE, 'expected.json'), 'utf8')) as unknown;
    // A session of our own reads the statistics; its reads are not writes.
    const stats = await connect(live.target, { readOnly: true, limits: OPEN });
    try {
      const before = await writeCounters(stats);
      const result = await runCli(['preflight', '--url', live.url, '--migrations', MIGRATIONS, '--large-table', '2000', '--format', 'json']);
      expect(result.stderr).toBe(
        'pgparity: warning: live is not in parity with the applied migrations (1 difference up to 002_tiers, e.g. index public.customers.customers_phone_idx exists in live but no migration creates it): what is measured here may differ where live drifted — see pgparity check --until 002_tiers\n',
      );
      expect(result.code).toBe(1);
      const report = JSON.parse(result.stdout) as Report & { formatVersion: number };
      expect(report.formatVersion).toBe(1);
      expect(comparable(report)).toEqual(expected);
      expect(report.scratch.provider).toMatch(/^embedded/);
      expect(report.scratch.serverVersion.split('.')[0]).toBe(report.live.serverVersion.split('.')[0]);
      for (const m of report.pending) for (const s of m.statements) for (const r of s.relations) expect(r.bytes).toBeGreaterThan(0);
      expect(result.stdout).not.toContain(live.target.password!);

      // Every preflight session has ended (its statistics flushed): more commits, not one row written, no temp file.
      const after = await writeCounters(stats, (c) => Number(c.commits) > Number(before.commits) + 5);
      expect({ ...after, commits: undefined }).toEqual({ ...before, commits: undefined });
    } finally {
      await stats.end();
    }
  });

  test('a live table locked ACCESS EXCLUSIVE by someone else ends the run after lock_timeout with exit 3', async () => {
    const holder = await connect(live.target, { readOnly: false, limits: OPEN });
    try {
      await holder.query('begin');
      await holder.query('lock table orders in access exclusive mode');
      const pid = (holder as unknown as { processID: number }).processID;
      const started = Date.now();
      const result = await runCli(['preflight', '--url', live.url, '--migrations', MIGRATIONS, '--lock-timeout', '1', '--no-parity-check']);
      console.log(`preflight gave up on the locked table after ${Date.now() - started} ms (lock_timeout 1 s, including the scratch measurement)`);
      expect(result.code).toBe(3);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(
        new RegExp(
          `^pgparity: reading the sizes of the relations the migrations touch in postgres://[^ ]+: public\\.orders is locked \\(AccessExclusiveLock, held by backend ${pid}\\) longer than lock_timeout, and preflight never waits behind a lock on live — retry when it is free, or raise --lock-timeout\\n$`,
        ),
      );
    } finally {
      await holder.query('rollback');
      await holder.end();
    }
  });

  test('--sql measures one script after the applied migrations; --no-examples leaves the keys out', async () => {
    const result = await runCli([
      'preflight',
      '--url',
      live.url,
      '--migrations',
      MIGRATIONS,
      '--sql',
      'fixtures/preflight/hotfix.sql',
      '--no-examples',
      '--no-parity-check',
      '--format',
      'json',
    ]);
    expect(result.stderr).toBe('pgparity: warning: 5 migrations are not applied in live yet; the script is measured after the applied ones only\n');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.selection).toBe('sql');
    expect(report.applied).toBe(2);
    const [add, validate] = (report.pending[0] as unknown as { statements: Record<string, unknown>[] }).statements;
    expect(add).toMatchObject({
      line: 2,
      measured: 'transaction',
      locks: [{ relation: 'public.orders', mode: 'AccessExclusiveLock', blocks: 'reads' }],
      rewrites: [],
      scans: [],
      violations: [],
    });
    expect((add!.hazards as { code: string; severity: string }[]).map((h) => `${h.severity} ${h.code}`)).toEqual([
      'info blocks_reads',
      'warning no_lock_timeout',
    ]);
    expect(validate).toMatchObject({
      line: 3,
      locks: [{ relation: 'public.orders', mode: 'ShareUpdateExclusiveLock', blocks: 'none' }],
      scans: ['public.orders'],
      violations: [{ constraint: 'orders_amount_positive', kind: 'check', relation: 'public.orders', rows: 10, estimated: false, examples: null }],
    });
    expect((validate!.hazards as { code: string; severity: string }[]).map((h) => `${h.severity} ${h.code}`)).toEqual(['error violating_rows']);
  });

  test('beyond --max-scan-rows a table is sampled and its counts are labelled estimates', async () => {
    const result = await runCli([
      'preflight',
      '--url',
      live.url,
      '--migrations',
      MIGRATIONS,
      '--sql',
      'fixtures/preflight/hotfix.sql',
      '--max-scan-rows',
      '1000',
      '--no-parity-check',
      '--format',
      'json',
    ]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { pending: { statements: { violations: { rows: number; estimated: boolean; examples: string[] }[] }[] }[] };
    const violation = report.pending[0]!.statements[1]!.violations[0]!;
    expect(violation.estimated).toBe(true);
    expect(violation.rows).toBeGreaterThanOrEqual(0);
    // Examples come from the table itself (first found), so they are real violating keys.
    for (const key of violation.examples) expect(Number(key) % 300).toBe(0);
  });

  test('--since names the pending migrations; markdown and junit reports', async () => {
    const markdown = await runCli(['preflight', '--url', live.url, '--migrations', MIGRATIONS, '--since', '006', '--no-parity-check', '--format', 'markdown']);
    expect(markdown.code).toBe(1);
    expect(markdown.stdout).toContain('## pgparity preflight: 🔴 UNSAFE — 3 errors, 2 warnings, 1 info');
    expect(markdown.stdout).toContain('### fixtures/preflight/migrations/006_concurrent_index.sql');
    expect(markdown.stdout).toContain('**error** `concurrently_in_transaction`');
    const junit = await runCli([
      'preflight',
      '--url',
      live.url,
      '--migrations',
      MIGRATIONS,
      '--since',
      '006',
      '--no-parity-check',
      '--format',
      'junit',
      '--fail-on',
      'warning',
    ]);
    expect(junit.code).toBe(1);
    expect(junit.stdout).toContain('<testsuites name="pgparity preflight" tests="4" failures="3" errors="0">');
    expect(junit.stdout).toContain(
      '<testsuite name="preflight fixtures/preflight/migrations/006_concurrent_index.sql" tests="1" failures="0" errors="0" skipped="0">',
    );
  });

  test('usage errors exit 2 with one line', async () => {
    const none = await runCli(['preflight', '--url', live.url]);
    expect(none).toMatchObject({ code: 2, stdout: '', stderr: 'pgparity: nothing to check: pass --migrations DIR (plain SQL files)\n' });
    const both = await runCli(['preflight', '--url', live.url, '--migrations', MIGRATIONS, '--since', '006', '--sql', 'fixtures/preflight/hotfix.sql']);
    expect(both).toMatchObject({ code: 2, stderr: 'pgparity: give either --since or --sql, not both\n' });
    const since = await runCli(['preflight', '--url', live.url, '--migrations', MIGRATIONS, '--since', '099']);
    expect(since.code).toBe(2);
    expect(since.stderr).toMatch(/^pgparity: until "099" matches no migration in fixtures\/preflight\/migrations/);
  });
});
