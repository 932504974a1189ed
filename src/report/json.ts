import type { Finding } from '../model/finding.js';
import type { ObjectRef } from '../model/objects.js';
import type { Report, SideInfo } from '../model/report.js';

export interface ToolInfo {
  readonly name: string;
  readonly version: string;
}

/**
 * The `--format json` contract (formatVersion 1): keys always in this order, optional
 * fields left out rather than null, 2-space indent, trailing newline.
 */
export function renderJson(report: Report, tool: ToolInfo): string {
  const document = {
    formatVersion: 1,
    tool: { name: tool.name, version: tool.version },
    verdict: report.verdict,
    expected: side(report.expected),
    actual: side(report.actual),
    summary: { missing: report.summary.missing, extra: report.summary.extra, changed: report.summary.changed },
    findings: report.findings.map(finding),
    warnings: [...report.warnings],
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function side(s: SideInfo): object {
  return { source: s.source, serverVersion: s.serverVersion, ...(s.provider !== undefined && { provider: s.provider }) };
}

function finding(f: Finding): object {
  return {
    change: f.change,
    kind: f.kind,
    key: f.key,
    object: ref(f.object),
    ...(f.attribute !== undefined && { attribute: f.attribute }),
    ...(f.expected !== undefined && { expected: f.expected }),
    ...(f.actual !== undefined && { actual: f.actual }),
    severity: f.severity,
    message: f.message,
  };
}

function ref(o: ObjectRef): object {
  return { schema: o.schema, ...(o.table !== undefined && { table: o.table }), name: o.name };
}
