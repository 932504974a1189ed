import { alembic } from './alembic.js';
import { django } from './django.js';
import { flyway } from './flyway.js';
import { golangMigrate } from './golang-migrate.js';
import { graphileMigrate } from './graphile.js';
import { liquibase } from './liquibase.js';
import { dbmateOrRails, diesel, entityFramework, goose, knex, kysely, laravel, mikroOrm, nodePgMigrate, sequelize, typeorm } from './named.js';
import { prisma } from './prisma.js';
import { sqlx } from './sqlx.js';
import type { Framework, TableShape } from './types.js';

export type { AuditContext, Framework, LiveTable, TableShape } from './types.js';
export { plain, plainColumns, plainFiles, type PlainColumns } from './plain.js';

/** Most distinctive shapes first: a table is the first framework's that recognises it. */
const FRAMEWORKS: readonly Framework[] = [
  graphileMigrate,
  flyway,
  prisma,
  sqlx,
  liquibase,
  golangMigrate,
  alembic,
  django,
  knex,
  typeorm,
  nodePgMigrate,
  goose,
  kysely,
  diesel,
  dbmateOrRails,
  sequelize,
  mikroOrm,
  entityFramework,
  laravel,
];

/** Tables that belong to a migration tool but record no migrations (locks, metadata). */
export const AUXILIARY_TABLES: ReadonlySet<string> = new Set([
  'knex_migrations_lock',
  'kysely_migration_lock',
  'databasechangeloglock',
  'ar_internal_metadata',
  'typeorm_metadata',
]);

/** The framework that writes this table, if pgparity knows its shape. */
export function recognize(table: TableShape): Framework | undefined {
  return FRAMEWORKS.find((f) => f.recognizes(table));
}
