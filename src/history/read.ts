import type pg from 'pg';
import { ConfigError } from '../model/errors.js';
import { objectKey } from '../model/keys.js';
import { HISTORY_TABLES } from '../normalize/history.js';
import type { LiveTable, TableShape } from './frameworks/index.js';

/** `schema.table`, or a bare table name looked for in every schema. */
export interface TableName {
  readonly schema?: string;
  readonly name: string;
}

/**
 * Tables named like a migration tool's history table (HISTORY_TABLES), or like the one
 * given, with their column names: one catalog query, whatever the number of schemas.
 */
const CANDIDATES = `select n.nspname as schema, c.relname as name,
       array_agg(a.attname::text order by a.attnum) as columns
  from pg_catalog.pg_class c
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  -- user columns only: no system columns, no dropped ones
  join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
 where c.relkind in ('r', 'p')
   and n.nspname <> 'information_schema' and n.nspname !~ '^pg_'
   and (c.relname = any($1::text[]) or (n.nspname || '.' || c.relname) = any($2::text[]))
 group by n.nspname, c.relname
 order by n.nspname, c.relname`;

/** Read candidate tables' shapes; the caller picks which are history tables and reads their rows with `readRows`. */
export async function readCandidates(client: pg.ClientBase, explicit: TableName | undefined): Promise<TableShape[]> {
  const names = [...new Set([...HISTORY_TABLES.map((h) => h.name), ...(explicit && !explicit.schema ? [explicit.name] : [])])];
  const qualified = explicit?.schema ? [`${explicit.schema}.${explicit.name}`] : [];
  const { rows } = await client.query<{ schema: string; name: string; columns: string[] }>(CANDIDATES, [names, qualified]);
  return rows.map((r) => ({ schema: r.schema, name: r.name, columns: r.columns }));
}

/** Every row of a history table, each as `to_jsonb` renders it (so timestamps, bigints and bytea come back as plain JSON). */
export async function readRows(client: pg.ClientBase, table: TableShape): Promise<LiveTable> {
  const { rows } = await client.query<{ row: Record<string, unknown> }>(
    `select to_jsonb(t) as row from ${quoteIdent(table.schema)}.${quoteIdent(table.name)} t`,
  );
  return { ...table, qualified: qualifiedName(table), rows: rows.map((r) => r.row) };
}

/** `schema.name` as the server prints it in a qualified reference: the table's key. */
export function qualifiedName(table: { readonly schema: string; readonly name: string }): string {
  return objectKey(table.schema, table.name);
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** `schema.table` or `table` as given to `--history-table`; quotes allowed around either part. */
export function parseTableName(value: string): TableName {
  const match = /^(?:("(?:[^"]|"")+"|[^."]+)\.)?("(?:[^"]|"")+"|[^."]+)$/.exec(value.trim());
  if (!match) throw new ConfigError(`--history-table "${value}" is not a table name: give schema.table, e.g. public.schema_migrations`);
  const unquote = (s: string): string => (s.startsWith('"') ? s.slice(1, -1).replace(/""/g, '"') : s);
  return { ...(match[1] ? { schema: unquote(match[1]) } : {}), name: unquote(match[2]!) };
}
