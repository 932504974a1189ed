/**
 * A synthetic application schema of `tables` tables, as a few large SQL batches: each batch
 * is one simple-query round trip (and one implicit transaction), which keeps generation fast;
 * 100 tables (300 statements) a batch stays clear of the cost that grows with the square of a
 * transaction's statements (see STATEMENTS_PER_TRANSACTION in src/replay/apply.ts).
 */

const ENUMS = ['order_status', 'priority', 'visibility', 'region'] as const;
const ENUM_LABELS = ['a', 'b', 'c', 'd', 'e'];

/** Shared objects every table refers to: the enum types and a parent table. */
function preamble(): string {
  const enums = ENUMS.map((name) => `create type ${name} as enum (${ENUM_LABELS.map((l) => `'${name}_${l}'`).join(', ')});`);
  return [...enums, 'create table parent (id bigint generated always as identity primary key, name text not null);'].join('\n');
}

/**
 * Table `t<i>`, the shape of issue 16: 8 columns, an identity primary key, an enum, a numeric
 * with a CHECK, a foreign key to the previous table (a chain: t1 refers to the shared parent),
 * a partial unique expression index and a two-column index.
 */
function table(i: number): string {
  const enumType = ENUMS[i % ENUMS.length]!;
  const references = i === 1 ? 'parent' : `t${i - 1}`;
  return `create table t${i} (
  id bigint generated always as identity primary key,
  name text not null,
  status ${enumType} not null default '${enumType}_a',
  amount numeric(12,2) not null default 0 constraint t${i}_amount_nonnegative check (amount >= 0),
  created_at timestamptz not null default now(),
  deleted_at timestamptz,
  payload jsonb,
  ref_id bigint references ${references} (id) on delete cascade
);
create unique index t${i}_live_name on t${i} (lower(name)) where deleted_at is null;
create index t${i}_status_created on t${i} (status, created_at);`;
}

export function schemaBatches(tables: number, tablesPerBatch = 100): string[] {
  const batches = [preamble()];
  for (let first = 1; first <= tables; first += tablesPerBatch) {
    const last = Math.min(tables, first + tablesPerBatch - 1);
    const statements: string[] = [];
    for (let i = first; i <= last; i++) statements.push(table(i));
    batches.push(statements.join('\n'));
  }
  return batches;
}

/**
 * A little drift for the second database of the diff benchmark, so both tools have something
 * to report: every 50th table gains a column and loses its two-column index, every 100th
 * table's name becomes nullable.
 */
export function driftStatements(tables: number): string {
  const statements: string[] = [];
  for (let i = 50; i <= tables; i += 50) {
    statements.push(`alter table t${i} add column extra integer;`, `drop index t${i}_status_created;`);
    if (i % 100 === 0) statements.push(`alter table t${i} alter column name drop not null;`);
  }
  return statements.join('\n');
}
