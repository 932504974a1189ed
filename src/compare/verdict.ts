import { SEVERITY_RANK, type Finding, type Severity } from '../model/finding.js';
import type { Report, SideInfo, SkippedFile } from '../model/report.js';
import { sortFindings } from './order.js';

export interface ReportInput {
  readonly expected: SideInfo;
  readonly actual: SideInfo;
  readonly findings: readonly Finding[];
  readonly warnings: readonly string[];
  /** Files cause attribution could not read; left out when attribution did not run. */
  readonly skipped?: readonly SkippedFile[];
}

/**
 * Any difference, info included, means drift; whether drift fails the run is `exitCodeFor`'s
 * call. Hazards (a runtime schema writer, a masked statement) are findings but not drift.
 */
export function buildReport({ expected, actual, findings, warnings, skipped }: ReportInput): Report {
  const count = (change: Finding['change']): number => findings.filter((f) => f.change === change).length;
  return {
    verdict: findings.some((f) => f.change !== 'hazard') ? 'drift' : 'parity',
    expected,
    actual,
    summary: { missing: count('missing'), extra: count('extra'), changed: count('changed') },
    findings: sortFindings(findings),
    warnings: [...warnings],
    ...(skipped ? { skipped: [...skipped] } : {}),
  };
}

/**
 * The gate (`--fail-on`) the exit code reports: passed unless a finding that is not waived is
 * at or above `failOn`. Hazards count at their severity, like differences: a runtime schema
 * writer (`warning`) fails `--fail-on warning`. `counts`: the findings that are not waived, by severity.
 */
export interface Gate {
  readonly failOn: Severity;
  readonly passed: boolean;
  readonly counts: Readonly<Record<Severity, number>>;
}

export function gateOf(report: Pick<Report, 'findings'>, failOn: Severity): Gate {
  const counting = report.findings.filter((f) => f.waiver === undefined);
  const count = (s: Severity): number => counting.filter((f) => f.severity === s).length;
  return {
    failOn,
    passed: !counting.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]),
    counts: { error: count('error'), warning: count('warning'), info: count('info') },
  };
}

/** 1 when any finding is at or above `failOn` (`--fail-on`) and not waived, else 0. */
export function exitCodeFor(report: Pick<Report, 'findings'>, failOn: Severity): 0 | 1 {
  return gateOf(report, failOn).passed ? 0 : 1;
}
