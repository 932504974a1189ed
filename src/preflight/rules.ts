import type { Severity } from '../model/finding.js';
import type { Hazard, HazardCode, RelationSize, Violation } from '../model/preflight.js';
import type { RelationRef } from './effects.js';
import type { MeasuredStatement } from './measure.js';

export interface RuleInput {
  readonly statement: MeasuredStatement;
  readonly violations: readonly Violation[];
  /** Live size of a relation, when it exists in live. */
  readonly size: (ref: RelationRef) => RelationSize | undefined;
  /** Rows of live holding each renamed enum label. */
  readonly labelRows: readonly {
    readonly label: string;
    readonly renamedTo: string;
    readonly relation: string;
    readonly column: string;
    readonly rows: number | null;
  }[];
  /** Tables an earlier pending statement writes rows to (its data may fix what live shows now). */
  readonly writtenBefore: ReadonlySet<string>;
  readonly large: { readonly rows: number; readonly bytes: number };
  /** The file opens a transaction it never commits, and this is its last statement. */
  readonly lastOfUncommitted: boolean;
}

/** One rule: a code, the fix to print, and what it finds in a measured statement. */
export interface Rule {
  readonly code: HazardCode;
  readonly fix: string;
  readonly find: (input: RuleInput) => readonly { readonly severity: Severity; readonly message: string }[];
}

const MB = 1024 * 1024;

function describeSize(size: RelationSize | undefined): string {
  if (!size) return 'not in live yet';
  const rows = size.rows === null ? 'rows unknown' : `${size.rows.toLocaleString('en-US')} row${size.rows === 1 ? '' : 's'}`;
  const bytes =
    size.bytes >= 1024 * MB
      ? `${(size.bytes / (1024 * MB)).toFixed(1)} GiB`
      : size.bytes >= MB
        ? `${(size.bytes / MB).toFixed(1)} MiB`
        : `${Math.round(size.bytes / 1024)} kB`;
  return `${rows}, ${bytes} in live`;
}

/** Warning on a table above --large-table, info below: what is harmless on 100 rows stops production on 100 million. */
function bySize(input: RuleInput, ref: RelationRef): { severity: Severity; size: string } {
  const size = input.size(ref);
  const large = size !== undefined && ((size.rows ?? 0) >= input.large.rows || size.bytes >= input.large.bytes);
  return { severity: large ? 'warning' : 'info', size: describeSize(size) };
}

function existingTables(input: RuleInput): RelationRef[] {
  const tables = new Map<string, RelationRef>();
  for (const lock of input.statement.effects.locks) if (['r', 'p', 'm'].includes(lock.kind)) tables.set(lock.table.relation, lock.table);
  return [...tables.values()];
}

/** The rule table: docs/preflight.md lists the same codes, in this order, with squawk's rules beside them. */
export const RULES: readonly Rule[] = [
  {
    code: 'violating_rows',
    fix: 'fix or remove these rows first, in a data migration before this one; for a constraint, add it NOT VALID, fix the rows, then VALIDATE CONSTRAINT; for a type change, a USING expression that converts them',
    find: (input) =>
      input.violations
        .filter((v) => v.rows !== null && v.rows > 0)
        .map((v) => {
          const earlier = input.writtenBefore.has(v.relation);
          const what =
            v.kind === 'type_change' || v.kind === 'enum_value'
              ? 'do not convert to the new type'
              : v.kind === 'unique' || v.kind === 'primary_key'
                ? `are duplicates (${v.groups ?? 0} groups)`
                : 'violate it';
          return {
            // An earlier pending statement writes to the table: it may fix these rows before this one runs.
            severity: earlier ? 'warning' : 'error',
            message: `${v.estimated ? 'about ' : ''}${v.rows!.toLocaleString('en-US')} row${v.rows === 1 ? '' : 's'} of ${v.relation} ${what}: ${v.constraint} — the statement will fail${earlier ? ' unless the earlier pending statement that writes to it fixes them' : ''}`,
          };
        }),
  },
  {
    code: 'unchecked_constraint',
    fix: 'check these rows by hand before deploying',
    find: (input) =>
      input.violations
        .filter((v) => v.rows === null)
        .map((v) => ({ severity: 'warning', message: `${v.constraint} on ${v.relation} ${v.note ?? 'was not checked'}` })),
  },
  {
    code: 'blocks_reads',
    fix: "keep the lock short: SET lock_timeout = '2s' first and retry on timeout; split the change so the long part runs without ACCESS EXCLUSIVE (NOT VALID + VALIDATE, CONCURRENTLY, expand/contract)",
    find: (input) =>
      input.statement.effects.locks
        .filter((l) => l.blocks === 'reads' && ['r', 'p', 'm'].includes(l.kind))
        .map((l) => {
          const { severity, size } = bySize(input, l.table);
          return { severity, message: `takes ${l.mode} on ${l.relation} (${size}): reads and writes wait until the transaction ends` };
        }),
  },
  {
    code: 'blocks_writes',
    fix: 'run it when writes can wait, or use the non-blocking form (CREATE INDEX CONCURRENTLY, ADD CONSTRAINT … NOT VALID then VALIDATE)',
    find: (input) =>
      input.statement.effects.locks
        .filter((l) => l.blocks === 'writes' && ['r', 'p', 'm'].includes(l.kind))
        .map((l) => {
          const { severity, size } = bySize(input, l.table);
          return { severity, message: `takes ${l.mode} on ${l.relation} (${size}): writes wait until the transaction ends` };
        }),
  },
  {
    code: 'table_rewrite',
    fix: 'avoid the rewrite: add a new column, backfill it in batches and swap (expand/contract); for a default, add the column first and set the default after',
    find: (input) =>
      input.statement.facts?.truncate
        ? []
        : input.statement.effects.rewrites
            .filter((r) => r.kind !== 'i')
            .map((r) => {
              const { severity, size } = bySize(input, r.table);
              return { severity, message: `rewrites ${r.relation} (${size}) and rebuilds its indexes while it holds the lock` };
            }),
  },
  {
    code: 'index_without_concurrently',
    fix: 'CREATE INDEX CONCURRENTLY, in a migration that is not wrapped in a transaction',
    find: (input) =>
      input.statement.facts?.createIndex && !input.statement.facts.createIndex.concurrent
        ? input.statement.effects.indexesBuilt
            .filter((i) => i.tableExisted)
            .map((i) => {
              const { severity, size } = bySize(input, i.table);
              return { severity, message: `builds ${i.index} on ${i.table.relation} (${size}) without CONCURRENTLY: writes wait for the whole build` };
            })
        : [],
  },
  {
    code: 'drop_index_without_concurrently',
    fix: 'DROP INDEX CONCURRENTLY, in a migration that is not wrapped in a transaction',
    find: (input) =>
      input.statement.facts?.dropIndex && !input.statement.facts.dropIndex.concurrent
        ? existingTables(input).map((t) => {
            const { severity, size } = bySize(input, t);
            return { severity, message: `drops an index of ${t.relation} (${size}) under ACCESS EXCLUSIVE, without CONCURRENTLY` };
          })
        : [],
  },
  {
    code: 'unique_constraint_builds_index',
    fix: 'CREATE UNIQUE INDEX CONCURRENTLY first, then ADD CONSTRAINT … UNIQUE / PRIMARY KEY USING INDEX',
    find: (input) =>
      input.statement.facts?.node === 'AlterTableStmt' && !input.statement.facts.usingIndex
        ? input.statement.effects.validated
            .filter((v) => v.type === 'u' || v.type === 'p')
            .map((v) => {
              const { severity, size } = bySize(input, v.table);
              return { severity, message: `${v.constraint} builds its index on ${v.table.relation} (${size}) while holding ACCESS EXCLUSIVE` };
            })
        : [],
  },
  {
    code: 'constraint_without_not_valid',
    fix: 'ADD CONSTRAINT … NOT VALID (instant), then ALTER TABLE … VALIDATE CONSTRAINT in a later transaction (reads and writes go on meanwhile)',
    find: (input) => {
      const scanned = new Set(input.statement.effects.scans.map((s) => s.relation));
      const facts = input.statement.facts;
      if (facts?.node !== 'AlterTableStmt') return [];
      return input.statement.effects.validated
        .filter((v) => (v.type === 'c' || v.type === 'f') && scanned.has(v.table.relation) && !/\bvalidate\s+constraint\b/i.test(input.statement.sql))
        .map((v) => {
          const { severity, size } = bySize(input, v.table);
          return { severity, message: `${v.constraint} is validated by reading all of ${v.table.relation} (${size}) while the lock is held` };
        });
    },
  },
  {
    code: 'set_not_null_scan',
    fix: 'ADD CONSTRAINT c CHECK (col IS NOT NULL) NOT VALID; VALIDATE CONSTRAINT c; then SET NOT NULL skips the scan (PostgreSQL 12+); DROP CONSTRAINT c',
    find: (input) => {
      const scanned = new Set(input.statement.effects.scans.map((s) => s.relation));
      return input.statement.effects.notNullSet
        .filter((n) => scanned.has(n.table.relation))
        .map((n) => {
          const { severity, size } = bySize(input, n.table);
          return {
            severity,
            message: `SET NOT NULL on ${n.table.relation}.${n.column} reads all of the table (${size}) under ACCESS EXCLUSIVE: no validated CHECK proves it`,
          };
        });
    },
  },
  {
    code: 'required_column',
    fix: 'add the column with a DEFAULT, or nullable: backfill, then SET NOT NULL',
    find: (input) =>
      input.statement.effects.requiredColumns.map((c) => ({
        severity: (input.size(c.table)?.rows ?? 0) > 0 ? 'error' : 'info',
        message: `adds ${c.table.relation}.${c.column} NOT NULL without a default: fails on a table with rows (${describeSize(input.size(c.table))})`,
      })),
  },
  {
    code: 'volatile_default',
    fix: 'add the column without the default, then SET DEFAULT for new rows and backfill old rows in batches',
    find: (input) => {
      const columns = input.statement.facts?.defaultedColumns ?? [];
      if (columns.length === 0) return [];
      return input.statement.effects.rewrites
        .filter((r) => r.kind !== 'i')
        .map((r) => {
          const { severity, size } = bySize(input, r.table);
          return { severity, message: `the default of ${columns.join(', ')} is volatile, so every row of ${r.relation} (${size}) is written now` };
        });
    },
  },
  {
    code: 'rename_column',
    fix: 'expand/contract: add the new column, write both, move reads, drop the old one in a later release (or keep a view with the old name)',
    find: (input) =>
      input.statement.effects.renamedColumns.map((c) => ({
        severity: 'warning',
        message: `renames ${c.table.relation}.${c.from} to ${c.to}: the running application still uses the old name until it is redeployed`,
      })),
  },
  {
    code: 'rename_table',
    fix: 'expand/contract: create the new name (or a view with the old one), move the application, drop the old name in a later release',
    find: (input) =>
      input.statement.effects.renamedTables.map((t) => ({
        severity: 'warning',
        message: `renames ${t.from} to ${t.to}: the running application still uses the old name until it is redeployed`,
      })),
  },
  {
    code: 'enum_value_renamed',
    fix: 'add the new value, move the rows and the application to it, and stop writing the old one before removing it',
    find: (input) =>
      input.labelRows.map((l) => ({
        severity: 'warning',
        message: `renames '${l.label}' to '${l.renamedTo}': ${l.rows === null ? 'an unknown number of' : l.rows.toLocaleString('en-US')} row${l.rows === 1 ? '' : 's'} of ${l.relation}.${l.column} change value, and the running application still writes '${l.label}'`,
      })),
  },
  {
    code: 'drop_column',
    fix: 'stop reading and writing the column in a release before; keep a backup or copy of its data: only a restore brings it back',
    find: (input) =>
      input.statement.effects.droppedColumns.map((c) => ({
        severity: 'warning',
        message: `drops ${c.table.relation}.${c.column} (${describeSize(input.size(c.table))}): its data can only be restored from a backup`,
      })),
  },
  {
    code: 'drop_table',
    fix: 'stop using the table in a release before; rename it aside and drop it later, after a backup',
    find: (input) =>
      input.statement.effects.droppedTables.map((t) => ({
        severity: 'warning',
        message: `drops ${t.relation} (${describeSize(input.size(t))}): its data can only be restored from a backup`,
      })),
  },
  {
    code: 'drop_schema',
    fix: 'drop the objects one by one after checking each is unused, after a backup',
    find: (input) => input.statement.effects.droppedSchemas.map((s) => ({ severity: 'warning', message: `drops schema ${s} and everything in it` })),
  },
  {
    code: 'drop_database',
    fix: 'never from a migration: drop databases by hand',
    find: (input) => (input.statement.facts?.dropDatabase ? [{ severity: 'error', message: 'drops a database (not run in scratch)' }] : []),
  },
  {
    code: 'truncate',
    fix: 'delete in batches with a WHERE clause, or confirm the table is meant to be emptied; avoid CASCADE',
    find: (input) => {
      const truncate = input.statement.facts?.truncate;
      if (!truncate) return [];
      return input.statement.effects.rewrites
        .filter((r) => r.kind !== 'i')
        .map((r) => ({
          severity: 'warning',
          message: `empties ${r.relation} (${describeSize(input.size(r.table))})${truncate.cascade ? ' — CASCADE: also every table referencing it' : ''}`,
        }));
    },
  },
  {
    code: 'unbounded_delete',
    fix: 'delete in batches by key range with a WHERE clause',
    find: (input) => unbounded(input, 'delete', 'deletes every row of'),
  },
  {
    code: 'unbounded_update',
    fix: 'update in batches by key range with a WHERE clause (each batch its own transaction)',
    find: (input) => unbounded(input, 'update', 'updates every row of'),
  },
  {
    code: 'narrowing_type_change',
    fix: 'check the values fit first; keep the old column until the new one is verified',
    find: (input) =>
      input.statement.effects.typeChanges
        .filter((t) => narrows(t.from, t.to))
        .map((t) => ({ severity: 'warning', message: `changes ${t.table.relation}.${t.column} from ${t.from} to ${t.to}: values may be cut or rounded` })),
  },
  {
    code: 'no_lock_timeout',
    fix: "SET lock_timeout = '2s' at the top of the migration, and retry it on timeout",
    find: (input) => {
      if (input.statement.lockTimeoutSet) return [];
      const exclusive = input.statement.effects.locks.filter((l) => l.mode === 'AccessExclusiveLock' && ['r', 'p', 'm'].includes(l.kind));
      return exclusive.length > 0
        ? [
            {
              severity: 'warning',
              message: `waits without limit for ACCESS EXCLUSIVE on ${exclusive.map((l) => l.relation).join(', ')}, and every query queued behind it waits too`,
            },
          ]
        : [];
    },
  },
  {
    code: 'concurrently_in_transaction',
    fix: 'move the statement to a migration of its own that is not wrapped in a transaction',
    find: (input) =>
      input.statement.forbiddenInTransaction && input.statement.inFileTransaction
        ? [{ severity: 'error', message: 'cannot run inside the BEGIN that the file opens: the migration will fail' }]
        : [],
  },
  {
    code: 'uncommitted_transaction',
    fix: 'end the file with COMMIT',
    find: (input) =>
      input.lastOfUncommitted
        ? [{ severity: 'warning', message: 'the file opens a transaction it never commits: its locks stay held until the session ends' }]
        : [],
  },
  {
    code: 'domain_constraint_scan',
    fix: 'ALTER DOMAIN … ADD CONSTRAINT … NOT VALID, then VALIDATE CONSTRAINT',
    find: (input) =>
      input.statement.facts?.node === 'AlterDomainStmt'
        ? input.statement.effects.validated
            .filter((v) => v.type === 'domain')
            .map((v) => {
              const { severity, size } = bySize(input, v.table);
              return { severity, message: `${v.constraint} on domain ${v.domain} is checked against every row of ${v.table.relation} (${size}) that uses it` };
            })
        : [],
  },
];

function unbounded(input: RuleInput, verb: 'delete' | 'update', what: string) {
  const facts = input.statement.facts?.unbounded;
  if (facts?.verb !== verb) return [];
  const table = input.statement.effects.locks.find((l) => l.mode === 'RowExclusiveLock' && l.kind !== 'i' && l.table.name === facts.table)?.table;
  return [
    {
      severity: 'warning' as Severity,
      message: `${what} ${table?.relation ?? facts.table}${table ? ` (${describeSize(input.size(table))})` : ''}: no WHERE clause`,
    },
  ];
}

/** Types a value can lose precision or length in, going from `from` to `to` (format_type spelling). */
export function narrows(from: string, to: string): boolean {
  const length = (t: string): { base: string; args: number[] } => {
    const m = /^(.*?)\((\d+)(?:,(\d+))?\)(\[\])?$/.exec(t.replace(/\s+/g, ' ').replace(/ \(/, '('));
    return m ? { base: m[1]!.trim(), args: [Number(m[2]), ...(m[3] !== undefined ? [Number(m[3])] : [])] } : { base: t, args: [] };
  };
  const a = length(from);
  const b = length(to);
  if (a.base === b.base) {
    if (b.args.length === 0) return false;
    if (a.args.length === 0) return true;
    return b.args.some((n, i) => n < (a.args[i] ?? 0)) || (a.base === 'numeric' && b.args[0]! - (b.args[1] ?? 0) < a.args[0]! - (a.args[1] ?? 0));
  }
  const rank: Record<string, number> = { smallint: 1, integer: 2, bigint: 3, real: 4, 'double precision': 5, numeric: 6 };
  if (rank[a.base] !== undefined && rank[b.base] !== undefined) return rank[b.base]! < rank[a.base]!;
  if (['text', 'character varying'].includes(a.base) && ['character varying', 'character'].includes(b.base)) return true;
  if (a.base.startsWith('timestamp') && b.base === 'date') return true;
  return false;
}

/** Every hazard the rules find in one statement, in rule order. */
export function hazardsOf(input: RuleInput): Hazard[] {
  return RULES.flatMap((rule) => rule.find(input).map((found) => ({ code: rule.code, severity: found.severity, message: found.message, fix: rule.fix })));
}
