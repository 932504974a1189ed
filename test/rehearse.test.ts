import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { targetUrl } from '../src/db/target.js';
import { adminTarget } from './support/database.js';
import { ROOT, runCli } from './support/cli.js';

/**
 * `pgparity rehearse` end to end through the built CLI: every fixture under fixtures/rehearse/
 * commits the exact verdict, summary and per-migration outcome (status, findings, data-loss
 * statements, failures with file:line:col) it must give. Most runs use the test server as the
 * scratch server (`--scratch URL`, a database of their own); the first uses the default embedded one.
 */
const FIXTURES = join(ROOT, 'fixtures', 'rehearse');
const scratch = (): string[] => ['--scratch', targetUrl(adminTarget())];
const temp: string[] = [];
afterAll(async () => {
  for (const dir of temp) await rm(dir, { recursive: true, force: true });
});

async function expected(name: string): Promise<unknown> {
  return JSON.parse(await readFile(join(FIXTURES, name), 'utf8'));
}

function outcome(stdout: string): unknown {
  const report = JSON.parse(stdout) as Record<string, unknown>;
  return Object.fromEntries(['verdict', 'summary', 'migrations', 'full'].filter((k) => k in report).map((k) => [k, report[k]]));
}

async function history(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pgparity-rehearse-'));
  temp.push(dir);
  for (const [name, sql] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), sql);
  }
  return dir;
}

describe('fixtures', () => {
  test('golang-migrate pairs: reversible, a leftover index, a forgotten type, a broken down, no down, a column drop, an accepted data loss', async () => {
    const r = await runCli(['rehearse', '--migrations', 'fixtures/rehearse/golang-migrate/migrations', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(outcome(r.stdout)).toEqual(await expected('golang-migrate/expected.json'));
    expect(JSON.parse(r.stdout)).toMatchObject({
      formatVersion: 1,
      tool: { name: 'pgparity' },
      scratch: { source: 'migrations:fixtures/rehearse/golang-migrate/migrations', provider: 'embedded' },
      warnings: [],
    });
  });

  test('dbmate single files: the down half of each file, line numbers of the real file', async () => {
    const r = await runCli(['rehearse', '-m', 'fixtures/rehearse/dbmate/migrations', '--format', 'json', ...scratch()]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(outcome(r.stdout)).toEqual(await expected('dbmate/expected.json'));
  });

  test('--with-data: a down that only fails on non-empty tables (SET NOT NULL back over NULLs)', async () => {
    const r = await runCli(['rehearse', '-m', 'fixtures/rehearse/dbmate/migrations', '--with-data', '3', '--format', 'json', ...scratch()]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(outcome(r.stdout)).toEqual(await expected('dbmate/expected-with-data.json'));
  });

  test('goose files with StatementBegin/End, and the --full reset', async () => {
    const r = await runCli(['rehearse', '-m', 'fixtures/rehearse/goose/migrations', '--full', '--format', 'json', ...scratch()]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(outcome(r.stdout)).toEqual(await expected('goose/expected.json'));
  });

  test('--up-cmd / --down-cmd: a framework that runs its own migrations, DATABASE_URL pointing at scratch', async () => {
    const command = (direction: string): string => `node fixtures/rehearse/commands/migrate.mjs ${direction}`;
    const r = await runCli(['rehearse', '--up-cmd', command('up'), '--down-cmd', command('down'), '--steps', '2', '--format', 'json', ...scratch()]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(outcome(r.stdout)).toEqual(await expected('commands/expected.json'));
  });
});

describe('options', () => {
  test('--from rehearses only the newest migrations; the ones before are applied once', async () => {
    const r = await runCli(['rehearse', '-m', 'fixtures/rehearse/golang-migrate/migrations', '--from', '007', '--format', 'json', ...scratch()]);
    expect(r.code).toBe(1);
    const all = (await expected('golang-migrate/expected.json')) as { migrations: { id: string }[] };
    const report = JSON.parse(r.stdout) as { migrations: unknown[]; summary: object };
    expect(report.migrations).toEqual(all.migrations.filter((m) => m.id >= '007'));
    expect(report.summary).toEqual({ reversible: 0, residue: 0, down_fails: 0, reup_fails: 0, no_down: 0, irreversible: 2 });
  });

  test('--full from a later migration resets back to it, and stops at a migration without a down', async () => {
    const goose = await runCli(['rehearse', '-m', 'fixtures/rehearse/goose/migrations', '--from', '00002', '--full', '--format', 'json', ...scratch()]);
    expect(goose.code).toBe(0);
    expect(JSON.parse(goose.stdout).full).toEqual({ status: 'reversible', fails: false, findings: [] });
    const dir = await history({ '1_a.up.sql': 'create table a (id int);', '1_a.down.sql': 'drop table a;', '2_b.sql': 'create table b (id int);' });
    const r = await runCli(['rehearse', '-m', dir, '--full', '--allow-no-down', '--format', 'json', ...scratch()]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).full).toEqual({ status: 'no_down', fails: false, findings: [], migration: '2_b' });
  });

  test('--allow-no-down: a forward-only migration does not fail the run; without it, it does', async () => {
    const dir = await history({ '1_a.up.sql': 'create table a (id int);', '1_a.down.sql': 'drop table a;', '2_seed.sql': 'insert into a values (1);' });
    const strict = await runCli(['rehearse', '-m', dir, ...scratch()]);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('✗ 2_seed  no down');
    const allowed = await runCli(['rehearse', '-m', dir, '--allow-no-down', ...scratch()]);
    expect(allowed.code).toBe(0);
    expect(allowed.stdout.split('\n')[0]).toBe('pgparity rehearse: reversible — 2 migrations: 1 reversible, 1 no down');
    expect(allowed.stdout).toContain('○ 2_seed  no down');
  });

  test('--fail-on: residue below it is reported but passes', async () => {
    const dir = await history({
      '1_a.up.sql': "create table a (id int); comment on table a is 'the a table';",
      '1_a.down.sql': 'drop table a; create table a (id int);',
    });
    const r = await runCli(['rehearse', '-m', dir, '--format', 'json', ...scratch()]);
    const report = JSON.parse(r.stdout) as {
      verdict: string;
      migrations: { status: string; fails: boolean; findings: { message: string; severity: string }[] }[];
    };
    expect(report.migrations[0]!.findings.map((f) => [f.severity, f.message])).toEqual([['error', 'down leaves table public.a']]);
    const onlyComment = await history({ '1_a.up.sql': "comment on schema public is 'app';", '1_a.down.sql': 'select 1;' });
    const info = await runCli(['rehearse', '-m', onlyComment, '--format', 'json', ...scratch()]);
    const infoReport = JSON.parse(info.stdout) as typeof report;
    expect(infoReport.migrations[0]).toMatchObject({ status: 'residue', fails: false });
    expect(infoReport.migrations[0]!.findings.map((f) => [f.severity, f.message])).toEqual([
      ['info', 'schema public: comment is app after the down, standard public schema before the up'],
    ]);
    expect(info.code).toBe(0);
    expect((await runCli(['rehearse', '-m', onlyComment, '--fail-on', 'info', ...scratch()])).code).toBe(1);
  });
});

describe('state between migrations', () => {
  test('a second up that differs from the first: the next migrations start from what the history makes', async () => {
    const dir = await history({
      '1_a.up.sql': 'create table a (id int, c int);',
      '1_a.down.sql': 'drop table a;',
      // A multi-part migration's down in the wrong part: it undoes what 1_a made.
      '2_b.up.sql': 'select 1;',
      '2_b.down.sql': 'alter table a drop column c;',
      '3_c.up.sql': 'update a set c = 1;',
      '3_c.down.sql': 'select 1;',
    });
    const r = await runCli(['rehearse', '-m', dir, '--format', 'json', ...scratch()]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as {
      migrations: { id: string; status: string; findings: { phase: string; message: string }[]; irreversibleStatements: { reason: string }[] }[];
    };
    expect(
      report.migrations.map((m) => [m.id, m.status, m.findings.map((f) => `${f.phase}: ${f.message}`), m.irreversibleStatements.map((s) => s.reason)]),
    ).toEqual([
      ['1_a', 'reversible', [], []],
      ['2_b', 'residue', ['down: down does not restore column public.a.c', 'reup: up run again after its down does not recreate column public.a.c'], []],
      ['3_c', 'irreversible', [], ['overwrites column c in every row of a']],
    ]);
  });
});

describe('reports', () => {
  test('text, markdown and junit in one run, next to json', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pgparity-rehearse-out-'));
    temp.push(dir);
    const r = await runCli([
      'rehearse',
      '-m',
      'fixtures/rehearse/golang-migrate/migrations',
      ...scratch(),
      '--format',
      'markdown',
      '-o',
      join(dir, 'r.md'),
      '--format',
      'junit',
      '-o',
      join(dir, 'r.xml'),
      '--format',
      'text',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').slice(3, 6)).toEqual([
      '  ✓ 001_create_users     reversible',
      '  ✓ 002_create_orders    reversible',
      '  ✗ 003_order_shipping   residue',
    ]);
    expect(r.stdout).toContain('      error: down leaves index public.orders.orders_status_idx');
    expect(r.stdout).toContain(
      '  ○ 008_expire_sessions  irreversible (schema restorable, data restore-only) — accepted: sessions are recreated at the next login',
    );
    const markdown = await readFile(join(dir, 'r.md'), 'utf8');
    expect(markdown.split('\n')[0]).toBe('## ❌ pgparity rehearse: not reversible');
    expect(markdown).toContain('| ❌ | `005_invoices` | down fails | 0 | 0 |');
    const junit = await readFile(join(dir, 'r.xml'), 'utf8');
    expect(junit).toContain('<testsuites name="pgparity rehearse" tests="8" failures="5" errors="0" time="0">');
    expect(junit).toContain('<failure type="residue" message="residue">error: down leaves index public.orders.orders_status_idx</failure>');
    expect(junit).toContain('<skipped message="irreversible (schema restorable, data restore-only) (accepted: sessions are recreated at the next login)"/>');
  });
});

describe('errors', () => {
  test('an up that fails the first time: the history is broken, exit 4 with file:line:col and a caret', async () => {
    // The server gives no position for a missing index column: the failing statement is pointed at.
    const dir = await history({ '1_a.up.sql': 'create table a (id int);\ncreate index on a (nope);\n', '1_a.down.sql': 'drop table a;' });
    const r = await runCli(['rehearse', '-m', dir, ...scratch()]);
    expect(r.code).toBe(4);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n').slice(0, 3)).toEqual([
      `pgparity: migration ${join(dir, '1_a.up.sql')}:2:1 failed: column "nope" does not exist — fix the migration or check the order of files`,
      '2 | create index on a (nope);',
      '  | ^',
    ]);
  });

  test('usage mistakes: one line and exit 2', async () => {
    const cases: [string[], string][] = [
      [['rehearse'], 'pgparity: nothing to rehearse: pass --migrations DIR (files with their downs) or --up-cmd CMD --down-cmd CMD --steps N\n'],
      [['rehearse', '-m', 'fixtures/rehearse/nope'], 'pgparity: migrations directory fixtures/rehearse/nope does not exist: check --migrations\n'],
      [
        ['rehearse', '--up-cmd', 'true', '--down-cmd', 'true'],
        'pgparity: --up-cmd needs --steps N: how many migrations the history has (e.g. the number of revisions alembic history lists)\n',
      ],
      [
        ['rehearse', '--up-cmd', 'true'],
        'pgparity: --up-cmd and --down-cmd go together: the command that applies the next migration and the one that reverts the last\n',
      ],
      [['rehearse', '-m', 'fixtures/rehearse/goose/migrations', '--with-data', '0'], 'pgparity: --with-data must be a whole number of rows ≥ 1, got 0\n'],
      [
        ['rehearse', '-m', 'fixtures/rehearse/goose/migrations', '--from', '0042'],
        'pgparity: from "0042" matches no migration in fixtures/rehearse/goose/migrations (3 migrations: 00001_create_posts … 00003_post_slugs): give a migration id, file name or version number\n',
      ],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(args);
      expect([r.code, r.stderr]).toEqual([2, message]);
    }
  });
});
