import { escapeControl } from '../model/escape.js';
import type { Severity } from '../model/finding.js';
import { palette, type Palette } from '../report/ansi.js';
import type { ToolInfo } from '../report/json.js';
import type { HistoryFinding, HistoryReport, HistoryTableSummary } from './model.js';

/** `pgparity history --format json` (formatVersion 1): keys in this order, optional fields left out. */
export function renderHistoryJson(report: HistoryReport, tool: ToolInfo): string {
  const document = {
    formatVersion: 1,
    tool: { name: tool.name, version: tool.version },
    verdict: report.verdict,
    database: report.database,
    migrations: report.migrations,
    summary: { ...report.summary },
    tables: report.tables.map((t) => ({ ...t, notes: [...t.notes] })),
    findings: report.findings.map(findingJson),
    warnings: [...report.warnings],
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function findingJson(f: HistoryFinding): object {
  return {
    problem: f.problem,
    severity: f.severity,
    ...(f.table !== undefined && { table: f.table }),
    ...(f.framework !== undefined && { framework: f.framework }),
    ...(f.migration !== undefined && { migration: f.migration }),
    ...(f.file !== undefined && { file: f.file }),
    ...(f.expected !== undefined && { expected: f.expected }),
    ...(f.actual !== undefined && { actual: f.actual }),
    ...(f.state !== undefined && { state: f.state }),
    message: f.message,
  };
}

const SEVERITY_WIDTH = 'warning'.length;

/**
 * The audit for a person: verdict, each history table with its counts, then its findings. What
 * comes from live or from file names (history rows, table names, paths) is shown with its
 * control characters escaped (src/model/escape.ts), before any colour is added.
 */
export function renderHistoryText(report: HistoryReport, options: { readonly color: boolean }): string {
  const p = palette(options.color);
  const lines = [
    header(report, p),
    `database:   ${escapeControl(report.database)}`,
    `migrations: ${report.migrations === null ? '(not given: files not checked)' : escapeControl(report.migrations)}`,
  ];
  if (report.warnings.length > 0) lines.push('', ...report.warnings.map((w) => `${p.yellow('warning:')} ${escapeControl(w)}`));
  const general = report.findings.filter((f) => f.table === undefined || !report.tables.some((t) => t.table === f.table));
  if (general.length > 0) lines.push('', ...general.map((f) => findingLine(f, p)));
  for (const table of report.tables) {
    lines.push('', `${p.bold(escapeControl(table.table))} ${p.dim(`(${table.framework})`)}: ${escapeControl(tableCounts(table))}`);
    for (const note of table.notes) lines.push(p.dim(`  note: ${escapeControl(note)}`));
    lines.push(...report.findings.filter((f) => f.table === table.table).map((f) => findingLine(f, p)));
  }
  if (report.findings.length > 0) lines.push('', footer(report, p));
  return `${lines.join('\n')}\n`;
}

function header(report: HistoryReport, p: Palette): string {
  const applied = report.tables.reduce((n, t) => n + t.applied, 0);
  if (report.verdict === 'clean')
    return `pgparity history: ${p.green('clean')} — ${applied} applied migration${applied === 1 ? '' : 's'}, history and files agree`;
  const worst: Severity = report.summary.error > 0 ? 'error' : 'warning';
  return `pgparity history: ${p.severity(worst)('PROBLEMS')} — ${counts(report)}`;
}

function tableCounts(t: HistoryTableSummary): string {
  const parts = [`${t.applied} applied`];
  if (t.files !== null) parts.push(`${t.files} file${t.files === 1 ? '' : 's'}`, `${t.pending} pending`);
  parts.push(t.checksum ? `checksums ${t.checksum}` : 'no checksums');
  if (t.current) parts.push(`current ${t.current}`);
  return parts.join(', ');
}

function findingLine(f: HistoryFinding, p: Palette): string {
  return `  ${p.severity(f.severity)(f.severity.padEnd(SEVERITY_WIDTH))} ${f.problem.replace(/_/g, ' ')}: ${escapeControl(f.message)}`;
}

function counts(report: HistoryReport): string {
  const { error, warning, info } = report.summary;
  const parts = [`${error} error${error === 1 ? '' : 's'}`, `${warning} warning${warning === 1 ? '' : 's'}`];
  if (info > 0) parts.push(`${info} info`);
  return parts.join(', ');
}

function footer(report: HistoryReport, p: Palette): string {
  return p.dim(counts(report));
}
