import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { targetUrl } from '../src/db/target.js';
import { adminTarget, createTestDatabase, type TestDatabase } from './support/database.js';
import { runCli } from './support/cli.js';

/**
 * Histories as their tools run them: live is built the way the tool builds it (its history table
 * first, only the up side of each migration), then checked through the built CLI against the files.
 * Each case is a pattern seen in a real public history: dbmate / goose files holding both
 * directions, migrations that use the tool's own history table.
 */
const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const done of cleanup) await done();
});

async function files(layout: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pgparity-framework-history-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  for (const [path, text] of Object.entries(layout)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

async function live(sql: string): Promise<TestDatabase> {
  const db = await createTestDatabase();
  cleanup.push(() => db.drop());
  await db.exec(sql);
  return db;
}

const scratch = (): string[] => ['--scratch', targetUrl(adminTarget()), '--no-cache'];

describe('files that hold both directions replay only their up side', () => {
  const DBMATE = {
    '20240101000000_users.sql': '-- migrate:up\ncreate table users (id int primary key, email text);\n\n-- migrate:down\ndrop table users;\n',
    '20240102000000_email_index.sql':
      '-- migrate:up transaction:false\ncreate index concurrently users_email on users (email);\n\n-- migrate:down\ndrop index users_email;\n',
  };

  test('dbmate: the down half is not replayed (it dropped what the up made)', async () => {
    const dir = await files(DBMATE);
    const db = await live(`create table schema_migrations (version varchar(128) primary key);
      create table users (id int primary key, email text); create index users_email on users (email);
      insert into schema_migrations values ('20240101000000'), ('20240102000000');`);
    const r = await runCli(['check', '--url', db.url, '--migrations', dir, ...scratch()]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('pgparity: parity — no differences');
    expect(r.code).toBe(0);
  });

  test('dbmate: a table missing in live is blamed on its up line, not on the down that drops it', async () => {
    const dir = await files(DBMATE);
    const db = await live(`create table schema_migrations (version varchar(128) primary key); insert into schema_migrations values ('20240101000000');`);
    const r = await runCli(['check', '--url', db.url, '--migrations', dir, '--format', 'json', ...scratch()]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { findings: { key: string; change: string; cause: { message: string } }[] };
    expect(report.findings.map((f) => [f.change, f.key, f.cause.message])).toEqual([
      [
        'missing',
        'public.users',
        `created by ${join(dir, '20240101000000_users.sql')}:2, which public.schema_migrations records as applied: it ran only in part, or what it made was dropped or changed by hand since`,
      ],
    ]);
  });

  test('dbmate: files apply in plain file name order, as dbmate sorts them', async () => {
    const dir = await files({
      '20240101120000_accounts.sql': '-- migrate:up\ncreate table accounts (id int primary key);\n\n-- migrate:down\ndrop table accounts;\n',
      // By name after 20240101120000_accounts.sql; by its number (20240102) it would come first.
      '20240102_accounts_email.sql': '-- migrate:up\nalter table accounts add column email text;\n\n-- migrate:down\nalter table accounts drop column email;\n',
    });
    const db = await live('create table accounts (id int primary key, email text);');
    const r = await runCli(['check', '--url', db.url, '--migrations', dir, ...scratch()]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('pgparity: parity — no differences');
    expect(r.code).toBe(0);
  });

  test('goose: Up / Down sections with StatementBegin / StatementEnd', async () => {
    const dir = await files({
      '00001_accounts.sql': `-- +goose Up
create table accounts (id bigint primary key, balance numeric not null default 0);
-- +goose StatementBegin
create function touch() returns trigger language plpgsql as $$ begin return new; end; $$;
-- +goose StatementEnd

-- +goose Down
drop function touch();
drop table accounts;
`,
    });
    const db =
      await live(`create table goose_db_version (id serial primary key, version_id bigint not null, is_applied boolean not null, tstamp timestamp default now());
      create table accounts (id bigint primary key, balance numeric not null default 0);
      create function touch() returns trigger language plpgsql as $$ begin return new; end; $$;`);
    const r = await runCli(['check', '--url', db.url, '--migrations', dir, ...scratch()]);
    expect(r.stdout).toContain('pgparity: parity — no differences');
    expect(r.code).toBe(0);
  });
});

describe("migrations that use their tool's own history table", () => {
  test('golang-migrate: a migration that adds a column to schema_migrations replays (the tool creates it first)', async () => {
    const dir = await files({
      '0001_init.up.sql': 'create table projects (id serial primary key, name text not null);\n',
      '0001_init.down.sql': 'drop table projects;\n',
      '0002_data_version.up.sql': 'alter table schema_migrations add column data_version int;\nupdate schema_migrations set data_version = 2;\n',
      '0002_data_version.down.sql': 'alter table schema_migrations drop column data_version;\n',
      '0003_rename_all.up.sql': "update projects set name = 'x';\n",
      '0003_rename_all.down.sql': 'select 1;\n',
    });
    const db = await live(`create table schema_migrations (version bigint not null primary key, dirty boolean not null);
      create table projects (id serial primary key, name text not null);
      alter table schema_migrations add column data_version int;
      insert into schema_migrations values (3, false, 2);`);
    const r = await runCli(['check', '--url', db.url, '--migrations', dir, ...scratch()]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('pgparity: parity — no differences');
    expect(r.code).toBe(0);

    // The column the history added does not make schema_migrations another tool's table.
    const history = await runCli(['history', '--url', db.url, '--migrations', dir]);
    expect(history.stdout).toContain('public.schema_migrations (golang-migrate): 3 applied, 3 files, 0 pending, no checksums, current 3');
    expect(history.code).toBe(0);

    const rehearsed = await runCli(['rehearse', '--migrations', dir, '--format', 'json', '--scratch', targetUrl(adminTarget())]);
    const report = JSON.parse(rehearsed.stdout) as {
      migrations: { id: string; status: string; irreversibleStatements?: { reason: string }[] }[];
    };
    // Backfilling the column the same up added destroys nothing; overwriting an older one does.
    expect(report.migrations.map((m) => [m.id, m.status, (m.irreversibleStatements ?? []).map((s) => s.reason)])).toEqual([
      ['0001_init', 'reversible', []],
      ['0002_data_version', 'reversible', []],
      ['0003_rename_all', 'irreversible', ['overwrites column name in every row of projects']],
    ]);
    expect(rehearsed.code).toBe(1);
  });

  test('Diesel: a trigger on __diesel_schema_migrations replays', async () => {
    const guard = `create function forbid_cli() returns trigger language plpgsql as $$ begin raise 'use the app'; end; $$;
create trigger forbid_cli before insert on __diesel_schema_migrations execute function forbid_cli();
`;
    const dir = await files({
      '00000000000000_diesel_initial_setup/up.sql': 'create function noop() returns void language sql as $$ select $$;\n',
      '2024-01-01-000000_guard/up.sql': guard,
      '2024-01-01-000000_guard/down.sql': 'drop trigger forbid_cli on __diesel_schema_migrations;\ndrop function forbid_cli();\n',
    });
    const db =
      await live(`create table __diesel_schema_migrations (version varchar(50) primary key not null, run_on timestamp not null default current_timestamp);
      insert into __diesel_schema_migrations (version) values ('00000000000000'), ('20240101000000');
      create function noop() returns void language sql as $$ select $$;
      ${guard}`);
    const r = await runCli(['check', '--url', db.url, '--migrations', dir, ...scratch()]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('pgparity: parity — no differences');
    expect(r.code).toBe(0);
  });

  test('a history table some migration creates itself is left to it', async () => {
    const dir = await files({
      '001_init.up.sql': 'create table schema_migrations (version text primary key, note text);\ncreate table t (id int);\n',
      '002_note.up.sql': "insert into schema_migrations values ('x', 'y');\n",
    });
    const db = await live(`create table schema_migrations (version text primary key, note text); create table t (id int);`);
    const r = await runCli(['check', '--url', db.url, '--migrations', dir, ...scratch()]);
    expect(r.stdout).toContain('pgparity: parity — no differences');
    expect(r.code).toBe(0);
  });
});

describe("a table named like another tool's history that the migrations create themselves", () => {
  test('is theirs, not a second tool: history audits the one tool, stamp names it', async () => {
    const dir = await files({
      '0001_init.up.sql':
        "create table projects (id int);\ncreate table if not exists alembic_version (version_num varchar(32) not null);\ninsert into alembic_version values ('1.6.0');\n",
      '0002_more.up.sql': 'alter table projects add column name text;\n',
    });
    const db =
      await live(`create table schema_migrations (version bigint not null primary key, dirty boolean not null); insert into schema_migrations values (2, false);
      create table projects (id int, name text); create table alembic_version (version_num varchar(32) not null); insert into alembic_version values ('1.6.0');`);
    const history = await runCli(['history', '--url', db.url, '--migrations', dir, '--format', 'json']);
    const report = JSON.parse(history.stdout) as { verdict: string; tables: { table: string; framework: string }[]; findings: unknown[] };
    expect([report.verdict, report.tables.map((t) => [t.table, t.framework]), report.findings]).toEqual([
      'clean',
      [['public.schema_migrations', 'golang-migrate']],
      [],
    ]);
    expect(history.code).toBe(0);

    const stamp = await runCli(['stamp', '--url', db.url, '--migrations', dir, '--dry-run']);
    expect(stamp.stderr).toBe(
      "pgparity: public.schema_migrations belongs to golang-migrate: pgparity stamp writes plain file-name tables only; gate the tool's own stamp instead: pgparity check --until <migration> && migrate force <version>\n",
    );
    expect(stamp.code).toBe(2);
  });
});

describe('Prisma', () => {
  test('applies its migration directories in plain name order: a short name sorts by its characters, not by its number', async () => {
    const dir = await files({
      '20250601120000_init/migration.sql': 'CREATE TYPE "ChartType" AS ENUM (\'LINE\');\n',
      // By name, after 20250601120000 and before 20250701090000; by its number (20250625) it would come first.
      '20250625_add_pivot/migration.sql': 'ALTER TYPE "ChartType" ADD VALUE \'PIVOT\';\n',
      '20250701090000_add_bar/migration.sql': 'ALTER TYPE "ChartType" ADD VALUE \'BAR\';\n',
      'migration_lock.toml': 'provider = "postgresql"\n',
    });
    const db = await live(`create type "ChartType" as enum ('LINE', 'PIVOT', 'BAR');`);
    const r = await runCli(['check', '--url', db.url, '--migrations', dir, ...scratch()]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('pgparity: parity — no differences');
    expect(r.code).toBe(0);
  });
});

describe('TypeORM migration classes', () => {
  test("the extensions TypeORM's driver creates on connect (uuid-ossp for uuid_generate_v4()) are there before the first class", async () => {
    const dir = await files({
      '1715000000000-CreateFile.ts': `import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateFile1715000000000 implements MigrationInterface {
  name = 'CreateFile1715000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      \`CREATE TABLE "file" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "path" character varying NOT NULL, CONSTRAINT "PK_file" PRIMARY KEY ("id"))\`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(\`DROP TABLE "file"\`);
  }
}
`,
    });
    const db = await live(`create extension "uuid-ossp";
      create table migrations (id serial primary key, timestamp bigint not null, name varchar not null);
      insert into migrations (timestamp, name) values (1715000000000, 'CreateFile1715000000000');
      create table file (id uuid not null default uuid_generate_v4(), path varchar not null, constraint "PK_file" primary key (id));`);
    const r = await runCli(['check', '--url', db.url, '--migrations', dir, ...scratch()]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('pgparity: parity — no differences');
    expect(r.code).toBe(0);
  });
});

describe('Flyway callback scripts', () => {
  test('run where flyway migrate runs them (beforeMigrate first, afterMigrate last), the others not at all', async () => {
    const dir = await files({
      'beforeMigrate.sql': 'create schema if not exists audit;\n',
      'V1__orders.sql': 'create table orders (id bigint primary key, total numeric not null);\n',
      'V2__audit.sql': 'create table audit.events (id bigint primary key, at timestamptz not null);\n',
      'R__order_totals.sql': 'create or replace view order_totals as select sum(total) as total from orders;\n',
      'afterMigrate__comments.sql': "comment on view order_totals is 'refreshed by afterMigrate';\n",
      // Run by validate (before each migrate), on Flyway's own table, with a placeholder only Flyway replaces.
      'beforeValidate.sql': "update ${flywayTable} set checksum = 1 where version = '1';\n",
      'afterClean.sql': 'drop schema audit cascade;\n',
    });
    const db = await live(`create schema audit;
      create table orders (id bigint primary key, total numeric not null);
      create table audit.events (id bigint primary key, at timestamptz not null);
      create view order_totals as select sum(total) as total from orders;
      comment on view order_totals is 'refreshed by afterMigrate';`);
    const r = await runCli(['check', '--url', db.url, '--migrations', dir, ...scratch()]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('pgparity: parity — no differences');
    expect(r.code).toBe(0);
  });

  test('scans its locations recursively: migrations in subdirectories replay in version order, other SQL there does not', async () => {
    const dir = await files({
      'V1__orders.sql': 'create table orders (id bigint primary key);\n',
      'billing/V2__invoices.sql': 'create table invoices (id bigint primary key, order_id bigint references orders);\n',
      'billing/2024/V3__invoice_total.sql': 'alter table invoices add column total numeric;\n',
      'reporting/R__order_counts.sql': 'create or replace view order_counts as select count(*) as n from orders;\n',
      'seeds/demo_data.sql': 'insert into orders values (1);\n',
    });
    const db = await live(`create table orders (id bigint primary key);
      create table invoices (id bigint primary key, order_id bigint references orders, total numeric);
      create view order_counts as select count(*) as n from orders;`);
    const r = await runCli(['check', '--url', db.url, '--migrations', dir, ...scratch()]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('pgparity: parity — no differences');
    expect(r.code).toBe(0);
  });

  test('a placeholder only Flyway fills in: file:line:col, the message, and the way out (exit 4)', async () => {
    const dir = await files({ 'V1__orders.sql': 'create table orders (id bigint);\n\nalter table ${appSchema}.orders add column total numeric;\n' });
    const db = await live('');
    const r = await runCli(['check', '--url', db.url, '--migrations', dir, ...scratch()]);
    expect(r.stderr.split('\n')[0]).toBe(
      `pgparity: migration ${join(dir, 'V1__orders.sql')}:3:13 failed: syntax error at or near "$" — \${appSchema} is a placeholder your migration tool (Flyway, Liquibase) fills in before running the file, which pgparity does not: replay with the tool itself, e.g. --replay-cmd 'flyway -url=jdbc:postgresql://$PGHOST:$PGPORT/$PGDATABASE -user=$PGUSER -password=$PGPASSWORD migrate'`,
    );
    expect(r.code).toBe(4);
  });

  test("graphile-migrate's :PLACEHOLDER is named too", async () => {
    const dir = await files({
      'committed/000001.sql': '--! Previous: -\n--! Hash: sha1:0\n\ncreate schema app_public;\ngrant usage on schema app_public to :DATABASE_VISITOR;\n',
    });
    const db = await live('');
    const r = await runCli(['check', '--url', db.url, '--migrations', join(dir, 'committed'), ...scratch()]);
    expect(r.stderr.split('\n')[0]).toBe(
      `pgparity: migration ${join(dir, 'committed', '000001.sql')}:5:37 failed: syntax error at or near ":" — :DATABASE_VISITOR is a placeholder (graphile-migrate's .gmrc placeholders, a psql variable) that its tool fills in before running the file, which pgparity does not: replay with the tool itself through --replay-cmd`,
    );
    expect(r.code).toBe(4);
  });
});

describe("the causes of drift read live's history table", () => {
  const PRISMA_TABLE = `CREATE TABLE "_prisma_migrations" ("id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ, "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0);`;
  const INIT = 'CREATE TABLE "User" ("id" SERIAL NOT NULL, "email" TEXT NOT NULL, CONSTRAINT "User_pkey" PRIMARY KEY ("id"));\n';
  const ADD = '-- AlterTable\nALTER TABLE "User" ADD COLUMN "loginCount" INTEGER NOT NULL DEFAULT 0;\n';
  const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
  const row = (name: string, text: string): string =>
    `INSERT INTO _prisma_migrations VALUES ('${name}', '${sha256(text)}', now(), '${name}', NULL, NULL, now(), 1);`;
  const causes = async (dir: string, db: TestDatabase): Promise<string[][]> => {
    const r = await runCli(['check', '--url', db.url, '--migrations', dir, '--format', 'json', ...scratch()]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { findings: { key: string; change: string; cause: { type: string; message: string } }[] };
    return report.findings.map((f) => [f.change, f.key, f.cause.type, f.cause.message]);
  };

  test('a migration recorded as applied whose column live lacks: it ran only in part, or was undone by hand', async () => {
    const dir = await files({
      '20240101000000_init/migration.sql': INIT,
      '20240102000000_login_count/migration.sql': ADD,
      'migration_lock.toml': 'provider = "postgresql"\n',
    });
    const db = await live(`${PRISMA_TABLE} ${INIT} ${row('20240101000000_init', INIT)} ${row('20240102000000_login_count', ADD)}`);
    const file = join(dir, '20240102000000_login_count', 'migration.sql');
    expect(await causes(dir, db)).toEqual([
      [
        'missing',
        'public."User"."loginCount"',
        'pending_migration',
        `created by ${file}:2, which public._prisma_migrations records as applied: it ran only in part, or what it made was dropped or changed by hand since`,
      ],
    ]);
  });

  test('a migration edited after it was applied: its checksum says so', async () => {
    const edited = ADD.replace('DEFAULT 0', 'DEFAULT 1');
    const dir = await files({ '20240101000000_init/migration.sql': INIT, '20240102000000_login_count/migration.sql': edited });
    const db = await live(`${PRISMA_TABLE} ${INIT} ${ADD} ${row('20240101000000_init', INIT)} ${row('20240102000000_login_count', ADD)}`);
    const file = join(dir, '20240102000000_login_count', 'migration.sql');
    expect(await causes(dir, db)).toEqual([
      [
        'changed',
        'public."User"."loginCount"',
        'migration_mismatch',
        `last shaped by ${file}:2 (ALTER TABLE public."User" ADD COLUMN loginCount), a file edited after it was applied (its checksum is not the one public._prisma_migrations recorded): live has what it said then`,
      ],
    ]);
  });

  test('a migration whose work live has but whose row is missing: parity, and a warning that the tool would run it again', async () => {
    const SEED = 'INSERT INTO "User" ("email") VALUES (\'admin@example.com\');\n';
    const dir = await files({
      '20240101000000_init/migration.sql': INIT,
      '20240102000000_login_count/migration.sql': ADD,
      '20240103000000_seed/migration.sql': SEED,
    });
    const db = await live(`${PRISMA_TABLE} ${INIT} ${ADD} ${row('20240101000000_init', INIT)}`);
    const r = await runCli(['check', '--url', db.url, '--migrations', dir, '--format', 'json', ...scratch()]);
    const report = JSON.parse(r.stdout) as { verdict: string; warnings: string[] };
    // The seed changes no schema: nothing says whether it ran, so nothing is said of it.
    expect([report.verdict, report.warnings]).toEqual([
      'parity',
      [
        `public._prisma_migrations has no row for ${join(dir, '20240102000000_login_count', 'migration.sql')}, yet live has what it makes: its row went missing, or it was applied by hand; the tool would run it again (record it as applied with the tool; pgparity history lists it)`,
      ],
    ]);
    expect(r.code).toBe(0);
  });

  test('a migration its tool marked failed (golang-migrate dirty): it ran only in part', async () => {
    const dir = await files({
      '0001_users.up.sql': 'create table users (id int primary key);\n',
      '0002_orders.up.sql': 'create index concurrently users_id on users (id);\ncreate table orders (id int primary key);\n',
    });
    const db =
      await live(`create table schema_migrations (version bigint not null primary key, dirty boolean not null); insert into schema_migrations values (2, true);
      create table users (id int primary key); create index users_id on users (id);`);
    expect(await causes(dir, db)).toEqual([
      [
        'missing',
        'public.orders',
        'pending_migration',
        `created by ${join(dir, '0002_orders.up.sql')}:2, which public.schema_migrations records as failed: it ran only in part, or not at all; repair live by hand, then resolve it with the tool`,
      ],
    ]);
  });

  test('a migration with no row: not applied', async () => {
    const dir = await files({
      '0001_users.up.sql': 'create table users (id int primary key);\ncreate table legacy (id int);\n',
      '0002_legacy.up.sql': 'drop table legacy;\n',
    });
    const db =
      await live(`create table schema_migrations (version bigint not null primary key, dirty boolean not null); insert into schema_migrations values (1, false);
      create table users (id int primary key); create table legacy (id int);`);
    expect(await causes(dir, db)).toEqual([
      [
        'extra',
        'public.legacy',
        'pending_migration',
        `dropped by ${join(dir, '0002_legacy.up.sql')}:1 — not applied: public.schema_migrations has no row for it`,
      ],
    ]);
  });
});
