import { escapeControl } from '../model/escape.js';
import { SEVERITY_RANK, type Finding, type Severity } from '../model/finding.js';
import type { FleetReport, TargetResult } from '../model/fleet.js';
import type { Report } from '../model/report.js';
import { finding, sideJson, type ToolInfo } from './json.js';
import { testcase, xmlAttr, xmlText } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderText } from './text.js';

/** The fleet JSON contract (formatVersion 1): keys in this order, optional fields left out. */
export function renderFleetJson(fleet: FleetReport, tool: ToolInfo): string {
  const document = {
    formatVersion: 1,
    tool: { name: tool.name, version: tool.version },
    verdict: fleet.verdict,
    summary: { ...fleet.summary },
    expected: sideJson(fleet.expected),
    failOn: fleet.failOn,
    ...(fleet.shard && { shard: { index: fleet.shard.index, count: fleet.shard.count } }),
    targets: fleet.targets.map((t) => ({
      name: t.name,
      verdict: t.verdict,
      ...(t.serverVersion !== undefined && { serverVersion: t.serverVersion }),
      summary: { ...t.summary },
      findings: t.findings.map(finding),
      ...(t.error !== undefined && { error: t.error, errorCode: t.errorCode ?? 3 }),
      ...(t.warnings !== undefined && { warnings: [...t.warnings] }),
    })),
    warnings: [...fleet.warnings],
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** One target as a single-database report, for the per-target parts of the text and Markdown reports. */
export function targetReport(fleet: FleetReport, t: TargetResult): Report {
  return {
    verdict: t.verdict === 'error' ? 'parity' : t.verdict,
    expected: fleet.expected,
    actual: { source: t.name, serverVersion: t.serverVersion ?? '?' },
    summary: t.summary,
    findings: t.findings,
    warnings: t.warnings ?? [],
  };
}

const VERDICT_WIDTH = 'parity'.length;

/** A table of the targets, then each drifted target as `check` prints it. */
export function renderFleetText(fleet: FleetReport, options: { readonly color: boolean }): string {
  const s = fleet.summary;
  const width = Math.max(6, ...fleet.targets.map((t) => escapeControl(t.name).length));
  // Target names and errors come from live (tenant schemas) or the fleet file: control characters escaped.
  const lines = [
    `pgparity fleet: ${fleet.verdict.toUpperCase()} — ${s.targets} targets: ${s.parity} parity, ${s.drift} drift, ${s.failed} failed${fleet.shard ? ` (shard ${fleet.shard.index}/${fleet.shard.count})` : ''}`,
    `expected: ${fleet.expected.source} (PostgreSQL ${fleet.expected.serverVersion})`,
    ...fleet.warnings.map((w) => `warning: ${w}`),
    '',
    ...fleet.targets.map((t) => `  ${escapeControl(t.name).padEnd(width)}  ${t.verdict.padEnd(VERDICT_WIDTH)}  ${t.error ?? summaryText(t)}`),
  ].map((line) => escapeControl(line));
  for (const t of fleet.targets.filter((x) => x.findings.length > 0)) {
    lines.push('', `── ${escapeControl(t.name)} ──`, renderText(targetReport(fleet, t), options).trimEnd());
  }
  return `${lines.join('\n')}\n`;
}

/** A summary table of the targets, then each drifted target's Markdown report one heading level down. */
export function renderFleetMarkdown(fleet: FleetReport): string {
  const s = fleet.summary;
  const icon = fleet.verdict === 'parity' ? '✅' : fleet.verdict === 'drift' ? '❌' : '⚠️';
  const lines = [
    `## ${icon} pgparity fleet: ${fleet.verdict} — ${s.targets} targets: ${s.parity} parity, ${s.drift} drift, ${s.failed} failed`,
    '',
    `**Expected** (migrations): \`${fleet.expected.source}\` — PostgreSQL ${fleet.expected.serverVersion}`,
    ...(fleet.warnings.length > 0 ? ['', '> [!WARNING]', ...fleet.warnings.map((w) => `> ${cell(w)}`)] : []),
    '',
    '| target | verdict | missing | extra | changed | note |',
    '| --- | --- | ---: | ---: | ---: | --- |',
    ...fleet.targets.map(
      (t) => `| \`${cell(t.name)}\` | ${t.verdict} | ${t.summary.missing} | ${t.summary.extra} | ${t.summary.changed} | ${cell(t.error ?? '')} |`,
    ),
  ];
  for (const t of fleet.targets.filter((x) => x.findings.length > 0)) {
    const section = renderMarkdown(targetReport(fleet, t), { failOn: fleet.failOn })
      .trimEnd()
      .split('\n')
      .map((line) => (line.startsWith('#') ? `#${line}` : line));
    lines.push('', ...section);
  }
  return `${lines.join('\n')}\n`;
}

/** One `<testsuite>` per target; a target that could not be read is an `<error>`. */
export function renderFleetJunit(fleet: FleetReport): string {
  const outcome = (f: Finding): 'failure' | 'skipped' | 'passed' =>
    f.waiver ? 'skipped' : SEVERITY_RANK[f.severity] >= SEVERITY_RANK[fleet.failOn as Severity] ? 'failure' : 'passed';
  const suites = fleet.targets.map((t) => {
    if (t.verdict === 'error') {
      return [
        `  <testsuite name="${xmlAttr(t.name)}" tests="1" failures="0" errors="1" skipped="0" time="0">`,
        `    <testcase classname="${xmlAttr(t.name)}" name="read the target" time="0">`,
        `      <error message="${xmlAttr(t.error ?? 'could not be read')}">${xmlText(t.error ?? '')}</error>`,
        '    </testcase>',
        '  </testsuite>',
      ];
    }
    const cases =
      t.findings.length === 0
        ? [`    <testcase classname="${xmlAttr(t.name)}" name="schema matches the migrations" time="0"/>`]
        : t.findings.flatMap((f) => testcase(f, t.name, outcome(f)));
    const failures = t.findings.filter((f) => outcome(f) === 'failure').length;
    const skipped = t.findings.filter((f) => outcome(f) === 'skipped').length;
    return [
      `  <testsuite name="${xmlAttr(t.name)}" tests="${Math.max(1, t.findings.length)}" failures="${failures}" errors="0" skipped="${skipped}" time="0">`,
      ...cases,
      '  </testsuite>',
    ];
  });
  const tests = fleet.targets.reduce((n, t) => n + Math.max(1, t.findings.length), 0);
  const failures = fleet.targets.reduce((n, t) => n + t.findings.filter((f) => outcome(f) === 'failure').length, 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="pgparity fleet" tests="${tests}" failures="${failures}" errors="${fleet.summary.failed}" time="0">`,
    ...suites.flat(),
    '</testsuites>',
    '',
  ].join('\n');
}

function summaryText(t: TargetResult): string {
  return t.verdict === 'parity' ? '' : `${t.summary.missing} missing, ${t.summary.extra} extra, ${t.summary.changed} changed`;
}

function cell(text: string): string {
  return escapeControl(text.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' '));
}
