/**
 * `pgparity diff --from URL_A --to URL_B` (the built CLI) against the pipeline a user writes by
 * hand (`pg_dump -s A > a.sql; pg_dump -s B > b.sql; diff a.sql b.sql`, one shell process) and
 * against `@pgkit/migra`, on the same pair of databases (B drifted a little from A, so all have
 * something to say), each a whole process, timed from spawn to exit; and the peak RSS of the
 * whole `pgparity diff` process (GNU time's maximum resident set size).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { targetUrl } from '../src/db/target.js';
import type { ScratchDatabase } from '../src/scratch/provider.js';
import type { SectionResult } from './introspection.js';
import { header, mib, ratio, row, runChecked, stats } from './stats.js';

const MIGRA = fileURLToPath(new URL('../node_modules/@pgkit/migra/dist/command.js', import.meta.url));
/** GNU time: `-f %M` is the child's maximum resident set size in KiB. */
const GNU_TIME = '/usr/bin/time';

export interface DiffInput {
  readonly tables: number;
  readonly runs: number;
  readonly migraRuns: number;
  readonly a: ScratchDatabase;
  readonly b: ScratchDatabase;
  readonly cli: string;
  /** Whether the pg_dump on PATH can dump this server: the hand-written pipeline needs it. */
  readonly pgDump: boolean;
}

interface DiffRun {
  readonly ms: number;
  readonly findings: number;
  readonly verdict: string;
  /** Peak RSS of the whole process, when GNU time is installed. */
  readonly peakRssMiB: number | null;
}

async function pgparityOnce(cli: string, a: string, b: string, work: string): Promise<DiffRun> {
  const args = [cli, 'diff', '--from', a, '--to', b, '--format', 'json', '--quiet'];
  const rssFile = join(work, 'rss');
  const timed = existsSync(GNU_TIME);
  // Exit 1 is the verdict "drift", which is expected here. GNU time adds a fork and exec (about a millisecond).
  const run = timed
    ? await runChecked(GNU_TIME, ['-f', '%M', '-o', rssFile, process.execPath, ...args], { okCodes: [0, 1] })
    : await runChecked(process.execPath, args, { okCodes: [0, 1] });
  const report = JSON.parse(run.stdout) as { verdict: string; findings: unknown[] };
  const peakRssMiB = timed ? Number.parseInt((await readFile(rssFile, 'utf8')).trim().split('\n').at(-1)!, 10) / 1024 : null;
  return { ms: run.ms, findings: report.findings.length, verdict: report.verdict, peakRssMiB };
}

/** `pg_dump -s A > a.sql; pg_dump -s B > b.sql; diff a.sql b.sql` as one shell process; diff exits 1 on differences. */
async function pipelineOnce(a: string, b: string, work: string): Promise<{ ms: number; lines: number }> {
  // A pg_dump that fails (exit 3) is not a difference (diff's exit 1).
  const script = 'pg_dump -s -d "$A" > "$W/a.sql" && pg_dump -s -d "$B" > "$W/b.sql" || exit 3; diff "$W/a.sql" "$W/b.sql" > "$W/diff.txt"; [ $? -le 1 ]';
  const run = await runChecked('/bin/sh', ['-c', script], { env: { ...process.env, A: a, B: b, W: work } });
  return { ms: run.ms, lines: (await readFile(join(work, 'diff.txt'), 'utf8')).split('\n').length - 1 };
}

async function migraOnce(a: string, b: string): Promise<{ ms: number; statements: number }> {
  const run = await runChecked(process.execPath, [MIGRA, a, b, '--unsafe']);
  return { ms: run.ms, statements: run.stdout.split(';\n').filter((s) => s.trim() !== '').length };
}

export async function benchDiff(input: DiffInput): Promise<SectionResult> {
  const a = targetUrl(input.a.clientTarget);
  const b = targetUrl(input.b.clientTarget);
  const migra = existsSync(MIGRA);
  const work = await mkdtemp(join(tmpdir(), 'pgparity-bench-diff-'));
  const pgparityRuns: DiffRun[] = [];
  const pipelineRuns: Awaited<ReturnType<typeof pipelineOnce>>[] = [];
  const migraRuns: Awaited<ReturnType<typeof migraOnce>>[] = [];
  try {
    // One untimed run first: the page cache and the servers' buffers start warm for all.
    await pgparityOnce(input.cli, a, b, work);
    for (let i = 0; i < Math.max(input.runs, input.migraRuns); i++) {
      if (i < input.runs) pgparityRuns.push(await pgparityOnce(input.cli, a, b, work));
      if (input.pgDump && i < input.runs) pipelineRuns.push(await pipelineOnce(a, b, work));
      if (migra && i < input.migraRuns) migraRuns.push(await migraOnce(a, b));
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  const ours = stats(pgparityRuns.map((r) => r.ms));
  const pipeline = pipelineRuns.length ? stats(pipelineRuns.map((r) => r.ms)) : undefined;
  const theirs = migraRuns.length ? stats(migraRuns.map((r) => r.ms)) : undefined;
  const toPipeline = pipeline ? ours.median / pipeline.median : null;
  const speedup = theirs ? theirs.median / ours.median : null;
  const rss = pgparityRuns[0]!.peakRssMiB === null ? undefined : stats(pgparityRuns.map((r) => r.peakRssMiB!));
  const lines = [
    `Database-to-database diff, whole processes (targets: at most 0.30× two pg_dump -s + diff; at least 10× faster than @pgkit/migra) — ${input.tables} tables each, B drifted`,
    header(),
  ];
  lines.push(
    row(
      'pgparity diff --from URL_A --to URL_B (built CLI)',
      ours,
      `${toPipeline === null ? '' : `${ratio(toPipeline)} the pipeline; `}${pgparityRuns[0]!.verdict}, ${pgparityRuns[0]!.findings} findings`,
    ),
  );
  if (pipeline) lines.push(row('pg_dump -s A > a.sql; pg_dump -s B > b.sql; diff (sh -c)', pipeline, `${pipelineRuns[0]!.lines} lines of diff`));
  else lines.push('  two pg_dump -s + diff: skipped (no pg_dump on PATH that can dump this server)');
  if (theirs) lines.push(row('@pgkit/migra URL_A URL_B --unsafe', theirs, `${migraRuns[0]!.statements} statements; pgparity ${ratio(speedup!)} faster`));
  else lines.push(migra ? '  @pgkit/migra: not run (--migra-runs 0)' : '  @pgkit/migra: skipped (npm install -D @pgkit/migra)');
  lines.push(
    rss
      ? `  peak RSS of the whole pgparity diff process (target < 600 MB): median ${mib(rss.median)} (min ${mib(rss.min)}, max ${mib(rss.max)})`
      : `  peak RSS: not measured (${GNU_TIME} is not installed)`,
  );
  return {
    lines,
    json: {
      tables: input.tables,
      runs: input.runs,
      migraRuns: input.migraRuns,
      pgparityMs: ours,
      pipelineMs: pipeline ?? null,
      ratioToPipeline: toPipeline,
      migraMs: theirs ?? null,
      speedup,
      peakRssMiB: rss ?? null,
      findings: pgparityRuns[0]!.findings,
      pipelineDiffLines: pipelineRuns[0]?.lines ?? null,
      migraStatements: migraRuns[0]?.statements ?? null,
      runsDetail: { pgparity: pgparityRuns, pipeline: pipelineRuns, migra: migraRuns },
    },
  };
}
