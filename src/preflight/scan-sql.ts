import { quoteIdent } from '../history/read.js';
import type { LiveCheck, LiveTest, RelationRef } from './effects.js';

export interface PlanContext {
  /** The table's columns in live. */
  readonly columns: readonly string[];
  readonly rows: number | null;
  readonly maxScanRows: number;
  /** pg_input_is_valid exists (PostgreSQL 16+). */
  readonly inputIsValid: boolean;
  readonly parentExists: (ref: RelationRef) => boolean;
}

/** One query on live: `total` rows read, and per check `v<i>` violating rows (`g<i>` duplicate groups). */
export interface PlannedScan {
  readonly sql: string;
  readonly checks: readonly LiveCheck[];
  /** Parents joined for foreign keys (their locks matter too). */
  readonly refs: readonly RelationRef[];
  readonly sampled: boolean;
  readonly tableRows: number | null;
  /** The FROM item: the table, or its sample. */
  readonly from: string;
}

export interface CheckPlan {
  readonly scans: readonly PlannedScan[];
  /** Checks that cannot be run on live, and why. */
  readonly unchecked: ReadonlyMap<LiveCheck, string>;
  /** The same plan with one scan per check: used when the shared scan fails on one expression. */
  readonly single: (check: LiveCheck) => PlannedScan;
  readonly context: PlanContext;
}

/**
 * The queries that count violations of `checks` on `table`: every row test (NOT NULL, CHECK,
 * type conversion, domain, foreign key) in one scan of the table, each unique key on its own
 * (it groups). Beyond `maxScanRows` the table is read through TABLESAMPLE SYSTEM.
 */
export function checkPlan(table: RelationRef, checks: readonly LiveCheck[], context: PlanContext): CheckPlan {
  const unchecked = new Map<LiveCheck, string>();
  const rowChecks: LiveCheck[] = [];
  const uniqueChecks: LiveCheck[] = [];
  for (const check of checks) {
    const absent = check.columns.filter((c) => !context.columns.includes(c));
    if (absent.length > 0) {
      unchecked.set(check, `not checked: column ${absent.join(', ')} is not in live yet (an earlier pending statement adds it)`);
      continue;
    }
    const test = check.test;
    if (test.type === 'unique') {
      uniqueChecks.push(check);
      continue;
    }
    if (test.type === 'convert' && !test.labels && !context.inputIsValid) {
      unchecked.set(check, 'not checked: live is older than PostgreSQL 16, which has no pg_input_is_valid to test the conversion row by row');
      continue;
    }
    rowChecks.push(check);
  }
  const sampled = context.rows !== null && context.rows > context.maxScanRows;
  const from = `${qualified(table)} t${sampled ? ` tablesample system (${samplePercent(context)}) repeatable (0)` : ''}`;
  const build = (group: readonly LiveCheck[]): PlannedScan =>
    group.length === 1 && group[0]!.test.type === 'unique' ? uniqueScan(group[0]!, from, sampled, context) : rowScan(group, from, sampled, context);
  const scans = [...(rowChecks.length > 0 ? [build(rowChecks)] : []), ...uniqueChecks.map((c) => build([c]))];
  return { scans, unchecked, single: (check) => build([check]), context };
}

interface RowParts {
  /** Select-list items of the inner query over `t` (the table alone, so unqualified names are its columns). */
  readonly inner: string[];
  readonly joins: string[];
  /** Per check, the condition over `s` (and the joined parents) that marks a violating row. */
  readonly conditions: string[];
  readonly refs: RelationRef[];
}

/** Row tests over one read of the table; foreign keys as left joins to the distinct referenced keys. */
function rowParts(checks: readonly LiveCheck[], context: PlanContext): RowParts {
  const parts: RowParts = { inner: [], joins: [], conditions: [], refs: [] };
  for (const [i, check] of checks.entries()) {
    const test = check.test;
    if (test.type === 'unique') continue;
    if (test.type !== 'foreign_key') {
      parts.inner.push(`(${rowPredicate(test)}) as c${i}`);
      parts.conditions.push(`s.c${i}`);
      continue;
    }
    const own = test.columns.map((column, j) => {
      parts.inner.push(`t.${quoteIdent(column)} as f${i}_${j}`);
      return `s.f${i}_${j}`;
    });
    const allSet = own.map((c) => `${c} is not null`).join(' and ');
    // MATCH FULL: some but not all columns NULL violates too.
    const partial =
      test.matchFull && own.length > 1
        ? ` or ((${own.map((c) => `${c} is null`).join(' or ')}) and not (${own.map((c) => `${c} is null`).join(' and ')}))`
        : '';
    if (!context.parentExists(test.ref)) {
      // The referenced table is new: live has no row any reference could match.
      parts.conditions.push(`(${allSet}${partial})`);
      continue;
    }
    parts.refs.push(test.ref);
    const keys = test.refColumns.map((column, j) => `${quoteIdent(column)} as r${i}_${j}`).join(', ');
    // DISTINCT: live may not have the unique key on the referenced columns yet, and a join must not multiply rows.
    parts.joins.push(`left join (select distinct ${keys} from ${qualified(test.ref)}) p${i} on ${own.map((c, j) => `p${i}.r${i}_${j} = ${c}`).join(' and ')}`);
    parts.conditions.push(`((${allSet} and p${i}.r${i}_0 is null)${partial})`);
  }
  return parts;
}

function rowScan(checks: readonly LiveCheck[], from: string, sampled: boolean, context: PlanContext): PlannedScan {
  const parts = rowParts(checks, context);
  const counts = parts.conditions.map((c, i) => `, count(*) filter (where ${c}) as v${i}`).join('');
  const sql =
    `select count(*) as total${counts} from (select ${parts.inner.length > 0 ? parts.inner.join(', ') : '1 as one'} from ${from}) s ${parts.joins.join(' ')}`.trim();
  return { sql, checks, refs: parts.refs, sampled, tableRows: context.rows, from };
}

/**
 * Up to `limit` primary-key values per violated row test, all tests in one more read of the table:
 * the violating rows are kept (MATERIALIZED), then each test takes its first keys in key order
 * (in the order found when the table is sampled). Rows every one of which violates (`all`) are not
 * kept: their first keys come from the primary key index.
 */
export function rowExamplesQuery(
  scan: PlannedScan,
  violated: readonly LiveCheck[],
  primaryKey: readonly string[],
  limit: number,
  context: PlanContext,
): string {
  const checks = violated.filter((c) => c.test.type !== 'all');
  const parts = rowParts(checks, context);
  const keys = primaryKey.map((c, j) => `t.${quoteIdent(c)} as k${j}`);
  const key = primaryKey.length === 1 ? 's.k0::text' : `row(${primaryKey.map((_, j) => `s.k${j}`).join(', ')})::text`;
  const order = scan.sampled ? '' : ` order by ${primaryKey.map((_, j) => `k${j}`).join(', ')}`;
  const pieces = checks.map((check, i) => `select ${violated.indexOf(check)} as i, key from (select key from v where x${i}${order} limit ${limit}) e${i}`);
  for (const check of violated.filter((c) => c.test.type === 'all')) {
    const all = `select ${primaryKey.length === 1 ? `t.${quoteIdent(primaryKey[0]!)}::text` : `row(${primaryKey.map((c) => `t.${quoteIdent(c)}`).join(', ')})::text`} as key from ${scan.from}${scan.sampled ? '' : ` order by ${primaryKey.map((c) => `t.${quoteIdent(c)}`).join(', ')}`} limit ${limit}`;
    pieces.push(`select ${violated.indexOf(check)} as i, key from (${all}) a${violated.indexOf(check)}`);
  }
  if (checks.length === 0) return pieces.join(' union all ');
  const flags = parts.conditions.map((c, i) => `${c} as x${i}`).join(', ');
  const kept = `select ${key} as key, ${primaryKey.map((_, j) => `s.k${j}`).join(', ')}, ${flags} from (select ${[...parts.inner, ...keys].join(', ')} from ${scan.from}) s ${parts.joins.join(' ')} where ${parts.conditions.join(' or ')}`;
  return `with v as materialized (${kept}) ${pieces.join(' union all ')}`;
}

function uniqueScan(check: LiveCheck, from: string, sampled: boolean, context: PlanContext): PlannedScan {
  const test = check.test as Extract<LiveCheck['test'], { type: 'unique' }>;
  const where = uniqueWhere(test);
  const keys = test.keys.join(', ');
  // Duplicates in a sample are not scaled: total 0 leaves the figures as found, labelled an estimate.
  const sql = `select 0 as total, count(*) as g0, coalesce(sum(n), 0) as v0 from (select count(*) as n from ${from}${where} group by ${keys} having count(*) > 1) d`;
  return { sql, checks: [check], refs: [], sampled, tableRows: context.rows, from };
}

function uniqueWhere(test: Extract<LiveCheck['test'], { type: 'unique' }>): string {
  const conditions = [...(test.nullsNotDistinct ? [] : test.keys.map((k) => `(${k}) is not null`)), ...(test.predicate ? [`(${test.predicate})`] : [])];
  return conditions.length > 0 ? ` where ${conditions.join(' and ')}` : '';
}

/** A test decided by the row alone. */
type RowTest = Extract<LiveTest, { type: 'predicate' | 'all' | 'convert' }>;

function rowPredicate(test: RowTest): string {
  switch (test.type) {
    case 'predicate':
      return test.sql;
    case 'all':
      return 'true';
    case 'convert':
      if (test.labels) return `(${test.value})::text <> all (array[${test.labels.map(literal).join(', ')}]::text[])`;
      return `not pg_input_is_valid((${test.value})::text, ${literal(test.target)})`;
  }
}

/** Up to `limit` primary-key values of rows in duplicate groups, in key order (as found when sampled). */
export function uniqueExamplesQuery(scan: PlannedScan, check: LiveCheck, primaryKey: readonly string[], limit: number, table: RelationRef): string {
  const test = check.test as Extract<LiveCheck['test'], { type: 'unique' }>;
  const key = primaryKey.length === 1 ? `t.${quoteIdent(primaryKey[0]!)}::text` : `row(${primaryKey.map((c) => `t.${quoteIdent(c)}`).join(', ')})::text`;
  const order = scan.sampled ? '' : ` order by ${primaryKey.map((c) => `t.${quoteIdent(c)}`).join(', ')}`;
  const keys = test.keys.join(', ');
  return `select 0 as i, ${key} as key from ${scan.from} where (${keys}) in (select ${keys} from ${qualified(table)}${uniqueWhere(test)} group by ${keys} having count(*) > 1)${test.predicate ? ` and (${test.predicate})` : ''}${order} limit ${limit}`;
}

function samplePercent(context: PlanContext): string {
  const percent = Math.max(0.0001, Math.min(100, (100 * context.maxScanRows) / (context.rows ?? 1)));
  return percent.toFixed(4);
}

export function qualified(ref: RelationRef): string {
  return `${quoteIdent(ref.schema)}.${quoteIdent(ref.name)}`;
}

export function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
