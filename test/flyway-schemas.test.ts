import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { runCli } from './support/cli.js';

/**
 * Flyway's schemas (`flyway.schemas`, `spring.flyway.schemas`, …) and `--search-path`: a history of
 * unqualified names that Flyway ran in schema `app` replays into `app`, not `public`.
 */
const MIGRATIONS: Record<string, string> = {
  'V1__init.sql': 'create table customer (id bigint primary key, name text not null);\n',
  'V2__orders.sql': [
    'create table orders (id bigint primary key, customer_id bigint not null references customer (id));',
    'create index orders_customer_idx on orders (customer_id);',
    'create view customer_orders as select c.name, count(*) as n from customer c join orders o on o.customer_id = c.id group by c.name;',
    '',
  ].join('\n'),
};

let dir: string;
let live: TestDatabase;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pgparity-flyway-schemas-'));
  // Built the Flyway way: its schemas created, the default one first in search_path, its history table there.
  live = await createTestDatabase();
  await live.exec(
    [
      'create schema app',
      'create schema audit',
      'set search_path = app, "$user", public',
      `create table flyway_schema_history (installed_rank int not null primary key, version varchar(50), description varchar(200) not null,
         type varchar(20) not null, script varchar(1000) not null, checksum int, installed_by varchar(100) not null,
         installed_on timestamp not null default now(), execution_time int not null, success boolean not null)`,
      `insert into flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success)
         values (1, '1', 'init', 'SQL', 'V1__init.sql', null, 'app', 1, true), (2, '2', 'orders', 'SQL', 'V2__orders.sql', null, 'app', 1, true)`,
      MIGRATIONS['V1__init.sql'],
      MIGRATIONS['V2__orders.sql'],
    ].join(';\n'),
  );
});
afterAll(async () => {
  await live?.drop();
  await rm(dir, { recursive: true, force: true });
});

/** A project `name` (its root marked by .git) holding `files`, with the migrations under `migrationsAt`. */
async function project(name: string, files: Record<string, string>, migrationsAt = 'db/migration', migrations = MIGRATIONS): Promise<string> {
  const root = join(dir, name);
  await mkdir(join(root, '.git'), { recursive: true });
  const all = { ...files, ...Object.fromEntries(Object.entries(migrations).map(([file, sql]) => [join(migrationsAt, file), sql])) };
  for (const [file, text] of Object.entries(all)) {
    await mkdir(dirname(join(root, file)), { recursive: true });
    await writeFile(join(root, file), text);
  }
  return join(root, migrationsAt);
}

async function check(migrations: string, ...args: string[]) {
  const r = await runCli(['check', '--url', live.url, '--migrations', migrations, '--format', 'json', ...args]);
  const findings = r.code <= 1 ? (JSON.parse(r.stdout) as { findings: { change: string; key: string }[] }).findings.map((f) => `${f.change} ${f.key}`) : [];
  return { ...r, findings };
}

/** What check says when the replay puts everything in public and live has it in app (an extra schema stands for what it holds). */
const EVERYTHING_IN_THE_WRONG_SCHEMA = ['extra app', 'extra audit', 'missing public.customer', 'missing public.customer_orders', 'missing public.orders'];

describe('Flyway schemas', () => {
  test('flyway.conf schemas=app,audit: the replay runs in app (parity); without it, everything is missing in one schema and extra in the other', async () => {
    const plain = await project('plain', {});
    const without = await check(plain);
    expect(without.code).toBe(1);
    expect([...without.findings].sort()).toEqual([...EVERYTHING_IN_THE_WRONG_SCHEMA].sort());

    // The same files (the replay cache must not reuse the replay above): only flyway.conf differs.
    const conf = await project('conf', { 'flyway.conf': 'flyway.url=jdbc:postgresql://localhost/app\nflyway.schemas=app,audit\n' });
    const r = await check(conf);
    expect(r.findings).toEqual([]);
    expect(r.code).toBe(0);
  });

  test('Spring Boot application.yml: spring.flyway.schemas with a ${VAR:default} placeholder; flyway.toml; differing files are told once', async () => {
    const spring = await project(
      'spring',
      { 'pom.xml': '<project/>\n', 'src/main/resources/application.yml': 'spring:\n  flyway:\n    schemas: ${DB_SCHEMA:app},audit\n' },
      'src/main/resources/db/migration',
    );
    const r = await check(spring);
    expect(r.findings).toEqual([]);
    expect(r.code).toBe(0);

    const toml = await project('toml', {
      'flyway.toml': [
        '[flyway]',
        'environment = "prod"',
        '[environments.default]',
        'schemas = ["elsewhere"]',
        '[environments.prod]',
        'url = "jdbc:postgresql://db/app"',
        'schemas = [',
        '  "audit",',
        '  "app",',
        ']',
        'defaultSchema = "app"',
        '',
      ].join('\n'),
    });
    expect((await check(toml)).code).toBe(0);

    const both = await project('both', {
      'flyway.conf': 'flyway.schemas=app,audit\n',
      'src/main/resources/application.properties': 'spring.flyway.schemas=elsewhere\n',
    });
    const told = await check(both, '--quiet');
    expect(told.code).toBe(0);
    expect(told.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^pgparity: Flyway settings disagree on schemas: replaying with search_path app \(also creating audit\) from .*both\/flyway\.conf \(nearest\), not search_path elsewhere from .*both\/src\/main\/resources\/application\.properties; --search-path chooses$/,
      ),
    ]);
  });

  test('--search-path (and the config key searchPath) for any tool, over what the Flyway files say', async () => {
    const plain = await project('flag-plain', {});
    expect((await check(plain, '--search-path', 'app, audit')).code).toBe(0);

    const wrong = await project('flag-over-file', { 'flyway.conf': 'flyway.schemas=elsewhere\n' });
    expect((await check(wrong)).code).toBe(1);
    expect((await check(wrong, '--search-path', 'app,audit')).findings).toEqual([]);

    const snapshot = await runCli(['snapshot', plain, '--search-path', 'app,audit']);
    const keys = (JSON.parse(snapshot.stdout) as { objects: { kind: string; key: string }[] }).objects.filter((o) => o.kind === 'table').map((o) => o.key);
    expect(keys).toEqual(['app.customer', 'app.orders']);
    const diffed = await runCli(['diff', '--from', plain, '--to', live.url, '--search-path', 'app,audit']);
    expect(diffed.code).toBe(0);

    await writeFile(join(dir, 'pgparity.config.json'), JSON.stringify({ searchPath: ['app', 'audit'] }));
    const configured = await runCli(['check', '--url', live.url, '--migrations', plain, '--quiet'], { cwd: dir });
    expect(configured.code).toBe(0);
  });

  test('the replay cache keeps replays with different search paths apart', async () => {
    const plain = await project('cache', {});
    expect((await check(plain, '--search-path', 'app,audit')).code).toBe(0);
    const other = await check(plain, '--search-path', 'audit,app');
    expect(other.code).toBe(1);
    expect(other.findings).toContain('extra app.customer');
    expect((await check(plain, '--search-path', 'app,audit')).code).toBe(0);
  });

  test('history finds the Flyway history table in the default schema; preflight and rehearse replay in the schemas too', async () => {
    const conf = await project('others', { 'flyway.conf': 'flyway.schemas=app,audit\n' });
    const history = await runCli(['history', '--url', live.url, '--migrations', conf, '--format', 'json']);
    const audit = JSON.parse(history.stdout) as { tables: { table: string; framework: string }[]; findings: { problem: string }[] };
    expect(audit.tables.map((t) => `${t.framework} ${t.table}`)).toEqual(['flyway app.flyway_schema_history']);

    const preflight = async (dir: string) => {
      const r = await runCli(['preflight', '--url', live.url, '--migrations', dir, '--since', '2', '--format', 'json']);
      return (JSON.parse(r.stdout) as { warnings: string[] }).warnings;
    };
    // Live holds V2 already: what differs up to V1 is V2's work, in app, and nothing else.
    const v2 = 'e.g. view app.customer_orders exists in live but no migration creates it';
    const warning = (n: number, example: string) =>
      `live is not in parity with the applied migrations (${n} differences up to V1__init, ${example}): what is measured here may differ where live drifted — see pgparity check --until V1__init`;
    expect(await preflight(conf)).toEqual([warning(2, v2)]);
    const plain = await preflight(await project('others-plain', {}));
    expect(plain).toHaveLength(1);
    expect(plain[0]).toMatch(/^live is not in parity with the applied migrations \(3 differences up to V1__init, /);

    // A history that names its other schema: Flyway created it; replayed without the setting, V1 fails.
    const undo = {
      'V1__log.sql': 'create table audit.log (id bigint primary key);\ncreate table entry (id bigint primary key);\n',
      'U1__log.sql': 'drop table entry;\ndrop table audit.log;\n',
    };
    const rehearsed = await runCli(['rehearse', '-m', await project('rehearse', { 'flyway.conf': 'flyway.schemas=app,audit\n' }, 'db/migration', undo)]);
    expect(rehearsed.stderr).toBe('');
    expect(rehearsed.code).toBe(0);
    const failed = await runCli(['rehearse', '-m', await project('rehearse-plain', {}, 'db/migration', undo)]);
    expect(failed.code).toBe(4);
  });

  test("stamp finds Flyway's table in app and points at Flyway's own baseline, gated by a check that replays in app", async () => {
    const conf = await project('stamp', { 'flyway.conf': 'flyway.schemas=app,audit\n' });
    const r = await runCli(['stamp', '--url', live.url, '-m', conf, '--dry-run']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "pgparity: app.flyway_schema_history belongs to flyway: pgparity stamp writes plain file-name tables only; gate the tool's own stamp instead: pgparity check --until <migration> && flyway baseline -baselineVersion=<version>\n",
    );
    expect((await check(conf, '--until', '2')).code).toBe(0);
  });

  test('an empty schema name, or a Spring placeholder without a default: one line, exit 2', async () => {
    const plain = await project('bad', {});
    const empty = await runCli(['check', '--url', live.url, '--migrations', plain, '--search-path', 'app,,audit']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toBe(
      'pgparity: --search-path "app,,audit": a schema name is empty: give schema names separated by commas, e.g. --search-path app,audit\n',
    );

    const unknown = await project('unknown', { 'src/main/resources/application.properties': 'spring.flyway.schemas=${DB_SCHEMA}\n' });
    const r = await runCli(['check', '--url', live.url, '--migrations', unknown]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^pgparity: .*unknown\/src\/main\/resources\/application\.properties: spring\.flyway\.schemas is \$\{DB_SCHEMA\}, and DB_SCHEMA has no default there: the schema Flyway uses is not known; give it with --search-path SCHEMA \(or "searchPath" in the config file\)\n$/,
    );

    const fromEnv = await project('from-env', { 'flyway.conf': 'flyway.schemas=${FLYWAY_SCHEMAS}\n' });
    const conf = await runCli(['check', '--url', live.url, '--migrations', fromEnv]);
    expect(conf.code).toBe(2);
    expect(conf.stderr).toMatch(/^pgparity: .*from-env\/flyway\.conf: flyway\.schemas is \$\{FLYWAY_SCHEMAS\}, and FLYWAY_SCHEMAS has no default there: /);
    // Given, it decides: the file is not read.
    expect((await check(fromEnv, '--search-path', 'app,audit')).code).toBe(0);
  });
});
