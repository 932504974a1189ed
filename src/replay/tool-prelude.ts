import type pg from 'pg';
import type { Migration } from './discover.js';

/**
 * What a migration tool does before it runs the first migration. First, the history table it
 * creates, as it creates it. Migrations may use it: Harbor's golang-migrate history adds a column to `schema_migrations`,
 * Lemmy's Diesel history puts a trigger on `__diesel_schema_migrations`. Replayed without it, such
 * a migration fails (`relation "schema_migrations" does not exist`) where the tool never does.
 * History tables are left out of the comparison (normalize/history.ts), so creating one in
 * scratch changes nothing else.
 */
interface ToolTable {
  readonly name: string;
  readonly tool: string;
  /** Whether this is the tool that replays `migrations` (needed only where tools share a name). */
  readonly runs?: (migrations: readonly Migration[]) => boolean;
  readonly sql: string;
}

/** golang-migrate's layouts: `NNN_x.up.sql` beside `.down.sql`, or `NNN_x/up.sql`. */
const upFiles = (migrations: readonly Migration[]): boolean => migrations.some((m) => /(?:\.|[/\\])up\.sql$/i.test(m.file));

const TOOL_TABLES: readonly ToolTable[] = [
  {
    name: 'schema_migrations',
    tool: 'golang-migrate',
    runs: upFiles,
    sql: 'create table if not exists schema_migrations (version bigint not null primary key, dirty boolean not null)',
  },
  // dbmate (and the other tools that keep only a version in `schema_migrations`).
  { name: 'schema_migrations', tool: 'dbmate', sql: 'create table if not exists schema_migrations (version varchar(128) primary key)' },
  {
    name: '__diesel_schema_migrations',
    tool: 'diesel',
    sql: 'create table if not exists __diesel_schema_migrations (version varchar(50) primary key not null, run_on timestamp not null default current_timestamp)',
  },
  {
    name: 'flyway_schema_history',
    tool: 'flyway',
    sql: `create table if not exists flyway_schema_history (installed_rank int not null constraint flyway_schema_history_pk primary key, version varchar(50),
      description varchar(200) not null, type varchar(20) not null, script varchar(1000) not null, checksum int, installed_by varchar(100) not null,
      installed_on timestamp not null default now(), execution_time int not null, success boolean not null);
      create index if not exists flyway_schema_history_s_idx on flyway_schema_history (success)`,
  },
  {
    name: '_prisma_migrations',
    tool: 'prisma',
    sql: `create table if not exists _prisma_migrations (id varchar(36) primary key not null, checksum varchar(64) not null, finished_at timestamptz,
      migration_name varchar(255) not null, logs text, rolled_back_at timestamptz, started_at timestamptz not null default now(),
      applied_steps_count int not null default 0)`,
  },
  {
    name: 'goose_db_version',
    tool: 'goose',
    sql: 'create table if not exists goose_db_version (id serial primary key, version_id bigint not null, is_applied boolean not null, tstamp timestamp default now())',
  },
  {
    name: '_sqlx_migrations',
    tool: 'sqlx',
    sql: `create table if not exists _sqlx_migrations (version bigint primary key, description text not null, installed_on timestamptz not null default now(),
      success boolean not null, checksum bytea not null, execution_time bigint not null)`,
  },
];

/**
 * Extensions TypeORM's PostgreSQL driver creates when it connects, before it runs a migration,
 * because the entities use them (PostgresDriver.checkMetadataForExtensions): `uuid-ossp` for
 * `@PrimaryGeneratedColumn('uuid')`, `citext`, `hstore`, `ltree`, `cube` and `postgis` for those
 * column types. The classes' SQL is all that is known of the entities here: what it uses stands for them.
 */
const TYPEORM_EXTENSIONS: readonly { readonly name: string; readonly used: RegExp }[] = [
  { name: 'uuid-ossp', used: /(?<![\w$])uuid_generate_v[1345](?:mc)?\s*\(/i },
  ...(
    [
      ['citext', 'citext'],
      ['hstore', 'hstore'],
      ['ltree', 'ltree'],
      ['cube', 'cube'],
      ['postgis', '(?:geometry|geography)'],
    ] as const
  ).map(([name, type]) => ({ name, used: columnOfType(type) })),
];

/** A column declared with `type`, as TypeORM writes it: `"path" ltree NOT NULL`, `"area" geometry(Polygon,4326)`. */
function columnOfType(type: string): RegExp {
  return new RegExp(`"[^"]+"\\s+(?:"?public"?\\.)?"?${type}"?(?=\\s*[(\\[,)]|\\s|$)`, 'i');
}

/** A TypeORM migration class (`1700000000000-Init.ts`), replayed from the SQL of its up(). */
const isTypeormClass = (m: Migration): boolean => /\.[cm]?[jt]s$/i.test(m.file);

/**
 * What the migrations' tool does before it runs the first one, as the tool does it: creates its
 * history table, when some migration uses it and none creates it; for TypeORM classes, creates the
 * extensions their SQL uses and none creates. Empty for almost every history.
 */
export function toolPreludeSql(migrations: readonly Migration[]): string[] {
  const typeorm = migrations.some(isTypeormClass)
    ? TYPEORM_EXTENSIONS.filter(
        (e) =>
          migrations.some((m) => e.used.test(m.sql)) &&
          !migrations.some((m) => new RegExp(`create\\s+extension\\s+(?:if\\s+not\\s+exists\\s+)?"?${e.name}"?(?![\\w-])`, 'i').test(m.sql)),
      ).map((e) => `create extension if not exists "${e.name}"`)
    : [];
  return [...typeorm, ...toolTablesSql(migrations)];
}

/** The statements that create each history table that some migration uses and none creates. */
function toolTablesSql(migrations: readonly Migration[]): string[] {
  const wanted: string[] = [];
  const seen = new Set<string>();
  for (const table of TOOL_TABLES) {
    if (seen.has(table.name) || (table.runs && !table.runs(migrations))) continue;
    seen.add(table.name);
    const name = table.name.replace(/\$/g, '\\$');
    const mentioned = new RegExp(`(?<![\\w$])"?${name}"?(?![\\w$])`, 'i');
    if (migrations.some((m) => mentioned.test(m.sql)) && !createsTable(migrations, table.name)) wanted.push(table.sql);
  }
  return wanted;
}

/**
 * Do that on a replay session, before the first migration. A step the scratch server refuses (an
 * extension it does not have) is passed over: the migration that needs it then fails on its own
 * statement, with its file:line and the way out.
 */
export async function createToolPrelude(client: pg.ClientBase, migrations: readonly Migration[]): Promise<void> {
  for (const sql of toolPreludeSql(migrations)) await client.query(sql).catch(() => undefined);
}

/** Whether some migration creates a table called `name` (in any schema), as a text search finds it. */
export function createsTable(migrations: readonly Migration[], name: string): boolean {
  const quoted = name.replace(/\$/g, '\\$');
  const created = new RegExp(`create\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?(?:"?\\w+"?\\s*\\.\\s*)?"?${quoted}"?(?![\\w$])`, 'i');
  return migrations.some((m) => created.test(m.sql));
}
