import type pg from 'pg';
import { ConfigError } from '../model/errors.js';
import { AUXILIARY_TABLES, plainColumns, recognize, type PlainColumns, type TableShape } from './frameworks/index.js';
import { qualifiedName, quoteIdent, readCandidates, readRows, type TableName } from './read.js';

/** The plain history table `pgparity stamp` writes to, as found in live. */
export interface StampTable {
  readonly schema: string;
  readonly name: string;
  /** `schema.table`, as shown. */
  readonly qualified: string;
  /** false: it does not exist yet (created only with --create-table). */
  readonly exists: boolean;
  readonly columns: PlainColumns;
  /** Other columns it has, with what an insert must give them. */
  readonly extraColumns: readonly { readonly name: string; readonly value: boolean }[];
  /** What it already records: the name column's values, with their checksum when it has one. */
  readonly recorded: readonly { readonly name: string; readonly checksum: string | null }[];
}

/** The table `--create-table` creates: a file name, its sha256 and when it was stamped or applied. */
export const CREATED_COLUMNS: PlainColumns = { name: 'filename', checksum: 'checksum', appliedAt: 'applied_at' };

export function createTableSql(schema: string, name: string): string {
  return `create table ${quoteIdent(schema)}.${quoteIdent(name)} (filename text primary key, checksum text not null, applied_at timestamptz not null default now())`;
}

const REQUIRED = `select a.attname::text as name
  from pg_catalog.pg_attribute a
 where a.attrelid = to_regclass($1) and a.attnum > 0 and not a.attisdropped
   -- a column an insert must fill: NOT NULL, no default, not identity, not generated
   and a.attnotnull and not a.atthasdef and a.attidentity = '' and a.attgenerated = ''`;

/**
 * Find the table to stamp: the one named, else the only plain history table in live;
 * refuse a table another tool owns (its own stamp command knows its format).
 */
export async function findStampTable(
  client: pg.ClientBase,
  named: TableName | undefined,
  createTable: boolean,
  createdByMigrations: (name: string) => boolean = () => false,
): Promise<StampTable> {
  const candidates = await readCandidates(client, named);
  // Unnamed, a table of unknown shape called `migrations` is more likely the application's own.
  const matching = named
    ? candidates.filter((c) => c.name === named.name && (named.schema === undefined || c.schema === named.schema))
    : candidates.filter((c) => !AUXILIARY_TABLES.has(c.name) && (c.name !== 'migrations' || recognize(c)));
  const owned = matching.map((shape) => ({ shape, framework: recognize(shape) }));
  const plainTables = owned.filter((o) => !o.framework && plainColumns(o.shape));
  if (named && matching.length > 1)
    throw new ConfigError(
      `--history-table ${named.name} exists in several schemas (${matching.map((m) => m.schema).join(', ')}): qualify it, e.g. ${qualifiedName({ schema: matching[0]!.schema, name: named.name })}`,
    );
  // The tool's table, rather than one its own migrations create (a legacy alembic_version in a golang-migrate history).
  const foreign = owned.find((o) => o.framework && !createdByMigrations(o.shape.name)) ?? owned.find((o) => o.framework);
  if (named && foreign) throw new ConfigError(foreignTableMessage(foreign.shape, foreign.framework!.id));
  if (!named && plainTables.length > 1)
    throw new ConfigError(
      `several plain history tables in live (${plainTables.map((p) => qualifiedName(p.shape)).join(', ')}): choose one with --history-table`,
    );
  const found = named ? matching[0] : plainTables[0]?.shape;
  if (!found) {
    if (!named && foreign) throw new ConfigError(foreignTableMessage(foreign.shape, foreign.framework!.id));
    const schema = named?.schema ?? 'public';
    const name = named?.name ?? 'schema_migrations';
    if (!createTable) {
      throw new ConfigError(
        `${named ? `history table ${qualifiedName({ schema, name })} does not exist` : 'no plain history table found in live'}: add --create-table to create ${qualifiedName({ schema, name })} (filename, checksum, applied_at)${named ? '' : ', or name yours with --history-table schema.table'}`,
      );
    }
    const { rows } = await client.query<{ exists: boolean }>('select to_regnamespace($1) is not null as exists', [quoteIdent(schema)]);
    if (!rows[0]?.exists) throw new ConfigError(`schema ${schema} does not exist in live: create it with a migration first`);
    return { schema, name, qualified: qualifiedName({ schema, name }), exists: false, columns: CREATED_COLUMNS, extraColumns: [], recorded: [] };
  }
  return describeTable(client, found);
}

async function describeTable(client: pg.ClientBase, shape: TableShape): Promise<StampTable> {
  const columns = plainColumns(shape);
  const qualified = qualifiedName(shape);
  if (!columns)
    throw new ConfigError(
      `${qualified} has no column for the file name (looked for filename, name, migration, version, …): name another table with --history-table`,
    );
  const { rows: required } = await client.query<{ name: string }>(REQUIRED, [`${quoteIdent(shape.schema)}.${quoteIdent(shape.name)}`]);
  const known = new Set([columns.name, columns.checksum, columns.appliedAt]);
  const extraColumns = required
    .filter((r) => !known.has(r.name))
    .map((r) => {
      // The only other columns pgparity knows how to fill: a success flag and a dirty flag.
      if (r.name === 'success') return { name: r.name, value: true };
      if (r.name === 'dirty') return { name: r.name, value: false };
      throw new ConfigError(`${qualified}.${r.name} is NOT NULL without a default: pgparity stamp cannot fill it; give it a default or stamp another table`);
    });
  const live = await readRows(client, shape);
  const recorded = live.rows.map((r) => ({
    name: String(r[columns.name] ?? ''),
    checksum: columns.checksum && r[columns.checksum] !== null && r[columns.checksum] !== undefined ? String(r[columns.checksum]) : null,
  }));
  return { schema: shape.schema, name: shape.name, qualified, exists: true, columns, extraColumns, recorded };
}

function foreignTableMessage(shape: TableShape, framework: string): string {
  const stamp: Record<string, string> = {
    alembic: 'alembic stamp <rev>',
    flyway: 'flyway baseline -baselineVersion=<version>',
    prisma: 'prisma migrate resolve --applied <migration>',
    'golang-migrate': 'migrate force <version>',
  };
  return `${qualifiedName(shape)} belongs to ${framework}: pgparity stamp writes plain file-name tables only; gate the tool's own stamp instead: pgparity check --until <migration> && ${stamp[framework] ?? `${framework}'s baseline command`}`;
}
