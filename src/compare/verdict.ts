import { SEVERITY_RANK, type Finding, type Severity } from '../model/finding.js';
import type { Report, SideInfo } from '../model/report.js';
import { sortFindings } from './order.js';

export interface ReportInput {
  readonly expected: SideInfo;
  readonly actual: SideInfo;
  readonly findings: readonly Finding[];
  readonly warnings: readonly string[];
}

/** Any finding, info included, means drift; whether drift fails the run is `exitCodeFor`'s call. */
export function buildReport({ expected, actual, findings, warnings }: ReportInput): Report {
  const count = (change: Finding['change']): number => findings.filter((f) => f.change === change).length;
  return {
    verdict: findings.length === 0 ? 'parity' : 'drift',
    expected,
    actual,
    summary: { missing: count('missing'), extra: count('extra'), changed: count('changed') },
    findings: sortFindings(findings),
    warnings: [...warnings],
  };
}

/** 1 when any finding is at or above `failOn` (`--fail-on`), else 0. */
export function exitCodeFor(report: Report, failOn: Severity): 0 | 1 {
  return report.findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]) ? 1 : 0;
}
