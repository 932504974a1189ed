import type { Severity } from '../model/finding.js';

/**
 * What `pgparity history` can find wrong between a migration history table in the live
 * database and the migration files. Codes are part of the JSON contract: add, never rename.
 */
export const HISTORY_PROBLEMS = [
  /** A history row names a migration (or revision) that no file provides. */
  'missing_file',
  /** A file no history row records: not applied yet. */
  'pending',
  /** Applied after a migration that sorts later: the database saw another order than the files give. */
  'out_of_order',
  /** The file's checksum is not the one recorded when it ran: edited after it was applied. */
  'checksum_mismatch',
  /** A failed, dirty, unfinished or rolled-back row. */
  'failed',
  /** Two files claim the same version. */
  'duplicate_version',
  /** Plain file-name order and numeric order disagree (`10_x.sql` before `9_y.sql`). */
  'ambiguous_order',
  /** A file without the version prefix its neighbours have. */
  'unversioned_file',
  /** Alembic: a `down_revision` names a revision no file defines. */
  'broken_chain',
  /** Alembic: the revisions have several heads. */
  'multiple_heads',
  /** More than one tool records migrations in this database. */
  'several_history_tables',
  /** No history table was found (or the one named does not exist). */
  'no_history_table',
  /** A table named like a history table whose shape pgparity does not know. */
  'unrecognized_history_table',
] as const;
export type HistoryProblem = (typeof HISTORY_PROBLEMS)[number];

/** A value from a file or a history row, as JSON shows it. */
export type HistoryValue = string | number | null;

export interface HistoryFinding {
  readonly problem: HistoryProblem;
  readonly severity: Severity;
  /** `schema.table` of the history table, when the finding concerns one. */
  readonly table?: string;
  readonly framework?: string;
  /** The migration as its framework names it: a version, a file name, a revision. */
  readonly migration?: string;
  /** The migration file, as the user would type its path. */
  readonly file?: string;
  /** From the files (e.g. the checksum of the file now)… */
  readonly expected?: HistoryValue;
  /** … and as recorded in the live database. */
  readonly actual?: HistoryValue;
  /** For `failed`: `failed`, `dirty`, `unfinished` or `rolled_back`. */
  readonly state?: FailedState;
  readonly message: string;
}

export type FailedState = 'failed' | 'dirty' | 'unfinished' | 'rolled_back';

/** One history table and what was audited in it. */
export interface HistoryTableSummary {
  /** `schema.table`. */
  readonly table: string;
  readonly framework: string;
  /** Migrations the table records as applied. */
  readonly applied: number;
  /** Migration files of this framework found under `--migrations`; null when not audited against files. */
  readonly files: number | null;
  readonly pending: number;
  /** How checksums were verified (`crc32-lines`, `sha256`, `sha384`, `md5`, `sha1-chain`), null when the table stores none. */
  readonly checksum: string | null;
  /** The latest applied migration or current revision(s), when there is one. */
  readonly current: string | null;
  /** What was not audited and why. */
  readonly notes: readonly string[];
}

export interface HistoryReport {
  /** `clean` when there is no finding of severity warning or error. */
  readonly verdict: 'clean' | 'problems';
  /** The live database, without password. */
  readonly database: string;
  /** The `--migrations` directory, or null when only the tables were read. */
  readonly migrations: string | null;
  readonly tables: readonly HistoryTableSummary[];
  readonly summary: { readonly error: number; readonly warning: number; readonly info: number };
  /** Sorted by table, then problem, then migration. */
  readonly findings: readonly HistoryFinding[];
  readonly warnings: readonly string[];
}

/**
 * What live's one migration history table says of each migration file, for the causes of drift
 * in `check`: files (as shown, `db/migrations/0007_x.sql`) recorded as applied, with no row, or
 * recorded with another checksum than the file's now.
 */
export interface HistoryView {
  /** `public._prisma_migrations`. */
  readonly table: string;
  readonly applied: ReadonlySet<string>;
  /** Recorded as failed, dirty, unfinished or rolled back. */
  readonly failed: ReadonlySet<string>;
  readonly pending: ReadonlySet<string>;
  readonly edited: ReadonlySet<string>;
}
