import type { Finding, Severity } from './finding.js';
import type { SideInfo, Summary } from './report.js';

/** `--shard i/n`: this run takes the targets whose name hashes to shard `index` (1-based) of `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** What one target of a fleet (a database, or a tenant schema) gave. */
export interface TargetResult {
  readonly name: string;
  /** `error`: it could not be read (unreachable, wrong password, a timeout); `error` says why. */
  readonly verdict: 'parity' | 'drift' | 'error';
  readonly summary: Summary;
  readonly findings: readonly Finding[];
  /** Why the target could not be read, in one line (no password). */
  readonly error?: string;
  /** The exit code class of that error (3: cannot connect). */
  readonly errorCode?: number;
  /** The target's server version, when it was read. */
  readonly serverVersion?: string;
  readonly warnings?: readonly string[];
}

export interface FleetSummary {
  readonly targets: number;
  readonly parity: number;
  readonly drift: number;
  readonly failed: number;
}

/** The outcome of a fleet run (`check --targets`, `--tenant-schemas`) or of `merge`: the fleet JSON contract, minus the tool header. */
export interface FleetReport {
  /** `drift` when a target drifts at or above the gate, `error` when none does but one could not be read. */
  readonly verdict: 'parity' | 'drift' | 'error';
  readonly summary: FleetSummary;
  /** What every target was compared with (the migrations, replayed once). */
  readonly expected: SideInfo;
  /** Sorted by name. */
  readonly targets: readonly TargetResult[];
  /** The gate the verdict was decided with. */
  readonly failOn: Severity;
  /** Set on a shard's report: which share of the fleet it holds. */
  readonly shard?: Shard;
  readonly warnings: readonly string[];
}

/** Targets (or tenant schemas) whose normalized schemas are identical. */
export interface FingerprintGroup {
  /** sha256 of the normalized schema, schema names folded. */
  readonly fingerprint: string;
  readonly count: number;
  /** Sorted names. */
  readonly members: readonly string[];
  /** The largest group (ties: the one whose first member sorts first). */
  readonly majority: boolean;
  /** An outlier group's differences from the majority (or from the migrations when given); absent on the majority. */
  readonly findings?: readonly Finding[];
}

export interface FingerprintReport {
  /** Largest group first. */
  readonly groups: readonly FingerprintGroup[];
  /** What outliers were compared with: `majority`, or the migrations' source. */
  readonly comparedWith: string;
  /** Targets that could not be read. */
  readonly failed: readonly { readonly name: string; readonly error: string }[];
  readonly warnings: readonly string[];
}
