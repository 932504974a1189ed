import { findingHeading } from '../compare/order.js';
import { SEVERITY_RANK, type AttributeValue, type Finding, type Severity } from '../model/finding.js';
import type { Report, SideInfo } from '../model/report.js';
import { ruleKey, showValue } from './finding-details.js';

export interface JunitOptions {
  /** Findings at or above it are failures (`--fail-on`); below it they pass with their message in system-out. */
  readonly failOn?: Severity;
}

/**
 * JUnit XML in the Jenkins / Ant `junit-10.xsd` shape that CI systems read:
 * - one `<testsuite>` per table (schema-level objects under their schema), one `<testcase>` per
 *   finding, named `<change> <kind> <key>[: <attribute>]` so a CI's test history follows it;
 * - a finding at or above `failOn` is a `<failure>` (type: its severity rule, e.g. `changed.column.nullable`;
 *   body: severity, expected and actual side by side, the migration it comes from);
 *   a waived one is `<skipped>` with the waiver's reason; one below `failOn` passes;
 * - a first suite `pgparity` carries the run's properties (sources, verdict) and its warnings
 *   in `<system-err>`, and at parity one passing test case, so a clean run shows as passed.
 * No timestamps or durations (all `0`): the same report always gives the same file.
 */
export function renderJunit(report: Report, options: JunitOptions = {}): string {
  const failOn = options.failOn ?? 'error';
  const groups = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const name = findingHeading(f);
    groups.set(name, [...(groups.get(name) ?? []), f]);
  }

  const outcome = (f: Finding): 'failure' | 'skipped' | 'passed' =>
    f.waiver ? 'skipped' : SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn] ? 'failure' : 'passed';
  // Hazards alone leave the verdict at parity: the parity test case passes beside them.
  const parityCase = report.verdict === 'parity';
  const tests = report.findings.length + (parityCase ? 1 : 0);
  const failures = report.findings.filter((f) => outcome(f) === 'failure').length;

  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="pgparity" tests="${tests}" failures="${failures}" errors="0" time="0">`,
    `  <testsuite name="pgparity" tests="${parityCase ? 1 : 0}" failures="0" errors="0" skipped="0" time="0">`,
    '    <properties>',
    property('verdict', report.verdict),
    ...sideProperties('expected', report.expected),
    ...sideProperties('actual', report.actual),
    property('failOn', failOn),
    '    </properties>',
    ...(parityCase ? ['    <testcase classname="pgparity" name="live schema matches the migrations" time="0"/>'] : []),
    ...(report.warnings.length > 0 ? [`    <system-err>${text(report.warnings.map((w) => `warning: ${w}`).join('\n'))}</system-err>`] : []),
    '  </testsuite>',
  ];

  for (const [name, findings] of groups) {
    const count = (o: ReturnType<typeof outcome>): number => findings.filter((f) => outcome(f) === o).length;
    lines.push(
      `  <testsuite name="${attr(name)}" tests="${findings.length}" failures="${count('failure')}" errors="0" skipped="${count('skipped')}" time="0">`,
    );
    for (const f of findings) lines.push(...testcase(f, name, outcome(f)));
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

function testcase(f: Finding, classname: string, outcome: 'failure' | 'skipped' | 'passed'): string[] {
  const open = `    <testcase classname="${attr(classname)}" name="${attr(caseName(f))}" time="0"`;
  if (outcome === 'passed') return [`${open}>`, `      <system-out>${text(details(f))}</system-out>`, '    </testcase>'];
  if (outcome === 'skipped') {
    const w = f.waiver!;
    return [`${open}>`, `      <skipped message="${attr(`waived until ${w.expires} by ${w.owner}: ${w.reason}`)}"/>`, '    </testcase>'];
  }
  return [`${open}>`, `      <failure type="${attr(ruleKey(f))}" message="${attr(f.message)}">${text(details(f))}</failure>`, '    </testcase>'];
}

/** `extra table public.sessions`, `changed column public.users.email: nullable`: stable from run to run. */
function caseName(f: Finding): string {
  return `${f.change} ${f.kind} ${f.key}${f.attribute ? `: ${f.attribute}` : ''}`;
}

function details(f: Finding): string {
  const lines = [f.message, `severity: ${f.severity} (rule ${ruleKey(f)})`];
  if (f.change === 'changed') lines.push(...side('expected (migrations)', f.expected), ...side('actual (live)', f.actual));
  if (f.cause) lines.push(`cause: ${f.cause.message}`);
  return lines.join('\n');
}

function side(label: string, value: AttributeValue | undefined): string[] {
  const shown = showValue(value);
  return shown.includes('\n') ? [`${label}:`, ...shown.split('\n').map((l) => `  ${l}`)] : [`${label}: ${shown}`];
}

function sideProperties(name: string, s: SideInfo): string[] {
  return [
    property(name, s.source),
    property(`${name}.serverVersion`, s.serverVersion),
    ...(s.provider !== undefined ? [property(`${name}.provider`, s.provider)] : []),
    ...(s.scratch !== undefined ? [property(`${name}.scratchMajor`, String(s.scratch.major)), property(`${name}.scratchReason`, s.scratch.reason)] : []),
  ];
}

function property(name: string, value: string): string {
  return `      <property name="${attr(name)}" value="${attr(value)}"/>`;
}

/** Characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates, U+FFFE/FFFF). */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function text(value: string): string {
  return value.replace(NOT_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute text; newlines and tabs as character references, which parsers keep (they fold literal ones to spaces). */
export function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

// The fleet report (report/fleet.ts) writes one suite per target with the same test cases.
export { attr as xmlAttr, testcase, text as xmlText };
