import { readFile } from 'node:fs/promises';
import type pg from 'pg';

/** The scratch catalog that a statement can change (sql/scratch-state.sql), keyed for diffing. */
export interface ScratchState {
  readonly relations: ReadonlyMap<number, RelationRow>;
  readonly columns: ReadonlyMap<string, ColumnRow>;
  readonly constraints: ReadonlyMap<number, ConstraintRow>;
  readonly indexes: ReadonlyMap<number, IndexRow>;
  readonly enums: ReadonlyMap<number, EnumRow>;
  readonly domains: ReadonlyMap<number, DomainRow>;
  /** Table oid → sequential scans in the current transaction. */
  readonly scans: ReadonlyMap<number, number>;
}

export interface RelationRow {
  readonly oid: number;
  readonly schema: string;
  readonly relname: string;
  /** `schema.name`. */
  readonly name: string;
  /** `relkind`. */
  readonly kind: string;
  readonly filenode: number;
  /** For an index, its table's oid. */
  readonly table: number | null;
}

export interface ColumnRow {
  readonly table: number;
  readonly num: number;
  readonly name: string;
  readonly notnull: boolean;
  readonly type: string;
  readonly typeoid: number;
  readonly hasdefault: boolean;
  /** Identity or generated: never NULL by construction. */
  readonly generated: boolean;
  readonly dropped: boolean;
}

export interface ConstraintRow {
  readonly oid: number;
  readonly name: string;
  /** `contype`: c, f, p, u, x. */
  readonly type: string;
  readonly table: number;
  readonly domain: number;
  readonly validated: boolean;
  readonly keys: readonly number[] | null;
  readonly refTable: number;
  readonly refKeys: readonly number[] | null;
  /** `confmatchtype`: f (FULL), s (SIMPLE), p. */
  readonly match: string;
  readonly index: number;
  readonly expr: string | null;
}

export interface IndexRow {
  readonly oid: number;
  readonly table: number;
  readonly unique: boolean;
  readonly nullsNotDistinct: boolean;
  /** Each key as `pg_get_indexdef(index, k, true)` prints it: a column name or an expression. */
  readonly keys: readonly string[];
  readonly predicate: string | null;
}

export interface EnumRow {
  readonly oid: number;
  readonly name: string;
  readonly labels: readonly string[];
}

export interface DomainRow {
  readonly oid: number;
  readonly name: string;
  readonly notnull: boolean;
}

let stateQuery: Promise<string> | undefined;
let locksQuery: Promise<string> | undefined;

export function columnKey(table: number, num: number): string {
  return `${table}:${num}`;
}

export async function readScratchState(client: pg.Client): Promise<ScratchState> {
  stateQuery ??= readFile(new URL('./sql/scratch-state.sql', import.meta.url), 'utf8');
  const { rows } = await client.query<{ state: RawState }>(await stateQuery);
  const raw = rows[0]!.state;
  const byOid = <T extends { oid: number }>(items: readonly T[]): Map<number, T> => new Map(items.map((item) => [item.oid, item]));
  return {
    relations: byOid(raw.relations),
    columns: new Map(raw.columns.map((c) => [columnKey(c.table, c.num), c])),
    constraints: byOid(raw.constraints),
    indexes: byOid(raw.indexes),
    enums: byOid(raw.enums),
    domains: byOid(raw.domains),
    scans: new Map(Object.entries(raw.scans).map(([oid, count]) => [Number(oid), Number(count)])),
  };
}

export interface OwnLock {
  /** Null for a lock on something else than a relation (a transaction id it waits for). */
  readonly relation: number | null;
  readonly mode: string;
  readonly granted: boolean;
}

/** Relation locks of this session, or of the backend `pid`. */
export async function readLocks(client: pg.Client, pid?: number): Promise<OwnLock[]> {
  locksQuery ??= readFile(new URL('./sql/own-locks.sql', import.meta.url), 'utf8');
  const { rows } = await client.query<{ relation: string | null; mode: string; granted: boolean }>(await locksQuery, [pid ?? null]);
  return rows.map((row) => ({ relation: row.relation === null ? null : Number(row.relation), mode: row.mode, granted: row.granted }));
}

interface RawState {
  readonly relations: RelationRow[];
  readonly columns: ColumnRow[];
  readonly constraints: ConstraintRow[];
  readonly indexes: IndexRow[];
  readonly enums: EnumRow[];
  readonly domains: DomainRow[];
  readonly scans: Record<string, number>;
}
