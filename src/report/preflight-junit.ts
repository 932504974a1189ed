import { SEVERITY_RANK, type Severity } from '../model/finding.js';
import type { PreflightReport } from '../model/preflight.js';
import { attr, text } from './junit.js';
import { formatViolation, shortSql } from './preflight.js';

/** `--format junit`: a suite per pending migration, a case per statement, failing on hazards at or above --fail-on. */
export function renderPreflightJunit(report: PreflightReport, options: { readonly failOn: Severity }): string {
  const suites = report.pending.map((migration) => {
    const cases = migration.statements.map((s) => {
      const failing = s.hazards.filter((h) => SEVERITY_RANK[h.severity] >= SEVERITY_RANK[options.failOn]);
      const name = `line ${s.line}: ${shortSql(s.sql)}`;
      const details = [...s.violations.map(formatViolation), ...s.hazards.map((h) => `${h.severity} ${h.code}: ${h.message}\n  fix: ${h.fix}`)].join('\n');
      const body =
        failing.length > 0
          ? [
              `      <failure message="${attr(failing.map((h) => `${h.code}: ${h.message}`).join('; '))}" type="${attr(failing[0]!.code)}">${text(details)}</failure>`,
            ]
          : details
            ? [`      <system-out>${text(details)}</system-out>`]
            : [];
      return [`    <testcase classname="${attr(migration.file)}" name="${attr(name)}">`, ...body, '    </testcase>'].join('\n');
    });
    const failures = migration.statements.filter((s) => s.hazards.some((h) => SEVERITY_RANK[h.severity] >= SEVERITY_RANK[options.failOn])).length;
    return [
      `  <testsuite name="${attr(`preflight ${migration.file}`)}" tests="${migration.statements.length}" failures="${failures}" errors="0" skipped="0">`,
      ...cases,
      '  </testsuite>',
    ].join('\n');
  });
  const tests = report.pending.reduce((n, m) => n + m.statements.length, 0);
  const failures = report.pending.reduce(
    (n, m) => n + m.statements.filter((s) => s.hazards.some((h) => SEVERITY_RANK[h.severity] >= SEVERITY_RANK[options.failOn])).length,
    0,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="pgparity preflight" tests="${tests}" failures="${failures}" errors="0">\n${suites.join('\n')}${suites.length > 0 ? '\n' : ''}</testsuites>\n`;
}
