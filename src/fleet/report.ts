import { exitCodeFor } from '../compare/verdict.js';
import type { Severity } from '../model/finding.js';
import type { FleetReport, Shard, TargetResult } from '../model/fleet.js';
import type { Report, SideInfo } from '../model/report.js';

/** One target's result from its comparison report. */
export function targetResult(name: string, report: Report): TargetResult {
  return {
    name,
    verdict: report.verdict,
    summary: report.summary,
    findings: report.findings,
    serverVersion: report.actual.serverVersion,
    ...(report.warnings.length > 0 ? { warnings: report.warnings } : {}),
  };
}

/** A target that could not be read: reported, counted as failed, and the scan goes on. */
export function failedTarget(name: string, error: string, errorCode: number): TargetResult {
  return { name, verdict: 'error', summary: { missing: 0, extra: 0, changed: 0 }, findings: [], error, errorCode };
}

/** The fleet report: targets sorted by name, counted, and a verdict decided as for one database. */
export function buildFleetReport(input: {
  readonly expected: SideInfo;
  readonly targets: readonly TargetResult[];
  readonly failOn: Severity;
  readonly shard?: Shard;
  readonly warnings?: readonly string[];
}): FleetReport {
  const targets = [...input.targets].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const count = (verdict: TargetResult['verdict']): number => targets.filter((t) => t.verdict === verdict).length;
  const summary = { targets: targets.length, parity: count('parity'), drift: count('drift'), failed: count('error') };
  return {
    verdict: summary.drift > 0 ? 'drift' : summary.failed > 0 ? 'error' : 'parity',
    summary,
    expected: input.expected,
    targets,
    failOn: input.failOn,
    ...(input.shard ? { shard: input.shard } : {}),
    warnings: [...(input.warnings ?? [])],
  };
}

/** 1 when a target fails the gate, else 3 (70 for an internal error) when a target could not be read, else 0. */
export function fleetExitCode(report: FleetReport): number {
  const fails = report.targets.some((t) => t.verdict !== 'error' && exitCodeFor(t, report.failOn) === 1);
  if (fails) return 1;
  const codes = report.targets.filter((t) => t.verdict === 'error').map((t) => t.errorCode ?? 3);
  return codes.length === 0 ? 0 : Math.max(...codes) === 70 ? 70 : 3;
}
