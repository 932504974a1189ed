import { quoteIdent } from '../history/read.js';
import type { LiveCheck, RelationRef } from './effects.js';

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
}

export interface CheckPlan {
  readonly scans: readonly PlannedScan[];
  /** Checks that cannot be run on live, and why. */
  readonly unchecked: ReadonlyMap<LiveCheck, string>;
  /** Per row test, the predicate over `t` that finds a violating row (for the examples). */
  readonly predicates: ReadonlyMap<LiveCheck, string>;
  /** The same plan with one scan per check: used when the shared scan fails on one expression. */
  readonly single: (check: LiveCheck) => PlannedScan;
}

/**
 * The queries that count violations of `checks` on `table`: every row test (NOT NULL, CHECK,
 * type conversion, domain, foreign key) in one scan of the table, each unique key on its own
 * (it groups). Beyond `maxScanRows` the table is read through TABLESAMPLE SYSTEM.
 */
export function checkPlan(table: RelationRef, checks: readonly LiveCheck[], context: PlanContext): CheckPlan {
  const unchecked = new Map<LiveCheck, string>();
  const predicates = new Map<LiveCheck, string>();
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
    predicates.set(check, rowPredicate(check, context));
    rowChecks.push(check);
  }
  const sampled = context.rows !== null && context.rows > context.maxScanRows;
  const from = `${qualified(table)} t${sampled ? ` tablesample system (${samplePercent(context)}) repeatable (0)` : ''}`;
  const build = (group: readonly LiveCheck[]): PlannedScan =>
    group.length === 1 && group[0]!.test.type === 'unique' ? uniqueScan(group[0]!, from, sampled, context) : rowScan(group, from, sampled, context);
  const scans = [...(rowChecks.length > 0 ? [build(rowChecks)] : []), ...uniqueChecks.map((c) => build([c]))];
  return { scans, unchecked, predicates, single: (check) => build([check]) };
}

function rowScan(checks: readonly LiveCheck[], from: string, sampled: boolean, context: PlanContext): PlannedScan {
  const inner: string[] = [];
  const joins: string[] = [];
  const counts: string[] = [];
  const refs: RelationRef[] = [];
  for (const [i, check] of checks.entries()) {
    const test = check.test;
    if (test.type !== 'foreign_key') {
      inner.push(`(${rowPredicate(check, context)}) as c${i}`);
      counts.push(`count(*) filter (where s.c${i}) as v${i}`);
      continue;
    }
    const own = test.columns.map((column, j) => {
      inner.push(`t.${quoteIdent(column)} as f${i}_${j}`);
      return `s.f${i}_${j}`;
    });
    const allSet = own.map((c) => `${c} is not null`).join(' and ');
    const someNull = own.map((c) => `${c} is null`).join(' or ');
    if (!context.parentExists(test.ref)) {
      // The referenced table is new: live has no row any reference could match.
      counts.push(`count(*) filter (where ${allSet}${test.matchFull && own.length > 1 ? ` or not (${someNull})` : ''}) as v${i}`);
      continue;
    }
    refs.push(test.ref);
    const keys = test.refColumns.map((column, j) => `${quoteIdent(column)} as r${i}_${j}`).join(', ');
    // DISTINCT: live may not have the unique key on the referenced columns yet, and a join must not multiply rows.
    joins.push(`left join (select distinct ${keys} from ${qualified(test.ref)}) p${i} on ${own.map((c, j) => `p${i}.r${i}_${j} = ${c}`).join(' and ')}`);
    const orphan = `(${allSet} and p${i}.r${i}_0 is null)`;
    const partial = test.matchFull && own.length > 1 ? ` or ((${someNull}) and not (${own.map((c) => `${c} is null`).join(' and ')}))` : '';
    counts.push(`count(*) filter (where ${orphan}${partial}) as v${i}`);
  }
  const sql = `select count(*) as total${counts.map((c) => `, ${c}`).join('')} from (select ${inner.length > 0 ? inner.join(', ') : '1 as one'} from ${from}) s ${joins.join(' ')}`.trim();
  return { sql, checks, refs, sampled, tableRows: context.rows };
}

function uniqueScan(check: LiveCheck, from: string, sampled: boolean, context: PlanContext): PlannedScan {
  const test = check.test as Extract<LiveCheck['test'], { type: 'unique' }>;
  const where = uniqueWhere(test);
  const keys = test.keys.join(', ');
  // Duplicates in a sample are not scaled: total 0 leaves the figures as found, labelled an estimate.
  const sql = `select 0 as total, count(*) as g0, coalesce(sum(n), 0) as v0 from (select count(*) as n from ${from}${where} group by ${keys} having count(*) > 1) d`;
  return { sql, checks: [check], refs: [], sampled, tableRows: context.rows };
}

function uniqueWhere(test: Extract<LiveCheck['test'], { type: 'unique' }>): string {
  const conditions = [...(test.nullsNotDistinct ? [] : test.keys.map((k) => `(${k}) is not null`)), ...(test.predicate ? [`(${test.predicate})`] : [])];
  return conditions.length > 0 ? ` where ${conditions.join(' and ')}` : '';
}

function rowPredicate(check: LiveCheck, context: PlanContext): string {
  const test = check.test;
  switch (test.type) {
    case 'predicate':
      return test.sql;
    case 'all':
      return 'true';
    case 'convert':
      if (test.labels) return `(${test.value})::text <> all (array[${test.labels.map(literal).join(', ')}]::text[])`;
      return context.inputIsValid ? `not pg_input_is_valid((${test.value})::text, ${literal(test.target)})` : 'false';
    case 'foreign_key': {
      const own = test.columns.map((c) => `t.${quoteIdent(c)}`);
      const set = own.map((c) => `${c} is not null`).join(' and ');
      if (!context.parentExists(test.ref)) return set;
      const match = test.refColumns.map((c, j) => `p.${quoteIdent(c)} = ${own[j]}`).join(' and ');
      return `${set} and not exists (select 1 from ${qualified(test.ref)} p where ${match})`;
    }
    case 'unique':
      return 'false';
  }
}

/** Up to `limit` primary-key values of violating rows; in key order unless the table is sampled (then the first found). */
export function examplesQuery(table: RelationRef, check: LiveCheck, primaryKey: readonly string[], limit: number, sampled: boolean, predicate: string | undefined): string | undefined {
  const key = primaryKey.length === 1 ? `t.${quoteIdent(primaryKey[0]!)}::text` : `row(${primaryKey.map((c) => `t.${quoteIdent(c)}`).join(', ')})::text`;
  const order = sampled ? '' : ` order by ${primaryKey.map((c) => `t.${quoteIdent(c)}`).join(', ')}`;
  if (check.test.type === 'unique') {
    const keys = check.test.keys.join(', ');
    const where = uniqueWhere(check.test);
    return `select ${key} as key from ${qualified(table)} t where (${keys}) in (select ${keys} from ${qualified(table)}${where} group by ${keys} having count(*) > 1)${check.test.predicate ? ` and (${check.test.predicate})` : ''}${order} limit ${limit}`;
  }
  if (predicate === undefined) return undefined;
  return `select ${key} as key from ${qualified(table)} t where ${predicate}${order} limit ${limit}`;
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
