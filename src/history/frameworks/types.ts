import type { TableAudit } from '../ledger.js';

/** A table as the catalog describes it: enough to tell which tool writes it. */
export interface TableShape {
  readonly schema: string;
  readonly name: string;
  readonly columns: readonly string[];
}

/** A history table with its rows, each as `to_jsonb` gives it (timestamps ISO, bytea `\x…`). */
export interface LiveTable extends TableShape {
  /** `schema.table`, as shown. */
  readonly qualified: string;
  readonly rows: readonly Readonly<Record<string, unknown>>[];
}

export interface AuditContext {
  /** Absolute `--migrations` directory; undefined when only the tables are read. */
  readonly directory?: string;
  /** `--migrations` as the user typed it. */
  readonly migrations?: string;
  readonly allowPending: boolean;
  /** Every candidate table found, to tell Rails (with `ar_internal_metadata`) from dbmate. */
  readonly tables: readonly TableShape[];
}

/** One migration tool: which tables are its, and how to audit one against the files. */
export interface Framework {
  readonly id: string;
  recognizes(table: TableShape): boolean;
  audit(table: LiveTable, context: AuditContext): Promise<TableAudit>;
}

/** The table has at least these columns. */
export function hasColumns(table: TableShape, columns: readonly string[]): boolean {
  return columns.every((c) => table.columns.includes(c));
}

/** The table has exactly these columns, in any order. */
export function hasExactly(table: TableShape, columns: readonly string[]): boolean {
  return table.columns.length === columns.length && hasColumns(table, columns);
}

export function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

export function isTrue(value: unknown): boolean {
  return value === true || value === 't' || value === 'true' || value === 1;
}
