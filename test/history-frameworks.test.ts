import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { auditMigrationHistory } from '../src/commands/history.js';
import { graphileHash, sha384Hex } from '../src/history/checksums.js';
import type { HistoryReport } from '../src/history/model.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const done of cleanup) await done();
});

/** Build the history table as the tool leaves it, lay out its files, and audit. */
async function audit(sql: string, files: Record<string, string>, options: { historyTable?: string; allowPending?: boolean } = {}): Promise<HistoryReport> {
  const db: TestDatabase = await createTestDatabase();
  cleanup.push(() => db.drop());
  await db.exec(sql);
  const dir = await mkdtemp(join(tmpdir(), 'pgparity-history-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return auditMigrationHistory({ url: db.url, env: {}, migrations: dir, ...options });
}

const problems = (report: HistoryReport): string[][] => report.findings.map((f) => [f.problem, f.migration ?? '']);

describe('history of other tools', () => {
  test('sqlx: SHA-384 of the exact bytes (bytea), success = false', async () => {
    const one = 'create table a (id int);\n';
    const two = 'create table b (id int);\n';
    const report = await audit(
      `CREATE TABLE _sqlx_migrations (version BIGINT PRIMARY KEY, description TEXT NOT NULL, installed_on TIMESTAMPTZ NOT NULL DEFAULT now(), success BOOLEAN NOT NULL, checksum BYTEA NOT NULL, execution_time BIGINT NOT NULL);
       INSERT INTO _sqlx_migrations VALUES (20240101000000, 'create a', '2024-01-01', true, '\\x${sha384Hex(one)}', 1),
                                          (20240102000000, 'create b', '2024-01-02', true, '\\x${sha384Hex('create table b (id bigint);\n')}', 1),
                                          (20240103000000, 'create c', '2024-01-03', false, '\\x00', 1);`,
      {
        'migrations/20240101000000_create_a.sql': one,
        'migrations/20240102000000_create_b.sql': two,
        'migrations/20240103000000_create_c.up.sql': 'x',
        'migrations/20240103000000_create_c.down.sql': 'y',
        'migrations/20240104000000_create_d.sql': 'z',
      },
    );
    expect(report.tables[0]).toMatchObject({ framework: 'sqlx', checksum: 'sha384', applied: 2, files: 4 });
    expect(problems(report)).toEqual([
      ['pending', '20240104000000'],
      ['checksum_mismatch', '20240102000000 (create b)'],
      ['failed', '20240103000000 (create c)'],
    ]);
  });

  test('graphile-migrate: the hash chain of committed files', async () => {
    const body1 = 'create table a (id int);\n';
    const hash1 = graphileHash(body1, null);
    const body2 = 'create table b (id int);\n';
    const hash2 = graphileHash(body2, hash1);
    const report = await audit(
      `CREATE SCHEMA graphile_migrate;
       CREATE TABLE graphile_migrate.migrations (hash text PRIMARY KEY, previous_hash text REFERENCES graphile_migrate.migrations, filename text NOT NULL, date timestamptz NOT NULL DEFAULT now());
       INSERT INTO graphile_migrate.migrations VALUES ('${hash1}', NULL, '000001.sql', '2024-01-01'), ('${hash2}', '${hash1}', '000002.sql', '2024-01-02');`,
      {
        'migrations/committed/000001.sql': `--! Previous: -\n--! Hash: ${hash1}\n\n${body1}`,
        // Edited after it was committed and run: the body no longer gives the recorded hash.
        'migrations/committed/000002-b.sql': `--! Previous: ${hash1}\n--! Hash: ${hash2}\n--! Message: b\n\ncreate table b (id bigint);\n`,
        'migrations/current.sql': '-- work in progress\n',
      },
    );
    expect(report.tables[0]).toMatchObject({ table: 'graphile_migrate.migrations', framework: 'graphile-migrate', checksum: 'sha1-chain', files: 2 });
    expect(problems(report)).toEqual([['checksum_mismatch', '000002.sql']]);
  });

  test('knex: names with extension (a .js → .ts move keeps its history), a vanished file, out of order', async () => {
    const report = await audit(
      `CREATE TABLE knex_migrations (id serial PRIMARY KEY, name varchar(255), batch integer, migration_time timestamptz);
       CREATE TABLE knex_migrations_lock (index serial PRIMARY KEY, is_locked integer);
       INSERT INTO knex_migrations (name, batch, migration_time) VALUES ('20240101_users.js', 1, now()), ('20240301_audit.js', 1, now()), ('20240201_orders.js', 2, now()), ('20231201_legacy.js', 2, now());`,
      { 'migrations/20240101_users.ts': '', 'migrations/20240201_orders.ts': '', 'migrations/20240301_audit.ts': '', 'migrations/types.d.ts': '' },
    );
    expect(report.tables.map((t) => [t.table, t.framework, t.files])).toEqual([['public.knex_migrations', 'knex', 3]]);
    expect(problems(report)).toEqual([
      ['missing_file', '20231201_legacy.js'],
      ['out_of_order', '20240201_orders.js'],
    ]);
  });

  test('django: per-app order; apps without files under DIR are left out', async () => {
    const report = await audit(
      `CREATE TABLE django_migrations (id bigserial PRIMARY KEY, app varchar(255) NOT NULL, name varchar(255) NOT NULL, applied timestamptz NOT NULL);
       INSERT INTO django_migrations (app, name, applied) VALUES ('contenttypes', '0001_initial', now()), ('auth', '0001_initial', now()), ('shop', '0001_initial', now());`,
      { 'shop/migrations/__init__.py': '', 'shop/migrations/0001_initial.py': '', 'shop/migrations/0002_order_status.py': '', 'shop/models.py': '' },
    );
    expect(report.tables[0]).toMatchObject({ framework: 'django', applied: 1, files: 2, pending: 1 });
    expect(report.tables[0]!.notes).toContain(`apps without migrations under ${report.migrations} not audited: auth, contenttypes`);
    expect(problems(report)).toEqual([['pending', 'shop.0002_order_status']]);
  });

  test('goose: the latest row of a version decides; a migrated-down version is pending', async () => {
    const report = await audit(
      `CREATE TABLE goose_db_version (id serial PRIMARY KEY, version_id bigint NOT NULL, is_applied boolean NOT NULL, tstamp timestamp DEFAULT now());
       INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, true), (1, true), (2, true), (2, false);`,
      { 'db/migrations/00001_users.sql': '', 'db/migrations/00002_orders.sql': '', 'db/migrations/00003_index.go': '' },
    );
    expect(report.tables[0]).toMatchObject({ framework: 'goose', applied: 1, files: 3 });
    expect(problems(report)).toEqual([
      ['pending', '2'],
      ['pending', '3'],
    ]);
  });

  test('kysely: a file that sorts before the latest applied one will not be run in order', async () => {
    const report = await audit(
      `CREATE TABLE kysely_migration (name varchar(255) PRIMARY KEY, timestamp varchar(255) NOT NULL);
       CREATE TABLE kysely_migration_lock (id varchar(255) PRIMARY KEY, is_locked integer NOT NULL DEFAULT 0);
       INSERT INTO kysely_migration VALUES ('2024_01_01_users', '2024-01-01T00:00:00.000Z'), ('2024_03_01_audit', '2024-03-01T00:00:00.000Z');`,
      { 'migrations/2024_01_01_users.ts': '', 'migrations/2024_02_01_orders.ts': '', 'migrations/2024_03_01_audit.ts': '' },
      { allowPending: true },
    );
    expect(report.findings).toEqual([
      expect.objectContaining({
        problem: 'pending',
        severity: 'error',
        migration: '2024_02_01_orders',
        message: expect.stringContaining('2024_03_01_audit.ts, which comes after it, is'),
      }),
    ]);
  });

  test('typeorm, diesel and node-pg-migrate key their rows as their files are named', async () => {
    const typeorm = await audit(
      `CREATE TABLE migrations (id serial PRIMARY KEY, timestamp bigint NOT NULL, name varchar NOT NULL); INSERT INTO migrations (timestamp, name) VALUES (1700000000000, 'Users1700000000000');`,
      { 'src/migrations/1700000000000-Users.ts': '', 'src/migrations/1700000001000-Orders.ts': '' },
    );
    expect([typeorm.tables[0]?.framework, ...problems(typeorm).flat()]).toEqual(['typeorm', 'pending', '1700000001000']);

    const diesel = await audit(
      `CREATE TABLE __diesel_schema_migrations (version VARCHAR(50) PRIMARY KEY NOT NULL, run_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP); INSERT INTO __diesel_schema_migrations (version) VALUES ('00000000000000'), ('20240101120000');`,
      {
        'migrations/00000000000000_diesel_initial_setup/up.sql': '',
        'migrations/2024-01-01-120000_create_users/up.sql': '',
        'migrations/2024-01-01-120000_create_users/down.sql': '',
      },
    );
    expect([diesel.tables[0]?.framework, diesel.tables[0]?.files, diesel.findings]).toEqual(['diesel', 2, []]);

    const pgm = await audit(
      `CREATE TABLE pgmigrations (id serial PRIMARY KEY, name varchar(255) NOT NULL, run_on timestamp NOT NULL); INSERT INTO pgmigrations (name, run_on) VALUES ('1700000000000_users', now());`,
      { 'migrations/1700000000000_users.js': '' },
    );
    expect([pgm.tables[0]?.framework, pgm.findings]).toEqual(['node-pg-migrate', []]);
  });

  test('schema_migrations (version): dbmate, or rails beside ar_internal_metadata', async () => {
    const dbmate = await audit(`CREATE TABLE schema_migrations (version varchar(128) PRIMARY KEY); INSERT INTO schema_migrations VALUES ('20240101000000');`, {
      'db/migrations/20240101000000_users.sql': '-- migrate:up\n',
      'db/migrations/20240102000000_orders.sql': '-- migrate:up\n',
    });
    expect([dbmate.tables[0]?.framework, ...problems(dbmate).flat()]).toEqual(['dbmate', 'pending', '20240102000000']);
    const rails = await audit(
      `CREATE TABLE schema_migrations (version varchar PRIMARY KEY); CREATE TABLE ar_internal_metadata (key varchar PRIMARY KEY, value varchar); INSERT INTO schema_migrations VALUES ('20240101000000');`,
      { 'db/migrate/20240101000000_create_users.rb': '' },
    );
    expect([rails.tables[0]?.framework, rails.findings]).toEqual(['rails', []]);
  });

  test('a plain table whose checksums are no known digest of any file is not reported as all edited', async () => {
    const report = await audit(
      `CREATE TABLE schema_migrations (name text PRIMARY KEY, hash text NOT NULL, executed_at timestamptz NOT NULL);
       INSERT INTO schema_migrations VALUES ('001_a.sql', 'v1:0f0f', '2024-01-01'), ('002_b.sql', 'v1:1e1e', '2024-01-02');`,
      { '001_a.sql': 'create table a (id int);\n', '002_b.sql': 'create table b (id int);\n' },
    );
    expect(report.findings).toEqual([]);
    expect(report.tables[0]).toMatchObject({ framework: 'plain', checksum: null });
    expect(report.tables[0]!.notes).toEqual([
      "the checksums in public.schema_migrations.hash are none of sha256, md5, sha1 or sha384 of any file's bytes: they were not verified",
    ]);
  });

  test("a known tool's table pgparity does not read yet is named, not misread", async () => {
    const report = await audit(
      `CREATE TABLE migrations (id integer PRIMARY KEY, name varchar(100) UNIQUE NOT NULL, hash varchar(40) NOT NULL, executed_at timestamp DEFAULT now());
       INSERT INTO migrations (id, name, hash) VALUES (0, 'create-migrations-table', 'abc');`,
      { 'migrations/1_init.sql': '' },
    );
    expect(report.warnings).toContain("public.migrations is postgres-migrations's history table, which pgparity does not audit yet");
    expect(report.findings.map((f) => f.problem)).toEqual(['no_history_table']);
  });

  test('liquibase: changesets of formatted SQL changelogs', async () => {
    const report = await audit(
      `CREATE TABLE databasechangelog (id varchar(255) NOT NULL, author varchar(255) NOT NULL, filename varchar(255) NOT NULL, dateexecuted timestamp NOT NULL, orderexecuted int NOT NULL, exectype varchar(10) NOT NULL, md5sum varchar(35), description varchar(255), comments varchar(255), tag varchar(255), liquibase varchar(20), contexts varchar(255), labels varchar(255), deployment_id varchar(10));
       INSERT INTO databasechangelog (id, author, filename, dateexecuted, orderexecuted, exectype) VALUES
         ('1', 'ana', 'db/changelog/001-users.sql', now(), 1, 'EXECUTED'),
         ('2', 'ana', 'db/changelog/001-users.sql', now(), 2, 'EXECUTED'),
         ('1', 'bo', 'db/changelog/removed.xml', now(), 3, 'EXECUTED');`,
      {
        'changelog/001-users.sql':
          '--liquibase formatted sql\n\n--changeset ana:1\ncreate table users (id int);\n\n--changeset ana:3\ncreate index on users (id);\n',
        'changelog/master.xml': '<databaseChangeLog/>',
      },
    );
    expect(report.tables[0]).toMatchObject({ framework: 'liquibase', checksum: null });
    expect(problems(report)).toEqual([
      ['missing_file', 'ana:2 in 001-users.sql'],
      ['missing_file', 'bo:1 in removed.xml'],
      ['pending', 'ana:3 in 001-users.sql'],
    ]);
  });
});
