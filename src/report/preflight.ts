import { SEVERITY_RANK, type Severity } from '../model/finding.js';
import type { PreflightReport, PreflightStatement, RelationSize, Violation } from '../model/preflight.js';
import { escapeControl } from '../model/escape.js';
import { palette, type Palette } from './ansi.js';
import type { ToolInfo } from './json.js';
import { code, inline } from './markdown.js';

/** `--format json`: the report as documented in docs/preflight.md. */
export function renderPreflightJson(report: PreflightReport, tool: ToolInfo): string {
  return `${JSON.stringify({ formatVersion: 1, tool: { name: tool.name, version: tool.version }, ...report }, null, 2)}\n`;
}

const SHOWN_SQL = 120;

/** One line of SQL, shortened: the file and line say where the rest is. */
export function shortSql(sql: string): string {
  const line = sql.replace(/\s+/g, ' ').trim();
  return line.length > SHOWN_SQL ? `${line.slice(0, SHOWN_SQL - 1)}…` : line;
}

export function formatSize(size: RelationSize): string {
  const rows = size.rows === null ? 'rows unknown' : `${size.rows.toLocaleString('en-US')} rows`;
  const mib = size.bytes / (1024 * 1024);
  return `${rows}, ${mib >= 1024 ? `${(mib / 1024).toFixed(1)} GiB` : mib >= 1 ? `${mib.toFixed(1)} MiB` : `${Math.round(size.bytes / 1024)} kB`}`;
}

export function formatViolation(v: Violation): string {
  if (v.rows === null) return `${v.constraint} on ${v.relation}: ${v.note ?? 'not checked'}`;
  const rows = `${v.estimated ? '~' : ''}${v.rows.toLocaleString('en-US')} row${v.rows === 1 ? '' : 's'}`;
  const groups = v.groups !== undefined ? ` in ${v.groups} duplicate group${v.groups === 1 ? '' : 's'}` : '';
  const examples = v.examples && v.examples.length > 0 ? `, e.g. key ${v.examples.join(', ')}` : '';
  return `${v.constraint} (${v.kind}) on ${v.relation}: ${rows}${groups}${v.estimated ? ' (estimated from a sample)' : ''}${examples}`;
}

function headline(report: PreflightReport): string {
  const { error, warning, info } = report.summary;
  return `${report.verdict === 'safe' ? 'safe' : 'UNSAFE'} — ${error} error${error === 1 ? '' : 's'}, ${warning} warning${warning === 1 ? '' : 's'}, ${info} info`;
}

function context(report: PreflightReport): string {
  const pendingCount = report.pending.length;
  const scratch = report.scratch.provider === 'none' ? 'nothing measured' : `measured on ${report.scratch.provider} PostgreSQL ${report.scratch.serverVersion}`;
  return `live ${report.live.source} (PostgreSQL ${report.live.serverVersion}) · ${scratch} · ${report.applied} applied, ${pendingCount} pending (${report.selection})`;
}

/** `--format text`: per pending statement what it locks, rewrites and finds in live, then its hazards with fixes; control characters in names and SQL escaped. */
export function renderPreflightText(report: PreflightReport, options: { readonly color: boolean }): string {
  const p = palette(options.color);
  const lines = [`pgparity preflight: ${(report.verdict === 'safe' ? p.green : p.red)(headline(report))}`, p.dim(escapeControl(context(report)))];
  if (report.pending.length === 0) lines.push('', 'no pending migrations');
  for (const migration of report.pending) {
    lines.push('', p.bold(escapeControl(migration.file)));
    for (const statement of migration.statements) lines.push(...statementLines(statement, p));
  }
  return `${lines.join('\n')}\n`;
}

function statementLines(s: PreflightStatement, p: Palette): string[] {
  const out = [
    `  line ${s.line}  ${escapeControl(shortSql(s.sql))}${s.measured === 'outside_transaction' ? p.dim('  [outside a transaction: locks seen while it waited]') : s.measured === 'not_run' ? p.dim('  [not run]') : ''}`,
  ];
  const row = (label: string, value: string): string => `    ${p.dim(label.padEnd(10))}${escapeControl(value)}`;
  if (s.locks.length > 0) out.push(row('locks', s.locks.map((l) => `${l.relation} ${l.mode}${l.blocks === 'none' ? '' : ` (blocks ${l.blocks})`}`).join(', ')));
  if (s.rewrites.length > 0) out.push(row('rewrites', s.rewrites.join(', ')));
  if (s.indexesBuilt.length > 0) out.push(row('builds', s.indexesBuilt.join(', ')));
  if (s.scans.length > 0) out.push(row('scans', s.scans.join(', ')));
  if (s.relations.length > 0) out.push(row('live size', s.relations.map((r) => `${r.relation} ${formatSize(r)}`).join('; ')));
  for (const v of s.violations) out.push(row('violates', formatViolation(v)));
  for (const h of s.hazards) {
    out.push(`    ${p.severity(h.severity)(h.severity.padEnd(8))}  ${h.code}: ${escapeControl(h.message)}`);
    out.push(`    ${' '.repeat(10)}${p.dim(`fix: ${escapeControl(h.fix)}`)}`);
  }
  return out;
}

/** `--format markdown`: a summary a reviewer reads in a pull request. */
export function renderPreflightMarkdown(report: PreflightReport, options: { readonly failOn: Severity }): string {
  const failing = report.pending.some((m) => m.statements.some((s) => s.hazards.some((h) => SEVERITY_RANK[h.severity] >= SEVERITY_RANK[options.failOn])));
  const lines = [`## pgparity preflight: ${failing ? '🔴' : report.verdict === 'safe' ? '🟢' : '🟡'} ${inline(headline(report))}`, '', inline(context(report))];
  if (report.warnings.length > 0) lines.push('', ...report.warnings.map((w) => `> ⚠️ ${inline(w)}`));
  for (const migration of report.pending) {
    lines.push('', `### ${inline(migration.file)}`, '', '| line | statement | locks | rewrites | violations | hazards |', '|---|---|---|---|---|---|');
    for (const s of migration.statements) {
      const cells = [
        String(s.line),
        code(shortSql(s.sql)),
        s.locks.map((l) => inline(`${l.relation} ${l.mode}${l.blocks === 'none' ? '' : ` (blocks ${l.blocks})`}`)).join('<br>'),
        s.rewrites.map(inline).join('<br>'),
        s.violations.map((v) => inline(formatViolation(v))).join('<br>'),
        s.hazards.map((h) => `**${h.severity}** ${code(h.code)} ${inline(h.message)}<br>*fix:* ${inline(h.fix)}`).join('<br>'),
      ];
      lines.push(`| ${cells.join(' | ')} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}
