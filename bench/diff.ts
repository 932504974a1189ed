/**
 * Target 2: `pgparity diff --from URL_A --to URL_B` (the built CLI) against `@pgkit/migra` on the
 * same pair of databases (B drifted a little from A, so both have something to say), each a whole
 * process, timed from spawn to exit.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { targetUrl } from '../src/db/target.js';
import type { ScratchDatabase } from '../src/scratch/provider.js';
import type { SectionResult } from './introspection.js';
import { header, ratio, row, runChecked, stats } from './stats.js';

const MIGRA = fileURLToPath(new URL('../node_modules/@pgkit/migra/dist/command.js', import.meta.url));

export interface DiffInput {
  readonly tables: number;
  readonly runs: number;
  readonly migraRuns: number;
  readonly a: ScratchDatabase;
  readonly b: ScratchDatabase;
  readonly cli: string;
}

async function pgparityOnce(cli: string, a: string, b: string): Promise<{ ms: number; findings: number; verdict: string }> {
  // Exit 1 is the verdict "drift", which is expected here.
  const run = await runChecked(process.execPath, [cli, 'diff', '--from', a, '--to', b, '--format', 'json', '--quiet'], { okCodes: [0, 1] });
  const report = JSON.parse(run.stdout) as { verdict: string; findings: unknown[] };
  return { ms: run.ms, findings: report.findings.length, verdict: report.verdict };
}

async function migraOnce(a: string, b: string): Promise<{ ms: number; statements: number }> {
  const run = await runChecked(process.execPath, [MIGRA, a, b, '--unsafe']);
  return { ms: run.ms, statements: run.stdout.split(';\n').filter((s) => s.trim() !== '').length };
}

export async function benchDiff(input: DiffInput): Promise<SectionResult> {
  const a = targetUrl(input.a.clientTarget);
  const b = targetUrl(input.b.clientTarget);
  const migra = existsSync(MIGRA);
  await pgparityOnce(input.cli, a, b);
  const pgparityRuns: Awaited<ReturnType<typeof pgparityOnce>>[] = [];
  const migraRuns: Awaited<ReturnType<typeof migraOnce>>[] = [];
  for (let i = 0; i < Math.max(input.runs, input.migraRuns); i++) {
    if (i < input.runs) pgparityRuns.push(await pgparityOnce(input.cli, a, b));
    if (migra && i < input.migraRuns) migraRuns.push(await migraOnce(a, b));
  }
  const ours = stats(pgparityRuns.map((r) => r.ms));
  const theirs = migraRuns.length ? stats(migraRuns.map((r) => r.ms)) : undefined;
  const speedup = theirs ? theirs.median / ours.median : null;
  const lines = [`Database-to-database diff (target: at least 10× faster than @pgkit/migra) — ${input.tables} tables each, B drifted`, header()];
  lines.push(row('pgparity diff --from URL_A --to URL_B (built CLI)', ours, `${pgparityRuns[0]!.verdict}, ${pgparityRuns[0]!.findings} findings`));
  if (theirs) lines.push(row('@pgkit/migra URL_A URL_B --unsafe', theirs, `${migraRuns[0]!.statements} statements`));
  else lines.push('  @pgkit/migra: skipped (npm install -D @pgkit/migra)');
  if (speedup !== null) lines.push(`  pgparity is ${ratio(speedup)} faster than migra (median over median)`);
  return {
    lines,
    json: {
      tables: input.tables,
      runs: input.runs,
      migraRuns: input.migraRuns,
      pgparityMs: ours,
      migraMs: theirs ?? null,
      speedup,
      findings: pgparityRuns[0]!.findings,
      migraStatements: migraRuns[0]?.statements ?? null,
      runsDetail: { pgparity: pgparityRuns, migra: migraRuns },
    },
  };
}
