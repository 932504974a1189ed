import type { Severity } from './finding.js';

/** What a lock keeps other sessions from doing while the statement runs and until its transaction ends. */
export type LockBlocks = 'reads' | 'writes' | 'none';

/** A relation lock the statement's own backend held before commit, measured in scratch (`pg_locks`). */
export interface MeasuredLock {
  /** `schema.name` of a table, index, sequence or view that existed before the statement. */
  readonly relation: string;
  /** `pg_locks.mode`, e.g. `AccessExclusiveLock`: the strongest one taken on the relation. */
  readonly mode: string;
  readonly blocks: LockBlocks;
}

/** The size of a relation the statement touches, read on live. */
export interface RelationSize {
  readonly relation: string;
  /** `reltuples` (an exact count when the table was never analyzed and is small); null when unknown. */
  readonly rows: number | null;
  /** `pg_total_relation_size`: heap, indexes and TOAST. */
  readonly bytes: number;
}

export const VIOLATION_KINDS = ['not_null', 'check', 'unique', 'primary_key', 'foreign_key', 'type_change', 'enum_value', 'domain'] as const;
export type ViolationKind = (typeof VIOLATION_KINDS)[number];

/** Rows in live that would make the statement fail. */
export interface Violation {
  /** The constraint name, or `NOT NULL column` / `TYPE column` for what has no name. */
  readonly constraint: string;
  readonly kind: ViolationKind;
  readonly relation: string;
  /** Violating rows; null when they could not be counted (`note` says why). */
  readonly rows: number | null;
  /** For unique and primary keys: the groups of duplicates. */
  readonly groups?: number;
  /** The counts are scaled up from a TABLESAMPLE of the table (beyond --max-scan-rows). */
  readonly estimated: boolean;
  /** Up to 5 primary-key values of violating rows; null with --no-examples or when the table has no primary key. */
  readonly examples: readonly string[] | null;
  readonly note?: string;
}

export interface Hazard {
  /** Stable code (see docs/preflight.md): add, never rename. */
  readonly code: HazardCode;
  readonly severity: Severity;
  readonly message: string;
  readonly fix: string;
}

export const HAZARD_CODES = [
  'violating_rows',
  'unchecked_constraint',
  'blocks_reads',
  'blocks_writes',
  'table_rewrite',
  'index_without_concurrently',
  'drop_index_without_concurrently',
  'unique_constraint_builds_index',
  'constraint_without_not_valid',
  'set_not_null_scan',
  'required_column',
  'volatile_default',
  'rename_column',
  'rename_table',
  'enum_value_renamed',
  'drop_column',
  'drop_table',
  'drop_schema',
  'drop_database',
  'truncate',
  'unbounded_delete',
  'unbounded_update',
  'narrowing_type_change',
  'no_lock_timeout',
  'concurrently_in_transaction',
  'uncommitted_transaction',
  'domain_constraint_scan',
] as const;
export type HazardCode = (typeof HAZARD_CODES)[number];

/** How the statement was measured in scratch. */
export type Measurement =
  /** In a transaction of its own; locks read before commit. */
  | 'transaction'
  /** Refused in a transaction (CONCURRENTLY, VACUUM, …): locks read by a second session while it waited for an older snapshot, when it did. */
  | 'outside_transaction'
  /** Not run (DROP DATABASE, transaction control): nothing measured. */
  | 'not_run';

export interface PreflightStatement {
  /** 1-based line of the statement's first character in its file. */
  readonly line: number;
  readonly sql: string;
  readonly measured: Measurement;
  readonly locks: readonly MeasuredLock[];
  /** Tables and indexes whose relfilenode changed (rewritten or rebuilt). */
  readonly rewrites: readonly string[];
  /** Indexes built by the statement (new, or rebuilt by a rewrite). */
  readonly indexesBuilt: readonly string[];
  /** Tables read in full by the statement to validate a constraint or NOT NULL (a sequential scan counted in scratch). */
  readonly scans: readonly string[];
  readonly relations: readonly RelationSize[];
  readonly violations: readonly Violation[];
  readonly hazards: readonly Hazard[];
}

export interface PendingMigration {
  readonly migration: string;
  readonly file: string;
  readonly statements: readonly PreflightStatement[];
}

export interface PreflightReport {
  /** `unsafe` when any hazard is a warning or an error; the exit code follows --fail-on. */
  readonly verdict: 'safe' | 'unsafe';
  readonly live: { readonly source: string; readonly serverVersion: string };
  readonly scratch: { readonly provider: string; readonly serverVersion: string };
  /** How the pending migrations were chosen: `history`, `since`, or `sql`. */
  readonly selection: string;
  /** Migrations replayed as already applied before measuring. */
  readonly applied: number;
  readonly pending: readonly PendingMigration[];
  readonly summary: { readonly error: number; readonly warning: number; readonly info: number };
  readonly warnings: readonly string[];
}
