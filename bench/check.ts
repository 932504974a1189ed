/**
 * `pgparity check --no-cache` (the built CLI, whole process: start the embedded scratch, replay
 * the migration files, read both catalogs, compare) against the pipeline a user writes by hand,
 * as one shell process: `createdb` + `psql -f` of the same files into a default-configured local
 * server + `pg_dump -s` of that database and of the live one + `diff`. Interleaved run by run.
 * Even at parity the two dumps differ in 4 lines: pg_dump 15.14+ writes a random `\restrict` key.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { targetUrl } from '../src/db/target.js';
import type { ScratchDatabase, ScratchServer } from '../src/scratch/provider.js';
import { scratchDatabaseName } from '../src/scratch/server-admin.js';
import type { SectionResult } from './introspection.js';
import { dropDatabase } from './setup.js';
import { header, ratio, row, runChecked, stats } from './stats.js';

export interface CheckInput {
  readonly tables: number;
  readonly runs: number;
  readonly files: readonly string[];
  readonly migrationsDir: string;
  /** The live database: the same schema, generated on `defaults`. */
  readonly live: ScratchDatabase;
  /** A default-configured server (initdb's settings, data on disk): where the pipeline replays. */
  readonly defaults: ScratchServer;
  readonly cli: string;
}

const quote = (s: string): string => `'${s.replaceAll("'", `'\\''`)}'`;

async function pgparityOnce(cli: string, live: string, migrationsDir: string): Promise<{ ms: number; verdict: string; code: number | null }> {
  const run = await runChecked(process.execPath, [cli, 'check', '--url', live, '--migrations', migrationsDir, '--no-cache', '--format', 'json', '--quiet'], {
    okCodes: [0, 1],
  });
  return { ms: run.ms, verdict: (JSON.parse(run.stdout) as { verdict: string }).verdict, code: run.code };
}

/**
 * The hand-written pipeline, one `sh -c`: the connection comes from PG* variables, as a user's
 * shell has them; the scratch database is dropped afterwards, untimed.
 */
async function pipelineOnce(input: CheckInput, work: string): Promise<{ ms: number; diffLines: number }> {
  const { host, port, user, password, database } = input.live.clientTarget;
  const scratch = scratchDatabaseName('bench_psql');
  const files = input.files.map((f) => `-f ${quote(f)}`).join(' ');
  const a = quote(join(work, 'a.sql'));
  const b = quote(join(work, 'b.sql'));
  // As a user writes it, with && between the steps; a step's failure (exit 3) is not a difference (diff's exit 1).
  const script = `${[
    `createdb ${scratch}`,
    `psql -X -q -v ON_ERROR_STOP=1 -d ${scratch} ${files}`,
    `pg_dump -s -d ${scratch} > ${a}`,
    `pg_dump -s -d ${quote(database)} > ${b}`,
  ].join(' && ')} || exit 3; diff ${a} ${b} > ${quote(join(work, 'diff.txt'))}; [ $? -le 1 ]`;
  const env = { ...process.env, PGHOST: host, PGPORT: String(port), PGUSER: user, PGPASSWORD: password ?? '' };
  try {
    const run = await runChecked('/bin/sh', ['-c', script], { env });
    return { ms: run.ms, diffLines: (await readFile(join(work, 'diff.txt'), 'utf8')).split('\n').length - 1 };
  } finally {
    await dropDatabase({ name: scratch, target: { ...input.live.target, database: scratch }, clientTarget: { ...input.live.clientTarget, database: scratch } });
  }
}

export async function benchCheck(input: CheckInput): Promise<SectionResult> {
  const live = targetUrl(input.live.clientTarget);
  const work = await mkdtemp(join(tmpdir(), 'pgparity-bench-check-'));
  const ours: Awaited<ReturnType<typeof pgparityOnce>>[] = [];
  const theirs: Awaited<ReturnType<typeof pipelineOnce>>[] = [];
  try {
    for (let i = 0; i < input.runs; i++) {
      theirs.push(await pipelineOnce(input, work));
      ours.push(await pgparityOnce(input.cli, live, input.migrationsDir));
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  const oursMs = stats(ours.map((r) => r.ms));
  const theirsMs = stats(theirs.map((r) => r.ms));
  const r = oursMs.median / theirsMs.median;
  const lines = [
    `check, whole processes (target: at most 0.30× the hand-written pipeline) — ${input.tables} tables in ${input.files.length} migration files, ${input.runs} runs, interleaved`,
    header(),
    row('pgparity check --url LIVE --migrations DIR --no-cache', oursMs, `${ratio(r)} the pipeline; verdict ${ours[0]!.verdict}`),
    row(
      'createdb + psql -f + 2 × pg_dump -s + diff (one sh -c)',
      theirsMs,
      `default-configured ${input.defaults.serverVersion}, data on disk; ${theirs[0]!.diffLines} lines of diff`,
    ),
  ];
  return {
    lines,
    json: {
      tables: input.tables,
      files: input.files.length,
      runs: input.runs,
      pgparityMs: oursMs,
      pipelineMs: theirsMs,
      ratio: r,
      verdict: ours[0]!.verdict,
      pipelineDiffLines: theirs[0]!.diffLines,
      runsDetail: { pgparity: ours, pipeline: theirs },
    },
  };
}
