import type { FingerprintReport } from '../model/fleet.js';
import { escapeControl } from '../model/escape.js';
import { finding, type ToolInfo } from './json.js';

/** The `fingerprint --format json` contract (formatVersion 1). */
export function renderFingerprintJson(report: FingerprintReport, tool: ToolInfo): string {
  const document = {
    formatVersion: 1,
    tool: { name: tool.name, version: tool.version },
    comparedWith: report.comparedWith,
    groups: report.groups.map((g) => ({
      fingerprint: g.fingerprint,
      count: g.count,
      members: [...g.members],
      majority: g.majority,
      ...(g.findings !== undefined && { findings: g.findings.map(finding) }),
    })),
    failed: report.failed.map((f) => ({ name: f.name, error: f.error })),
    warnings: [...report.warnings],
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** Groups, largest first, with the members of small groups named and each outlier's differences. */
export function renderFingerprintText(report: FingerprintReport): string {
  const total = report.groups.reduce((n, g) => n + g.count, 0);
  const lines = [
    `pgparity fingerprint: ${report.groups.length} group${report.groups.length === 1 ? '' : 's'} of ${total} schemas${report.groups.length > 1 ? ` — ${total - (report.groups[0]?.count ?? 0)} outliers` : ''}`,
  ];
  for (const w of report.warnings) lines.push(`warning: ${w}`);
  for (const g of report.groups) {
    const shown = g.members.length <= 10 ? g.members.join(', ') : `${g.members.slice(0, 10).join(', ')}, … (${g.members.length - 10} more)`;
    lines.push('', `${g.majority ? 'majority' : 'outlier'} ${g.fingerprint.slice(0, 19)}  ${g.count} × ${shown}`);
    if (g.findings && g.findings.length > 0) {
      lines.push(`  differs from ${report.comparedWith === 'majority' ? 'the majority' : report.comparedWith}:`);
      for (const f of g.findings) lines.push(`    ${f.severity.padEnd(7)} ${f.message}`);
    }
  }
  for (const f of report.failed) lines.push('', `could not read ${f.name}: ${f.error}`);
  // Schema names come from live: control characters escaped, none can start a line of its own.
  return `${lines.map((line) => escapeControl(line)).join('\n')}\n`;
}
