import type { MigrationRehearsal, Rehearsal, RehearsalStatus, ResetRehearsal } from '../model/rehearsal.js';
import { escapeControl } from '../model/escape.js';
import { palette, type Palette } from './ansi.js';

export interface RehearsalTextOptions {
  readonly color: boolean;
}

/** How each status reads in a report, and how it is coloured. */
export const STATUS_WORDS: Readonly<Record<RehearsalStatus, string>> = {
  reversible: 'reversible',
  residue: 'residue',
  down_fails: 'down fails',
  reup_fails: 'up fails after its down',
  no_down: 'no down',
  irreversible: 'irreversible (schema restorable, data restore-only)',
};

/** The rehearsal for a person: one line per migration, then what each non-reversible one showed. */
export function renderRehearsalText(rehearsal: Rehearsal, options: RehearsalTextOptions): string {
  const p = palette(options.color);
  const lines = [
    header(rehearsal, p),
    `rehearsed on: ${rehearsal.source.provider ?? 'scratch'} PostgreSQL ${rehearsal.source.serverVersion} (${escapeControl(rehearsal.source.source)})`,
  ];
  if (rehearsal.warnings.length > 0) lines.push('', ...rehearsal.warnings.map((w) => `${p.yellow('warning:')} ${escapeControl(w)}`));
  lines.push('');
  const width = Math.max(0, ...rehearsal.migrations.map((m) => escapeControl(m.id).length));
  for (const m of rehearsal.migrations) {
    lines.push(`  ${mark(m, p)} ${escapeControl(m.id).padEnd(width)}  ${statusText(m, p)}`);
    lines.push(...details(m).map((d) => `      ${d}`));
  }
  if (rehearsal.full) lines.push('', ...fullLines(rehearsal.full, p));
  return `${lines.join('\n')}\n`;
}

function header(r: Rehearsal, p: Palette): string {
  const counts = Object.entries(r.summary)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${STATUS_WORDS[status as RehearsalStatus].replace(/ \(.*\)$/, '')}`)
    .join(', ');
  const verdict = r.verdict === 'reversible' ? p.green('reversible') : p.red('NOT REVERSIBLE');
  return `pgparity rehearse: ${verdict} — ${r.migrations.length} migration${r.migrations.length === 1 ? '' : 's'}${counts ? `: ${counts}` : ''}`;
}

function mark(m: MigrationRehearsal, p: Palette): string {
  if (m.status === 'reversible') return p.green('✓');
  return m.fails ? p.red('✗') : p.yellow('○');
}

function statusText(m: MigrationRehearsal, p: Palette): string {
  const accepted = m.accepted !== undefined ? ` — accepted: ${escapeControl(m.accepted)}` : '';
  return `${m.status === 'reversible' ? STATUS_WORDS[m.status] : p.bold(STATUS_WORDS[m.status])}${accepted}`;
}

/** The lines under a migration: its failure with the caret, findings, data-loss statements, data notes; control characters escaped. */
export function details(m: Pick<MigrationRehearsal, 'failure' | 'findings' | 'irreversibleStatements' | 'data'>): string[] {
  const lines: string[] = [];
  if (m.failure)
    lines.push(escapeControl(m.failure.message), ...(m.failure.excerpt ? m.failure.excerpt.split('\n').map((l) => `  ${escapeControl(l, '\t')}`) : []));
  for (const f of m.findings) lines.push(`${f.severity}: ${escapeControl(f.message)}`);
  for (const s of m.irreversibleStatements) lines.push(escapeControl(`${s.file}:${s.line}: ${s.reason}: ${s.statement}`));
  for (const note of m.data ?? []) lines.push(`data: ${escapeControl(note)}`);
  return lines;
}

function fullLines(full: ResetRehearsal, p: Palette): string[] {
  const head = `reset (every down, then every up again): ${full.status === 'reversible' ? p.green('reversible') : p.red(STATUS_WORDS[full.status])}${full.migration ? ` at ${escapeControl(full.migration)}` : ''}`;
  return [head, ...details({ ...full, irreversibleStatements: [] }).map((d) => `      ${d}`)];
}
