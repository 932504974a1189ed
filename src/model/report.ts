import type { Finding } from './finding.js';

export interface SideInfo {
  readonly source: string;
  readonly serverVersion: string;
  /** The scratch provider that replayed migrations (`embedded`, `docker:postgres:16`, `url`), when there was one. */
  readonly provider?: string;
}

export interface Summary {
  readonly missing: number;
  readonly extra: number;
  readonly changed: number;
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
}
