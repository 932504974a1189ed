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
      'create table flyway_schema_history (installed_rank int primary key, version varchar(50), script varchar(1000) not null, success boolean not null)',
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
async function project(name: string, files: Record<string, string>, migrationsAt = 'db/migration'): Promise<string> {
  const root = join(dir, name);
  await mkdir(join(root, '.git'), { recursive: true });
  const all = { ...files, ...Object.fromEntries(Object.entries(MIGRATIONS).map(([file, sql]) => [join(migrationsAt, file), sql])) };
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

    const toml = await project('toml', { 'flyway.toml': '[flyway]\nschemas = ["audit", "app"]\ndefaultSchema = "app"\n' });
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
  });
});
