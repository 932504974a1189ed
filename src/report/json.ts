import { gateOf } from '../compare/verdict.js';
import type { Cause, Finding, Severity } from '../model/finding.js';
import type { ObjectRef } from '../model/objects.js';
import type { Report, SideInfo } from '../model/report.js';
import { waiverFields } from '../model/waiver.js';

export interface ToolInfo {
  readonly name: string;
  readonly version: string;
}

/**
 * The `--format json` contract (formatVersion 1): keys always in this order, optional
 * fields left out rather than null, 2-space indent, trailing newline.
 */
export function renderJson(report: Report, tool: ToolInfo, options: { readonly failOn?: Severity } = {}): string {
  const gate = gateOf(report, options.failOn ?? 'error');
  const document = {
    formatVersion: 1,
    tool: { name: tool.name, version: tool.version },
    verdict: report.verdict,
    // What the exit code reports: whether a finding that is not waived is at or above --fail-on.
    gate: { failOn: gate.failOn, passed: gate.passed },
    expected: sideJson(report.expected),
    actual: sideJson(report.actual),
    summary: {
      missing: report.summary.missing,
      extra: report.summary.extra,
      changed: report.summary.changed,
      ...(report.summary.waived !== undefined && { waived: report.summary.waived }),
    },
    findings: report.findings.map(finding),
    warnings: [...report.warnings],
    // Only when cause attribution ran (check, diff): files it could not read.
    ...(report.skipped !== undefined && { skipped: report.skipped.map((s) => ({ file: s.file, reason: s.reason })) }),
    // Only when waivers were applied: without a waiver file the document is as before.
    ...(report.staleWaivers !== undefined && { staleWaivers: report.staleWaivers.map(waiverFields) }),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** A side of the comparison in the JSON shape (also used by the fleet report). */
export function sideJson(s: SideInfo): object {
  return {
    source: s.source,
    serverVersion: s.serverVersion,
    ...(s.provider !== undefined && { provider: s.provider }),
    ...(s.scratch !== undefined && { scratch: { major: s.scratch.major, reason: s.scratch.reason } }),
  };
}

/** One finding in the `--format json` shape (also used by `rehearse`). */
export function finding(f: Finding): object {
  return {
    change: f.change,
    kind: f.kind,
    key: f.key,
    object: ref(f.object),
    ...(f.attribute !== undefined && { attribute: f.attribute }),
    ...(f.expected !== undefined && { expected: f.expected }),
    ...(f.actual !== undefined && { actual: f.actual }),
    ...(f.normalized !== undefined && { normalized: { expected: f.normalized.expected, actual: f.normalized.actual } }),
    severity: f.severity,
    message: f.message,
    ...(f.cause !== undefined && { cause: cause(f.cause) }),
    ...(f.waiver !== undefined && { waiver: { reason: f.waiver.reason, owner: f.waiver.owner, expires: f.waiver.expires } }),
  };
}

function cause(c: Cause): object {
  return {
    type: c.type,
    ...(c.location !== undefined && { location: { file: c.location.file, line: c.location.line } }),
    ...(c.writer !== undefined && { writer: { name: c.writer.name, location: { file: c.writer.location.file, line: c.writer.location.line } } }),
    ...(c.model !== undefined && { model: { file: c.model.file, line: c.model.line, name: c.model.name } }),
    message: c.message,
  };
}

function ref(o: ObjectRef): object {
  return { schema: o.schema, ...(o.table !== undefined && { table: o.table }), name: o.name };
}
