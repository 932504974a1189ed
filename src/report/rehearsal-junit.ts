import type { MigrationRehearsal, Rehearsal } from '../model/rehearsal.js';
import { attr, text } from './junit.js';
import { details, STATUS_WORDS } from './rehearsal-text.js';

/**
 * JUnit XML (Jenkins / Ant `junit-10.xsd` shape): one suite, one test case per migration, named
 * after it so a CI's test history follows it. An outcome that counts against the verdict is a
 * `<failure>` (type: the status); one that does not (no down with `--allow-no-down`, an accepted
 * data loss) is `<skipped>`. No timestamps: the same rehearsal gives the same file.
 */
export function renderRehearsalJunit(rehearsal: Rehearsal): string {
  const cases = rehearsal.migrations.map((m) => ({ name: m.id, classname: m.file ?? 'pgparity rehearse', m }));
  const failures = cases.filter((c) => c.m.fails).length + (rehearsal.full?.fails ? 1 : 0);
  const skipped = cases.filter((c) => !c.m.fails && c.m.status !== 'reversible').length;
  const tests = cases.length + (rehearsal.full ? 1 : 0);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="pgparity rehearse" tests="${tests}" failures="${failures}" errors="0" time="0">`,
    `  <testsuite name="pgparity rehearse" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}" time="0">`,
    '    <properties>',
    `      <property name="verdict" value="${attr(rehearsal.verdict)}"/>`,
    `      <property name="source" value="${attr(rehearsal.source.source)}"/>`,
    `      <property name="serverVersion" value="${attr(rehearsal.source.serverVersion)}"/>`,
    '    </properties>',
    ...cases.flatMap((c) => testcase(c.classname, c.name, c.m)),
  ];
  if (rehearsal.full) {
    const f = rehearsal.full;
    const body = details({ ...f, irreversibleStatements: [] }).join('\n');
    const open = '    <testcase classname="pgparity rehearse" name="reset: every down, then every up again" time="0"';
    lines.push(f.fails ? `${open}>` : `${open}/>`);
    if (f.fails)
      lines.push(
        `      <failure type="${attr(f.status)}" message="${attr(`${STATUS_WORDS[f.status]}${f.migration ? ` at ${f.migration}` : ''}`)}">${text(body)}</failure>`,
        '    </testcase>',
      );
  }
  if (rehearsal.warnings.length > 0) lines.push(`    <system-err>${text(rehearsal.warnings.map((w) => `warning: ${w}`).join('\n'))}</system-err>`);
  lines.push('  </testsuite>', '</testsuites>');
  return `${lines.join('\n')}\n`;
}

function testcase(classname: string, name: string, m: MigrationRehearsal): string[] {
  const open = `    <testcase classname="${attr(classname)}" name="${attr(name)}" time="0"`;
  const body = details(m).join('\n');
  if (m.status === 'reversible') return [`${open}/>`];
  const message = `${STATUS_WORDS[m.status]}${m.accepted ? ` (accepted: ${m.accepted})` : ''}`;
  if (!m.fails)
    return [`${open}>`, `      <skipped message="${attr(message)}"/>`, ...(body ? [`      <system-out>${text(body)}</system-out>`] : []), '    </testcase>'];
  return [`${open}>`, `      <failure type="${attr(m.status)}" message="${attr(message)}">${text(body)}</failure>`, '    </testcase>'];
}
