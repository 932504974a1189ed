/**
 * Tables in which migration tools record what they applied. They exist on both sides
 * but their rows (and often their shape) belong to the tool, not to the application's
 * schema, so they are left out of the comparison by default.
 */

export interface HistoryTable {
  /** Table name, matched in any schema. */
  readonly name: string;
  /** The tool that writes it. */
  readonly tool: string;
  /**
   * When set, the name alone is too common to be sure: the table is recognised only
   * when its columns are exactly these (in any order).
   */
  readonly columns?: readonly string[];
}

export const HISTORY_TABLES: readonly HistoryTable[] = [
  { name: 'alembic_version', tool: 'alembic' },
  { name: 'flyway_schema_history', tool: 'flyway' },
  { name: 'schema_version', tool: 'flyway (before 5.0)' },
  { name: 'schema_migrations', tool: 'rails / golang-migrate / dbmate' },
  { name: 'ar_internal_metadata', tool: 'rails' },
  { name: '_prisma_migrations', tool: 'prisma' },
  { name: 'knex_migrations', tool: 'knex' },
  { name: 'knex_migrations_lock', tool: 'knex' },
  { name: 'django_migrations', tool: 'django' },
  { name: '__diesel_schema_migrations', tool: 'diesel' },
  { name: 'pgmigrations', tool: 'node-pg-migrate' },
  { name: '_sqlx_migrations', tool: 'sqlx' },
  { name: 'goose_db_version', tool: 'goose' },
  { name: 'kysely_migration', tool: 'kysely' },
  { name: 'kysely_migration_lock', tool: 'kysely' },
  { name: 'databasechangelog', tool: 'liquibase' },
  { name: 'databasechangeloglock', tool: 'liquibase' },
  { name: 'typeorm_metadata', tool: 'typeorm' },
  { name: 'SequelizeMeta', tool: 'sequelize' },
  { name: 'mikro_orm_migrations', tool: 'mikro-orm' },
  { name: '__EFMigrationsHistory', tool: 'entity framework' },
  // `migrations` is also a plausible application table: only its known shapes count.
  { name: 'migrations', tool: 'typeorm', columns: ['id', 'timestamp', 'name'] },
  { name: 'migrations', tool: 'knex', columns: ['id', 'name', 'batch', 'migration_time'] },
  { name: 'migrations', tool: 'laravel', columns: ['id', 'migration', 'batch'] },
  { name: 'migrations', tool: 'postgres-migrations', columns: ['id', 'name', 'hash', 'executed_at'] },
];

/** Schemas that belong wholly to a migration tool. */
export const HISTORY_SCHEMAS: readonly string[] = ['graphile_migrate'];

/** The history table a table is, given its name and column names, if any. */
export function findHistoryTable(name: string, columns: readonly string[]): HistoryTable | undefined {
  return HISTORY_TABLES.find((h) => h.name === name && (h.columns === undefined || sameSet(h.columns, columns)));
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
