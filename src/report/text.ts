import { structuredPatch } from 'diff';
import { isLongValue } from '../compare/messages.js';
import { gateOf, type Gate } from '../compare/verdict.js';
import { findingHeading } from '../compare/order.js';
import type { AttributeValue, Change, Finding, Severity } from '../model/finding.js';
import type { Report, SideInfo, SkippedFile } from '../model/report.js';
import { palette, type Palette } from './ansi.js';
import { escapeControl } from '../model/escape.js';

export interface TextOptions {
  /** ANSI colours: the CLI decides (TTY, NO_COLOR, --color / --no-color). */
  readonly color: boolean;
  /** Wrap messages to this many columns; no wrapping when absent. */
  readonly width?: number;
  /** The gate (`--fail-on`, default `error`): the headline says whether the report passes it. */
  readonly failOn?: Severity;
}

const MARKERS: Readonly<Record<Change, string>> = { missing: '-', extra: '+', changed: '~', hazard: '!' };
const SEVERITY_WIDTH = 'warning'.length;
/** `  ~ warning ` */
const MESSAGE_INDENT = ' '.repeat(2 + 2 + SEVERITY_WIDTH + 1);

/**
 * The report for a person: verdict, both sides, warnings, findings grouped by table
 * (schema-level objects under their schema), diffs for long values, counts by severity.
 */
export function renderText(report: Report, options: TextOptions): string {
  const p = palette(options.color);
  const lines: string[] = [
    header(report, p, gateOf(report, options.failOn ?? 'error')),
    `expected: ${side(report.expected)}`,
    `actual:   ${side(report.actual)}`,
  ];

  if (report.warnings.length > 0) lines.push('', ...report.warnings.map((w) => `${p.yellow('warning:')} ${escapeControl(w)}`));

  let group: string | undefined;
  for (const f of report.findings) {
    const heading = escapeControl(findingHeading(f));
    if (heading !== group) lines.push('', p.bold(heading));
    group = heading;
    lines.push(...findingLines(f, p, options.width));
  }

  if (report.skipped && report.skipped.length > 0) lines.push('', skippedNote(report.skipped, p));
  if (report.findings.length > 0) lines.push('', footer(report.findings, p));
  return `${lines.join('\n')}\n`;
}

/**
 * Verdict, counts and the gate the exit code reports, with the findings by severity:
 * `DRIFT — 0 missing, 0 extra, 6 changed — passes --fail-on error: 6 info`.
 */
function header(report: Report, p: Palette, gate: Gate): string {
  const also = hazards(report.findings);
  const counts = (['error', 'warning', 'info'] as const)
    .filter((s) => gate.counts[s] > 0)
    .map((s) => `${gate.counts[s]} ${s === 'info' || gate.counts[s] === 1 ? s : `${s}s`}`)
    .join(', ');
  const verdict = gate.passed ? p.green(`passes --fail-on ${gate.failOn}`) : p.red(`fails --fail-on ${gate.failOn}`);
  const result = `${verdict}${counts ? `: ${counts}` : ''}`;
  if (report.verdict === 'parity') return `pgparity: ${p.green('parity')} — no differences${also ? `; ${also}` : ''} — ${result}`;
  const { missing, extra, changed, waived } = report.summary;
  // Waived findings do not colour the verdict: only what still counts does.
  const worst = (['error', 'warning', 'info'] as const).find((s) => gate.counts[s] > 0) ?? 'info';
  return `pgparity: ${p.severity(worst)('DRIFT')} — ${missing} missing, ${extra} extra, ${changed} changed${waived ? ` (${waived} waived)` : ''}${also ? `; ${also}` : ''} — ${result}`;
}

/** `1 runtime schema writer, 2 masked statements`: hazards are findings but not differences. */
function hazards(findings: readonly Finding[]): string {
  const words: Record<string, [string, string]> = {
    runtime_writer: ['runtime schema writer', 'runtime schema writers'],
    masked_statement: ['masked statement', 'masked statements'],
  };
  return Object.entries(words)
    .map(([kind, [one, many]]) => [findings.filter((f) => f.change === 'hazard' && f.kind === kind).length, one, many] as const)
    .filter(([n]) => n > 0)
    .map(([n, one, many]) => `${n} ${n === 1 ? one : many}`)
    .join(', ');
}

function skippedNote(skipped: readonly SkippedFile[], p: Palette): string {
  const shown = skipped.slice(0, 5).map((s) => `  ${escapeControl(s.file)}: ${escapeControl(s.reason)}`);
  const more = skipped.length > 5 ? [`  … and ${skipped.length - 5} more`] : [];
  const head = `note: ${skipped.length} file${skipped.length === 1 ? '' : 's'} or director${skipped.length === 1 ? 'y was' : 'ies were'} left out of the causes of drift:`;
  return p.dim([head, ...shown, ...more].join('\n'));
}

function side(s: SideInfo): string {
  return `${escapeControl(s.source)} (PostgreSQL ${s.serverVersion}${s.provider ? `, ${s.provider} scratch` : ''}${s.scratch ? `: ${escapeControl(s.scratch.reason)}` : ''})`;
}

function findingLines(f: Finding, p: Palette, width: number | undefined): string[] {
  const paint = f.waiver ? p.dim : p.severity(f.severity);
  const dimmed = f.severity === 'info' || f.waiver !== undefined;
  const [first = '', ...rest] = wrap(escapeControl(f.message), width === undefined ? undefined : width - MESSAGE_INDENT.length);
  const label = `  ${MARKERS[f.change]} ${(f.waiver ? 'waived' : f.severity).padEnd(SEVERITY_WIDTH)} `;
  // Info and waived findings are dimmed whole; errors and warnings colour their label and keep the message readable.
  const line = dimmed ? paint(label + first) : paint(label) + first;
  const continued = rest.map((l) => MESSAGE_INDENT + (dimmed ? paint(l) : l));
  const waiver = f.waiver
    ? [MESSAGE_INDENT + p.dim(escapeControl(`(${f.severity}, waived until ${f.waiver.expires} by ${f.waiver.owner}: ${f.waiver.reason})`))]
    : [];
  // Why: a second, dimmed line (wrapped under itself).
  const cause = f.cause
    ? wrap(`↳ ${escapeControl(f.cause.message)}`, width === undefined ? undefined : width - MESSAGE_INDENT.length - 2).map(
        (l, i) => MESSAGE_INDENT + (i > 0 ? '  ' : '') + p.dim(l),
      )
    : [];
  return [line, ...continued, ...cause, ...waiver, ...diffLines(f.expected, f.actual, p), ...normalizedLines(f, p)];
}

/** An expression also compared in canonical form: both forms, so what still differs is plain. */
function normalizedLines(f: Finding, p: Palette): string[] {
  if (!f.normalized) return [];
  const { expected, actual } = f.normalized;
  if (isLongValue(expected) || isLongValue(actual)) return [MESSAGE_INDENT + p.dim('normalized:'), ...diffLines(expected, actual, p)];
  const show = (v: AttributeValue): string => (v === null ? 'none' : typeof v === 'string' ? escapeControl(v) : JSON.stringify(v));
  return [MESSAGE_INDENT + p.dim(`normalized: ${show(actual)} in live, ${show(expected)} in migrations`)];
}

/** A unified diff of long text values (definitions, bodies): `-` migrations, `+` live. */
function diffLines(expected: AttributeValue | undefined, actual: AttributeValue | undefined, p: Palette): string[] {
  const e = asText(expected);
  const a = asText(actual);
  if (e === undefined || a === undefined || !(isLongValue(expected) || isLongValue(actual))) return [];
  const patch = structuredPatch('migrations', 'live', `${e}\n`, `${a}\n`, undefined, undefined, { context: 3 });
  const out = [MESSAGE_INDENT + p.dim(`(${p.red('-')} migrations, ${p.green('+')} live)`)];
  patch.hunks.forEach((hunk, i) => {
    if (i > 0) out.push(MESSAGE_INDENT + p.dim('⋮'));
    for (const raw of hunk.lines) {
      if (raw.startsWith('\\')) continue;
      const l = escapeControl(raw, '\t');
      out.push(MESSAGE_INDENT + (l.startsWith('-') ? p.red(l) : l.startsWith('+') ? p.green(l) : l));
    }
  });
  return out;
}

/** Text as is, a list one item per line, null as empty; undefined for anything else. */
function asText(v: AttributeValue | undefined): string | undefined {
  if (v === null) return '';
  if (Array.isArray(v)) return v.map(String).join('\n');
  return typeof v === 'string' ? v : undefined;
}

function footer(findings: readonly Finding[], p: Palette): string {
  const count = (s: Severity): number => findings.filter((f) => f.severity === s && !f.waiver).length;
  const part = (s: Severity, word: string): string => {
    const n = count(s);
    const text = `${n} ${word}${n === 1 || s === 'info' ? '' : 's'}`;
    return n > 0 ? p.severity(s)(text) : text;
  };
  const waived = findings.filter((f) => f.waiver).length;
  return [part('error', 'error'), part('warning', 'warning'), part('info', 'info'), ...(waived > 0 ? [p.dim(`${waived} waived`)] : [])].join(', ');
}

/** Word-wrap to `width` columns; a word longer than the width gets a line of its own. */
function wrap(text: string, width: number | undefined): string[] {
  if (width === undefined || width <= 0 || text.length <= width) return [text];
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    if (current !== '' && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else {
      current = current === '' ? word : `${current} ${word}`;
    }
  }
  lines.push(current);
  return lines;
}
