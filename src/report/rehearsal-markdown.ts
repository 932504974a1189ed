import type { MigrationRehearsal, Rehearsal } from '../model/rehearsal.js';
import { code, inline } from './markdown.js';
import { details, STATUS_WORDS } from './rehearsal-text.js';

/**
 * GitHub-flavoured Markdown for a pull-request comment or `$GITHUB_STEP_SUMMARY`: the verdict,
 * a table with one row per migration, then what each migration that is not reversible showed.
 */
export function renderRehearsalMarkdown(rehearsal: Rehearsal): string {
  const ok = rehearsal.verdict === 'reversible';
  const out = [
    `## ${ok ? '✅' : '❌'} pgparity rehearse: ${ok ? 'every down undoes its up' : 'not reversible'}`,
    '',
    `Rehearsed on ${rehearsal.source.provider ?? 'scratch'} PostgreSQL ${rehearsal.source.serverVersion}: ${code(rehearsal.source.source)}`,
  ];
  if (rehearsal.warnings.length > 0) out.push('', '> [!WARNING]', ...rehearsal.warnings.flatMap((w, i) => [...(i > 0 ? ['>'] : []), `> ${inline(w)}`]));
  out.push('', '| | migration | status | findings | data-loss statements |', '| --- | --- | --- | ---: | ---: |');
  for (const m of rehearsal.migrations) {
    out.push(
      `| ${icon(m)} | ${code(m.id)} | ${inline(STATUS_WORDS[m.status])}${m.accepted ? ` (accepted: ${inline(m.accepted)})` : ''} | ${m.findings.length} | ${m.irreversibleStatements.length} |`,
    );
  }
  for (const m of rehearsal.migrations.filter((m) => details(m).length > 0)) {
    out.push('', `### ${code(m.id)}: ${inline(STATUS_WORDS[m.status])}`, '', ...section(m));
  }
  if (rehearsal.full) {
    const f = rehearsal.full;
    out.push('', `### Reset (every down, then every up again): ${inline(STATUS_WORDS[f.status])}${f.migration ? ` at ${code(f.migration)}` : ''}`);
    const lines = section({ ...f, irreversibleStatements: [] });
    if (lines.length > 0) out.push('', ...lines);
  }
  return `${out.join('\n')}\n`;
}

/** A migration's details as a list; the failure's caret excerpt in a code block under its message. */
function section(m: Pick<MigrationRehearsal, 'failure' | 'findings' | 'irreversibleStatements' | 'data'>): string[] {
  const lines = details({ ...m, failure: undefined }).map((line) => `- ${inline(line)}`);
  if (!m.failure) return lines;
  const excerpt = m.failure.excerpt ? ['', '```text', m.failure.excerpt, '```', ''] : [];
  return [`- ${inline(m.failure.message)}`, ...excerpt, ...lines];
}

function icon(m: MigrationRehearsal): string {
  if (m.status === 'reversible') return '✅';
  return m.fails ? '❌' : '⚪';
}
