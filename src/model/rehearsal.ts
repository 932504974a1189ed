import type { Finding } from './finding.js';
import type { SourcePosition } from './errors.js';
import type { SideInfo } from './report.js';

/**
 * What rehearsing one migration (up, down, up again) showed:
 * - `reversible`: the down restores the schema before the up, and the up runs again to the same schema;
 * - `residue`: the down leaves objects behind or does not restore them (or the second up differs);
 * - `down_fails`: the down itself fails;
 * - `reup_fails`: the up cannot run again after its down (a down that forgets a type or a sequence);
 * - `no_down`: there is no down to rehearse;
 * - `irreversible`: the schema comes back, but the up destroys data (DROP COLUMN, TRUNCATE, …).
 */
export const REHEARSAL_STATUSES = ['reversible', 'residue', 'down_fails', 'reup_fails', 'no_down', 'irreversible'] as const;
export type RehearsalStatus = (typeof REHEARSAL_STATUSES)[number];

/**
 * Which comparison a finding comes from: `down` (after the down, against the schema before
 * the up), `reup` (after the up again, against the first up), and for `--full` `reset` (after
 * every down, against the schema before the first) and `replay` (after every up again).
 */
export type RehearsalPhase = 'down' | 'reup' | 'reset' | 'replay';

export interface RehearsalFinding extends Finding {
  readonly phase: RehearsalPhase;
}

/** An up statement that destroys data a down cannot bring back (seed 003: "restore-only"). */
export interface IrreversibleStatement {
  readonly file: string;
  readonly line: number;
  /** The statement, on one line, shortened when long. */
  readonly statement: string;
  /** `drops column public.users.legacy_id and its values`. */
  readonly reason: string;
}

/** A down, or an up run again, that failed: where, and the server's message with a caret excerpt. */
export interface StepFailure {
  readonly message: string;
  readonly position?: SourcePosition;
  readonly excerpt?: string;
}

export interface MigrationRehearsal {
  readonly id: string;
  /** The up (or the only) file; absent for `--up-cmd` steps. */
  readonly file?: string;
  readonly downFile?: string;
  readonly status: RehearsalStatus;
  /** Whether this outcome counts against the verdict (`--fail-on`, `--allow-no-down`, an accepted data loss). */
  readonly fails: boolean;
  readonly findings: readonly RehearsalFinding[];
  readonly irreversibleStatements: readonly IrreversibleStatement[];
  readonly failure?: StepFailure;
  /** The up declares itself reversible by design (the `pgparity:reversible-by-design` marker): its data loss is accepted. */
  readonly accepted?: string;
  /** `--with-data`: what was inserted before the down, and which tables were skipped and why. */
  readonly data?: readonly string[];
}

/** `--full`: every down from the newest to the oldest, then every up again. */
export interface ResetRehearsal {
  readonly status: 'reversible' | 'residue' | 'down_fails' | 'reup_fails' | 'no_down';
  readonly fails: boolean;
  readonly findings: readonly RehearsalFinding[];
  /** The migration whose down (or up) failed, or the first one without a down. */
  readonly migration?: string;
  readonly failure?: StepFailure;
}

export type RehearsalSummary = Readonly<Record<RehearsalStatus, number>>;

/** The outcome of `pgparity rehearse`: the JSON contract, minus the tool header. */
export interface Rehearsal {
  readonly verdict: 'reversible' | 'not_reversible';
  /** The migrations and the scratch server they were rehearsed on. */
  readonly source: SideInfo;
  readonly migrations: readonly MigrationRehearsal[];
  readonly summary: RehearsalSummary;
  readonly full?: ResetRehearsal;
  readonly warnings: readonly string[];
}
