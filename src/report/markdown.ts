import { structuredPatch } from 'diff';
import { isLongValue } from '../compare/messages.js';
import { findingHeading } from '../compare/order.js';
import { SEVERITY_RANK, type AttributeValue, type Change, type Finding, type Severity } from '../model/finding.js';
import type { Report, SideInfo } from '../model/report.js';
import { showValue } from './finding-details.js';
import { escapeControl } from '../model/escape.js';

export interface MarkdownOptions {
  /** The gate (`--fail-on`): the heading says whether this report fails it. */
  readonly failOn?: Severity;
}

const SEVERITY_LABEL: Readonly<Record<Severity, string>> = { error: '🔴 error', warning: '🟡 warning', info: '🔵 info' };
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/**
 * GitHub-flavoured Markdown for a pull-request comment or `$GITHUB_STEP_SUMMARY`: a heading
 * with the verdict and whether it fails the gate, both sides, warnings as an alert, a summary
 * table (one row per table, schema-level objects under their schema), then per table the
 * findings with expected and actual side by side, and a collapsed diff for long values.
 */
export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const failOn = options.failOn ?? 'error';
  const out: string[] = [heading(report, failOn), '', `**Expected** (migrations): ${side(report.expected)}  `, `**Actual** (live): ${side(report.actual)}`];

  if (report.warnings.length > 0) out.push('', '> [!WARNING]', ...report.warnings.flatMap((w, i) => [...(i > 0 ? ['>'] : []), `> ${inline(w)}`]));
  if (report.findings.length === 0) return `${[...out, '', 'No differences: the live schema matches the migrations.'].join('\n')}\n`;

  const groups = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const name = findingHeading(f);
    groups.set(name, [...(groups.get(name) ?? []), f]);
  }

  // Hazards (how drift happens, not drift) get a column only when there are some.
  const changes: readonly Change[] = report.findings.some((f) => f.change === 'hazard')
    ? ['missing', 'extra', 'changed', 'hazard']
    : ['missing', 'extra', 'changed'];
  const columns = [...changes, 'errors', 'warnings', 'info', 'waived'];
  out.push('', `| object | ${columns.join(' | ')} |`, `| --- |${' ---: |'.repeat(columns.length)}`);
  for (const [name, findings] of groups) out.push(summaryRow(code(name), findings, changes));
  if (groups.size > 1) out.push(summaryRow('**total**', report.findings, changes));

  for (const [name, findings] of groups) {
    out.push('', `### ${code(name)}`, '', '| severity | change | finding | migrations | live |', '| --- | --- | --- | --- | --- |');
    const diffs: string[] = [];
    for (const f of findings) {
      const long = f.change === 'changed' && (isLongValue(f.expected) || isLongValue(f.actual));
      const cells =
        f.change === 'missing'
          ? ['✓', '—']
          : f.change === 'extra'
            ? ['—', '✓']
            : f.change === 'hazard'
              ? ['', '']
              : long
                ? ['see diff below', 'see diff below']
                : [cell(f.expected), cell(f.actual)];
      out.push(`| ${severityCell(f)} | ${f.change} | ${findingCell(f)} | ${cells[0]} | ${cells[1]} |`);
      if (long) diffs.push(...diffBlock(f));
    }
    out.push(...diffs);
  }
  return `${out.join('\n')}\n`;
}

function heading(report: Report, failOn: Severity): string {
  if (report.findings.length === 0) return '## ✅ pgparity: parity';
  const counting = report.findings.filter((f) => !f.waiver);
  const fails = counting.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]);
  const worst = SEVERITIES.find((s) => counting.some((f) => f.severity === s));
  const gate = `${fails ? '**fails**' : 'passes'} \`--fail-on ${failOn}\``;
  const hazards = report.findings.filter((f) => f.change === 'hazard').length;
  const hazardCount = hazards > 0 ? `${hazards} hazard${hazards === 1 ? '' : 's'}` : '';
  if (report.verdict === 'parity') return `## ${fails ? '❌' : '✅'} pgparity: parity — ${hazardCount}, ${gate}`;
  const icon = fails ? '❌' : worst === 'error' || worst === 'warning' ? '⚠️' : 'ℹ️';
  const { missing, extra, changed, waived } = report.summary;
  const counts = `${missing} missing, ${extra} extra, ${changed} changed${hazardCount ? `, ${hazardCount}` : ''}${waived ? ` (${waived} waived)` : ''}`;
  return `## ${icon} pgparity: drift — ${counts}, ${gate}`;
}

function side(s: SideInfo): string {
  return `${code(s.source)} — PostgreSQL ${s.serverVersion}${s.provider ? `, ${inline(s.provider)} scratch` : ''}${s.scratch ? ` (${inline(s.scratch.reason)})` : ''}`;
}

function summaryRow(label: string, findings: readonly Finding[], changes: readonly Change[]): string {
  const n = (keep: (f: Finding) => boolean): number => findings.filter(keep).length;
  const counts = [
    ...changes.map((c) => n((f) => f.change === c)),
    ...SEVERITIES.map((s) => n((f) => f.severity === s && !f.waiver)),
    n((f) => f.waiver !== undefined),
  ];
  return `| ${label} | ${counts.join(' | ')} |`;
}

function severityCell(f: Finding): string {
  return f.waiver ? `⚪ waived (${f.severity})` : SEVERITY_LABEL[f.severity];
}

function findingCell(f: Finding): string {
  const parts = [inline(f.message)];
  if (f.cause) parts.push(`↳ ${inline(f.cause.message)}`);
  if (f.waiver) parts.push(`_waived until ${f.waiver.expires} by ${inline(f.waiver.owner)}: ${inline(f.waiver.reason)}_`);
  return parts.join('<br>');
}

function cell(value: AttributeValue | undefined): string {
  return value === undefined || value === null ? '_none_' : code(showValue(value).replace(/\n/g, ' '));
}

/** A collapsed unified diff of a long value: `-` migrations, `+` live. */
function diffBlock(f: Finding): string[] {
  const text = (v: AttributeValue | undefined): string => (Array.isArray(v) ? v.map(String).join('\n') : v === null || v === undefined ? '' : String(v));
  const patch = structuredPatch('migrations', 'live', `${text(f.expected)}\n`, `${text(f.actual)}\n`, undefined, undefined, { context: 3 });
  const body = patch.hunks.flatMap((hunk) => [
    `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`,
    ...hunk.lines.filter((l) => !l.startsWith('\\')).map((l) => escapeControl(l, '\t')),
  ]);
  const fence = '`'.repeat(Math.max(3, longestRun(body.join('\n'), '`') + 1));
  const summary = `${f.kind} ${f.key}: ${f.attribute ?? ''} (<code>-</code> migrations, <code>+</code> live)`;
  return ['', `<details><summary>${html(summary)}</summary>`, '', `${fence}diff`, ...body, fence, '', '</details>'];
}

/** Inline code that survives a table cell: a fence longer than any backtick run inside, pipes escaped. */
export function code(raw: string): string {
  const value = escapeControl(raw);
  const fence = '`'.repeat(longestRun(value, '`') + 1);
  const pad = value.startsWith('`') || value.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${value.replace(/\|/g, '\\|')}${pad}${fence}`;
}

/** Plain text that Markdown must not read as markup: emphasis, links, HTML, table pipes. */
export function inline(value: string): string {
  return escapeControl(value)
    .replace(/[\\`*[\]<>|]/g, '\\$&')
    .replace(/(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, '\\_')
    .replace(/\n/g, '<br>');
}

/** Text inside a `<summary>`, where Markdown escapes do not apply but HTML ones do; the tags we add are kept. */
function html(value: string): string {
  return escapeControl(value)
    .replace(/&/g, '&amp;')
    .replace(/<(?!\/?code>)/g, '&lt;');
}

function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}
