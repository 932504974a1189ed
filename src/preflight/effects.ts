import type { LockBlocks, ViolationKind } from '../model/preflight.js';
import { quoteIdent } from '../history/read.js';
import type { StatementFacts } from '../ddl/preflight-facts.js';
import { columnKey, type ColumnRow, type OwnLock, type RelationRow, type ScratchState } from './state.js';

/** Lock modes from weakest to strongest, with what each keeps others from doing (PostgreSQL's conflict table). */
const LOCK_MODES: readonly (readonly [string, LockBlocks])[] = [
  ['AccessShareLock', 'none'],
  ['RowShareLock', 'none'],
  ['RowExclusiveLock', 'none'],
  ['ShareUpdateExclusiveLock', 'none'],
  ['ShareLock', 'writes'],
  ['ShareRowExclusiveLock', 'writes'],
  ['ExclusiveLock', 'writes'],
  ['AccessExclusiveLock', 'reads'],
];
const LOCK_RANK = new Map(LOCK_MODES.map(([mode], i) => [mode, i]));
const BLOCKS = new Map(LOCK_MODES);

/** Relation kinds that hold rows an application reads. */
export const TABLE_KINDS = new Set(['r', 'p', 'm']);

export interface RelationRef {
  readonly schema: string;
  readonly name: string;
  /** `schema.name`. */
  readonly relation: string;
}

export interface EffectLock {
  readonly relation: string;
  readonly mode: string;
  readonly blocks: LockBlocks;
  /** The relation's kind; for an index, its table is in `table`. */
  readonly kind: string;
  readonly table: RelationRef;
}

/** What a check on live reads, and how it decides that a row violates. */
export type LiveTest =
  | { readonly type: 'predicate'; readonly sql: string }
  /** Every row violates (a new NOT NULL column without a default). */
  | { readonly type: 'all' }
  | { readonly type: 'convert'; readonly value: string; readonly target: string; readonly labels?: readonly string[] }
  | {
      readonly type: 'foreign_key';
      readonly columns: readonly string[];
      readonly ref: RelationRef;
      readonly refColumns: readonly string[];
      readonly matchFull: boolean;
    }
  | { readonly type: 'unique'; readonly keys: readonly string[]; readonly predicate: string | null; readonly nullsNotDistinct: boolean };

export interface LiveCheck {
  readonly constraint: string;
  readonly kind: ViolationKind;
  readonly table: RelationRef;
  /** Columns of the table the check reads (they must exist in live). */
  readonly columns: readonly string[];
  readonly test: LiveTest;
}

/** Rows of live holding an enum label the statement renames. */
export interface LabelCount {
  readonly table: RelationRef;
  readonly column: string;
  readonly label: string;
  readonly renamedTo: string;
  readonly type: string;
}

export interface StatementEffects {
  readonly locks: readonly EffectLock[];
  readonly rewrites: readonly { readonly relation: string; readonly kind: string; readonly table: RelationRef }[];
  readonly indexesBuilt: readonly { readonly index: string; readonly table: RelationRef; readonly tableExisted: boolean }[];
  readonly scans: readonly RelationRef[];
  /** CHECK / FOREIGN KEY / UNIQUE / PRIMARY KEY / EXCLUDE validated by this statement on a table that existed before it. */
  readonly validated: readonly { readonly constraint: string; readonly type: string; readonly table: RelationRef; readonly domain?: string }[];
  readonly notNullSet: readonly { readonly table: RelationRef; readonly column: string }[];
  readonly requiredColumns: readonly { readonly table: RelationRef; readonly column: string }[];
  readonly typeChanges: readonly { readonly table: RelationRef; readonly column: string; readonly from: string; readonly to: string }[];
  readonly droppedTables: readonly RelationRef[];
  readonly droppedColumns: readonly { readonly table: RelationRef; readonly column: string }[];
  readonly renamedTables: readonly { readonly from: string; readonly to: string }[];
  readonly renamedColumns: readonly { readonly table: RelationRef; readonly from: string; readonly to: string }[];
  readonly droppedSchemas: readonly string[];
  readonly checks: readonly LiveCheck[];
  readonly labelCounts: readonly LabelCount[];
}

export const NO_EFFECTS: StatementEffects = {
  locks: [],
  rewrites: [],
  indexesBuilt: [],
  scans: [],
  validated: [],
  notNullSet: [],
  requiredColumns: [],
  typeChanges: [],
  droppedTables: [],
  droppedColumns: [],
  renamedTables: [],
  renamedColumns: [],
  droppedSchemas: [],
  checks: [],
  labelCounts: [],
};

function blocksOf(mode: string): LockBlocks {
  return BLOCKS.get(mode) ?? 'reads';
}

function ref(row: RelationRow): RelationRef {
  return { schema: row.schema, name: row.relname, relation: row.name };
}

/** What one statement did, from the scratch catalog before it, after it (same transaction) and the locks it held. */
export function statementEffects(before: ScratchState, after: ScratchState, locks: readonly OwnLock[], facts: StatementFacts | undefined): StatementEffects {
  const tableOf = (row: RelationRow): RelationRow => (row.table !== null ? (before.relations.get(row.table) ?? after.relations.get(row.table) ?? row) : row);
  const existed = (oid: number): boolean => before.relations.has(oid);
  const relationOf = (oid: number): RelationRow | undefined => after.relations.get(oid) ?? before.relations.get(oid);

  const strongest = new Map<number, string>();
  for (const lock of locks) {
    if (lock.relation === null || !existed(lock.relation)) continue;
    const held = strongest.get(lock.relation);
    if (held === undefined || (LOCK_RANK.get(lock.mode) ?? 0) > (LOCK_RANK.get(held) ?? 0)) strongest.set(lock.relation, lock.mode);
  }
  const effectLocks = [...strongest].map(([oid, mode]) => {
    const row = before.relations.get(oid)!;
    return { relation: row.name, mode, blocks: blocksOf(mode), kind: row.kind, table: ref(tableOf(row)) };
  });

  const rewritten = [...before.relations.values()].filter((row) => {
    const now = after.relations.get(row.oid);
    return now !== undefined && ['r', 'm', 'i'].includes(row.kind) && now.filenode !== row.filenode;
  });
  const beforeIndexNames = new Set([...before.relations.values()].filter((r) => r.kind === 'i' || r.kind === 'I').map((r) => r.name));
  const indexesBuilt = [...after.relations.values()]
    .filter((row) => row.kind === 'i' && (!before.relations.has(row.oid) || before.relations.get(row.oid)!.filenode !== row.filenode))
    .map((row) => ({ index: row.name, table: ref(tableOf(row)), tableExisted: row.table !== null && existed(row.table) }));
  const rewrittenTables = new Set(rewritten.filter((r) => r.kind !== 'i').map((r) => r.oid));
  const scans = [...after.scans.keys()].filter((oid) => existed(oid) && !rewrittenTables.has(oid)).map((oid) => ref(before.relations.get(oid)!));

  const columnName = (table: number, num: number): string =>
    (after.columns.get(columnKey(table, num)) ?? before.columns.get(columnKey(table, num)))?.name ?? `#${num}`;
  const beforeConstraintNames = new Set([...before.constraints.values()].map((c) => `${c.table}/${c.domain}/${c.name}`));
  const validated: { constraint: string; type: string; table: RelationRef; domain?: string }[] = [];
  const checks: LiveCheck[] = [];
  for (const constraint of after.constraints.values()) {
    const old = before.constraints.get(constraint.oid);
    // A constraint rebuilt under the same name (ALTER COLUMN TYPE recreates its dependants) is not new.
    const isNew = old === undefined && !beforeConstraintNames.has(`${constraint.table}/${constraint.domain}/${constraint.name}`);
    const nowValid = constraint.validated && (isNew || (old !== undefined && !old.validated));
    if (!nowValid) continue;
    if (constraint.domain !== 0) {
      const domain = after.domains.get(constraint.domain);
      if (!domain || constraint.type !== 'c' || constraint.expr === null) continue;
      for (const column of columnsOfType(after, constraint.domain)) {
        const table = before.relations.get(column.table);
        if (!table) continue;
        validated.push({ constraint: constraint.name, type: 'domain', table: ref(table), domain: domain.name });
        checks.push({
          constraint: constraint.name,
          kind: 'domain',
          table: ref(table),
          columns: [column.name],
          test: { type: 'predicate', sql: `(${replaceValue(constraint.expr, quoteIdent(column.name))}) is false` },
        });
      }
      continue;
    }
    const table = before.relations.get(constraint.table);
    if (!table) continue;
    validated.push({ constraint: constraint.name, type: constraint.type, table: ref(table) });
    const columns = (constraint.keys ?? []).map((num) => columnName(constraint.table, num));
    if (constraint.type === 'c' && constraint.expr !== null) {
      checks.push({
        constraint: constraint.name,
        kind: 'check',
        table: ref(table),
        columns,
        test: { type: 'predicate', sql: `(${constraint.expr}) is false` },
      });
    } else if (constraint.type === 'f') {
      const parent = relationOf(constraint.refTable);
      if (!parent) continue;
      const refColumns = (constraint.refKeys ?? []).map((num) => columnName(constraint.refTable, num));
      checks.push({
        constraint: constraint.name,
        kind: 'foreign_key',
        table: ref(table),
        columns,
        test: { type: 'foreign_key', columns, ref: ref(parent), refColumns, matchFull: constraint.match === 'f' },
      });
    }
  }
  // Unique and primary keys are checked through their index: also a bare CREATE UNIQUE INDEX.
  for (const index of after.indexes.values()) {
    const row = after.relations.get(index.oid);
    if (!index.unique || !row || beforeIndexNames.has(row.name) || !existed(index.table)) continue;
    const owner = [...after.constraints.values()].find((c) => c.index === index.oid && (c.type === 'u' || c.type === 'p'));
    const table = ref(before.relations.get(index.table)!);
    const columns = [...after.columns.values()]
      .filter((c) => c.table === index.table && !c.dropped && before.columns.has(columnKey(c.table, c.num)))
      .map((c) => c.name);
    checks.push({
      constraint: owner?.name ?? row.relname,
      kind: owner?.type === 'p' ? 'primary_key' : 'unique',
      table,
      // Expression keys are checked whole; the plain columns among them must exist in live.
      columns: index.keys.filter((key) => columns.includes(unquote(key))).map(unquote),
      test: { type: 'unique', keys: index.keys, predicate: index.predicate, nullsNotDistinct: index.nullsNotDistinct },
    });
  }

  const notNullSet: { table: RelationRef; column: string }[] = [];
  const requiredColumns: { table: RelationRef; column: string }[] = [];
  const typeChanges: { table: RelationRef; column: string; from: string; to: string }[] = [];
  const droppedColumns: { table: RelationRef; column: string }[] = [];
  const renamedColumns: { table: RelationRef; from: string; to: string }[] = [];
  for (const [key, column] of after.columns) {
    const tableRow = before.relations.get(column.table);
    if (!tableRow) continue;
    const table = ref(tableRow);
    const old = before.columns.get(key);
    if (!old) {
      if (!column.dropped && column.notnull && !column.hasdefault && !column.generated) {
        requiredColumns.push({ table, column: column.name });
        checks.push({ constraint: `NOT NULL ${column.name}`, kind: 'not_null', table, columns: [], test: { type: 'all' } });
      }
      continue;
    }
    if (old.dropped) continue;
    if (column.dropped) {
      droppedColumns.push({ table, column: old.name });
      continue;
    }
    if (old.name !== column.name) renamedColumns.push({ table, from: old.name, to: column.name });
    if (!old.notnull && column.notnull) {
      notNullSet.push({ table, column: column.name });
      checks.push({
        constraint: `NOT NULL ${column.name}`,
        kind: 'not_null',
        table,
        columns: [old.name],
        test: { type: 'predicate', sql: `${quoteIdent(old.name)} is null` },
      });
    }
    if (old.type !== column.type) {
      typeChanges.push({ table, column: column.name, from: old.type, to: column.type });
      const using = facts?.typeChanges.get(column.name);
      const labels = after.enums.get(column.typeoid)?.labels;
      checks.push({
        constraint: `TYPE ${column.name}`,
        kind: labels ? 'enum_value' : 'type_change',
        table,
        columns: [old.name],
        test: { type: 'convert', value: using ?? quoteIdent(old.name), target: column.type, ...(labels ? { labels } : {}) },
      });
    }
  }
  for (const domain of after.domains.values()) {
    if (!domain.notnull || before.domains.get(domain.oid)?.notnull !== false) continue;
    for (const column of columnsOfType(after, domain.oid)) {
      const table = before.relations.get(column.table);
      if (table)
        checks.push({
          constraint: `${domain.name} NOT NULL`,
          kind: 'domain',
          table: ref(table),
          columns: [column.name],
          test: { type: 'predicate', sql: `${quoteIdent(column.name)} is null` },
        });
    }
  }

  const labelCounts: LabelCount[] = [];
  for (const type of after.enums.values()) {
    const old = before.enums.get(type.oid);
    if (!old || old.labels.length !== type.labels.length) continue;
    const gone = old.labels.filter((l) => !type.labels.includes(l));
    const added = type.labels.filter((l) => !old.labels.includes(l));
    if (gone.length !== 1 || added.length !== 1) continue;
    for (const column of columnsOfType(after, type.oid)) {
      const table = before.relations.get(column.table);
      if (table) labelCounts.push({ table: ref(table), column: column.name, label: gone[0]!, renamedTo: added[0]!, type: type.name });
    }
  }

  const droppedTables = [...before.relations.values()].filter((r) => TABLE_KINDS.has(r.kind) && !after.relations.has(r.oid));
  const renamedTables = [...before.relations.values()]
    .filter((r) => ['r', 'p', 'm', 'v', 'f'].includes(r.kind) && after.relations.has(r.oid) && after.relations.get(r.oid)!.name !== r.name)
    .map((r) => ({ from: r.name, to: after.relations.get(r.oid)!.name }));
  const beforeSchemas = new Set([...before.relations.values()].map((r) => r.schema));
  const afterSchemas = new Set([...after.relations.values()].map((r) => r.schema));
  const byName =
    <T>(key: (item: T) => string) =>
    (a: T, b: T): number =>
      key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
  return {
    locks: effectLocks.sort(byName((l) => l.relation)),
    rewrites: rewritten.map((row) => ({ relation: row.name, kind: row.kind, table: ref(tableOf(row)) })).sort(byName((r) => r.relation)),
    indexesBuilt: indexesBuilt.sort(byName((i) => i.index)),
    scans: scans.sort(byName((r) => r.relation)),
    validated,
    notNullSet,
    requiredColumns,
    typeChanges,
    droppedTables: droppedTables.map(ref),
    droppedColumns,
    renamedTables,
    renamedColumns,
    droppedSchemas: [...beforeSchemas].filter((s) => !afterSchemas.has(s)),
    checks,
    labelCounts,
  };
}

function columnsOfType(state: ScratchState, type: number): ColumnRow[] {
  return [...state.columns.values()].filter((c) => c.typeoid === type && !c.dropped);
}

/** A domain CHECK reads `VALUE`; on a column the column takes its place (outside string literals). */
function replaceValue(expression: string, column: string): string {
  return expression
    .split(/('(?:[^']|'')*')/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/\bVALUE\b/g, column)))
    .join('');
}

function unquote(key: string): string {
  return /^"(?:[^"]|"")*"$/.test(key) ? key.slice(1, -1).replace(/""/g, '"') : key;
}
