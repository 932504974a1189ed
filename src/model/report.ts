import type { Finding } from './finding.js';
import type { Waiver } from './waiver.js';

export interface SkippedFile {
  readonly file: string;
  readonly reason: string;
}

export interface SideInfo {
  readonly source: string;
  readonly serverVersion: string;
  /** The scratch provider that replayed migrations (`embedded`, `docker:postgres:16`, `url`), when there was one. */
  readonly provider?: string;
  /** For an embedded scratch server: the major that served and why (`live's major`, `--scratch embedded:15`, …). */
  readonly scratch?: ScratchChoice;
}

export interface ScratchChoice {
  readonly major: number;
  readonly reason: string;
}

export interface Summary {
  readonly missing: number;
  readonly extra: number;
  readonly changed: number;
  /** How many of the findings a waiver accepts; set only when waivers were applied. */
  readonly waived?: number;
}

/** The outcome of one `check` / `diff`: the JSON contract, minus the tool header. */
export interface Report {
  readonly verdict: 'parity' | 'drift';
  readonly expected: SideInfo;
  readonly actual: SideInfo;
  readonly summary: Summary;
  readonly findings: readonly Finding[];
  /** Things a person should know that are not drift: env disagreement, version mismatch. */
  readonly warnings: readonly string[];
  /** Files cause attribution could not read (unparseable migrations or application sources); set when attribution ran. */
  readonly skipped?: readonly SkippedFile[];
  /** Waivers that matched no finding; set (possibly empty) only when waivers were applied. */
  readonly staleWaivers?: readonly Waiver[];
}
