/**
 * Target 1: a full pgparity snapshot of a large schema against `pg_dump --schema-only` of the same
 * database on the same server, interleaved run by run. pgparity is timed two ways: connect +
 * introspectCatalog in a fresh process (the library call; the process also gives its peak RSS), and
 * the built CLI `pgparity snapshot URL` end to end (node start-up included, like pg_dump's).
 */
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { targetUrl } from '../src/db/target.js';
import type { ScratchDatabase } from '../src/scratch/provider.js';
import type { IntrospectionRun, QueryTiming } from './introspect-once.js';
import { header, mib, ratio, row, runChecked, seconds, stats, type Stats } from './stats.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CHILD = fileURLToPath(new URL('./introspect-once.ts', import.meta.url));
const SQL_CHILD = fileURLToPath(new URL('./catalog-sql-once.ts', import.meta.url));

export interface IntrospectionInput {
  readonly runs: number;
  readonly big: { readonly db: ScratchDatabase; readonly tables: number };
  readonly small: { readonly db: ScratchDatabase; readonly tables: number };
  /** pg_dump on PATH that can dump this server, if any. */
  readonly pgDump?: string;
  /** The built CLI, if any. */
  readonly cli?: string;
}

export interface SectionResult {
  readonly lines: string[];
  readonly json: Record<string, unknown>;
}

/** pgparity over TCP, like pg_dump, in a fresh `node --expose-gc` whose peak RSS is this read's. */
async function introspectOnce(db: ScratchDatabase): Promise<IntrospectionRun & { processMs: number }> {
  const start = performance.now();
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', CHILD], {
    cwd: ROOT,
    env: { ...process.env, BENCH_TARGET_URL: targetUrl(db.clientTarget) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => child.once('error', reject).once('close', resolve));
  if (code !== 0) throw new Error(`bench/introspect-once.ts exited with ${code}`);
  return { ...(JSON.parse(stdout) as IntrospectionRun), processMs: performance.now() - start };
}

/** The catalog SQL alone on `sessions` sessions sharing a snapshot (bench/catalog-sql-once.ts). */
async function catalogSqlOnce(db: ScratchDatabase, sessions: number): Promise<number> {
  const env = { ...process.env, BENCH_TARGET_URL: targetUrl(db.clientTarget), BENCH_SESSIONS: String(sessions) };
  const run = await runChecked(process.execPath, ['--import', 'tsx', SQL_CHILD], { env, cwd: ROOT });
  return (JSON.parse(run.stdout) as { ms: number }).ms;
}

async function pgDumpOnce(pgDump: string, db: ScratchDatabase): Promise<number> {
  const { host, port, user, password, database } = db.clientTarget;
  const file = join(tmpdir(), `pgparity-bench-dump-${process.pid}.sql`);
  const args = ['--schema-only', '--no-password', '-h', host, '-p', String(port), '-U', user, '-d', database, '-f', file];
  try {
    return (await runChecked(pgDump, args, { env: { ...process.env, PGPASSWORD: password ?? '' } })).ms;
  } finally {
    await rm(file, { force: true });
  }
}

/** `pgparity snapshot URL -o f.json`: the snapshot written to a file, as pg_dump's output is read by the pipeline. */
async function cliSnapshotOnce(cli: string, db: ScratchDatabase): Promise<number> {
  const file = join(tmpdir(), `pgparity-bench-snapshot-${process.pid}.json`);
  try {
    return (await runChecked(process.execPath, [cli, 'snapshot', targetUrl(db.clientTarget), '-o', file, '--quiet'])).ms;
  } finally {
    await rm(file, { force: true });
  }
}

/** Per catalog query: the median over runs of its time, and its row count. */
function queryMedians(runs: readonly IntrospectionRun[]): { label: string; medianMs: number; rows: number }[] {
  const byLabel = new Map<string, QueryTiming[]>();
  for (const r of runs) for (const q of r.queries) byLabel.set(q.label, [...(byLabel.get(q.label) ?? []), q]);
  return [...byLabel].map(([label, qs]) => ({ label, medianMs: stats(qs.map((q) => q.ms)).median, rows: qs[0]!.rows })).sort((a, b) => b.medianMs - a.medianMs);
}

export async function benchIntrospection(input: IntrospectionInput): Promise<SectionResult> {
  const { big, small, runs, pgDump, cli } = input;
  // One untimed read each first: the OS page cache and the server's shared buffers start warm for all.
  await introspectOnce(big.db);
  if (pgDump) await pgDumpOnce(pgDump, big.db);
  if (cli) await cliSnapshotOnce(cli, big.db);
  const libraryRuns: Awaited<ReturnType<typeof introspectOnce>>[] = [];
  const dumpMs: number[] = [];
  const cliMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    libraryRuns.push(await introspectOnce(big.db));
    if (pgDump) dumpMs.push(await pgDumpOnce(pgDump, big.db));
    if (cli) cliMs.push(await cliSnapshotOnce(cli, big.db));
  }
  const smallRuns: IntrospectionRun[] = [];
  for (let i = 0; i < runs; i++) smallRuns.push(await introspectOnce(small.db));
  const sqlOneMs: number[] = [];
  const sqlTwoMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    sqlOneMs.push(await catalogSqlOnce(big.db, 1));
    sqlTwoMs.push(await catalogSqlOnce(big.db, 2));
  }
  const sqlOne = stats(sqlOneMs);
  const sqlTwo = stats(sqlTwoMs);

  const library = stats(libraryRuns.map((r) => r.ms));
  const dump = dumpMs.length ? stats(dumpMs) : undefined;
  const cliStats = cliMs.length ? stats(cliMs) : undefined;
  const last = libraryRuns.at(-1)!;
  const smallLast = smallRuns.at(-1)!;
  const peakOver = stats(libraryRuns.map((r) => r.peakRssMiB - r.baselineRssMiB));
  const smallPeakOver = stats(smallRuns.map((r) => r.peakRssMiB - r.baselineRssMiB));
  const perThousand = (peakOver.median / big.tables) * 1000;
  const slopePerThousand = ((peakOver.median - smallPeakOver.median) / (big.tables - small.tables)) * 1000;
  const retainedPerThousand = (stats(libraryRuns.map((r) => r.retainedHeapMiB)).median / big.tables) * 1000;
  const ratios = {
    library: dump ? library.median / dump.median : null,
    cli: dump && cliStats ? cliStats.median / dump.median : null,
  };

  const lines = [
    `Introspection (target: pgparity snapshot URL at most 0.35× pg_dump --schema-only, whole processes) — ${big.tables} tables, ${runs} runs, interleaved`,
    header(),
  ];
  lines.push(row('pgparity connect + introspectCatalog (library)', library, ratios.library === null ? '' : `${ratio(ratios.library)} pg_dump`));
  if (cliStats)
    lines.push(row('pgparity snapshot URL -o f.json (built CLI, whole process)', cliStats, ratios.cli === null ? '' : `${ratio(ratios.cli)} pg_dump`));
  if (dump) lines.push(row('pg_dump --schema-only (whole process)', dump));
  else lines.push('  pg_dump: skipped (none on PATH that can dump this server)');
  lines.push(row('what bounds it: the catalog SQL alone, 1 session', sqlOne, dump ? `${ratio(sqlOne.median / dump.median)} pg_dump` : ''));
  lines.push(
    row('  … on 2 sessions sharing one exported snapshot', sqlTwo, dump ? `${ratio(sqlTwo.median / dump.median)} pg_dump (not pgparity's code path)` : ''),
  );
  lines.push(
    `  catalog queries: ${last.queryCount} at ${big.tables} tables, ${smallLast.queryCount} at ${small.tables}${last.queryCount === smallLast.queryCount ? ' (does not grow with the schema)' : ' — GROWS WITH THE SCHEMA'}`,
    `  snapshot: ${last.objects} objects, JSON ${mib(last.snapshotJsonMiB)}; at ${small.tables} tables: ${smallLast.objects} objects, median ${seconds(stats(smallRuns.map((r) => r.ms)).median)}`,
    `  peak RSS over the loaded process (median): ${mib(peakOver.median)} at ${big.tables} tables, ${mib(smallPeakOver.median)} at ${small.tables} → ${mib(perThousand)} per 1,000 tables (slope ${mib(slopePerThousand)} per 1,000; snapshot kept on the heap ${mib(retainedPerThousand)} per 1,000)`,
    `  slowest queries (median ms / rows): ${queryMedians(libraryRuns)
      .slice(0, 5)
      .map((q) => `${q.label} ${q.medianMs.toFixed(0)}/${q.rows}`)
      .join(', ')}`,
  );
  const json = {
    tables: big.tables,
    smallTables: small.tables,
    runs,
    libraryMs: library,
    cliMs: cliStats ?? null,
    pgDumpMs: dump ?? null,
    ratioToPgDump: ratios,
    catalogSqlOnly: { oneSessionMs: sqlOne, twoSessionsMs: sqlTwo },
    queryCount: { big: last.queryCount, small: smallLast.queryCount },
    objects: last.objects,
    objectsByKind: last.objectsByKind,
    snapshotJsonMiB: last.snapshotJsonMiB,
    memory: {
      measuredAs: 'maxRSS of a fresh `node --expose-gc` child doing connect + introspectCatalog, minus its RSS after loading modules and a forced GC',
      peakRssMiB: stats(libraryRuns.map((r) => r.peakRssMiB)),
      peakOverBaselineMiB: peakOver,
      smallPeakOverBaselineMiB: smallPeakOver,
      mibPerThousandTables: perThousand,
      growthMibPerThousandTables: slopePerThousand,
      retainedHeapMibPerThousandTables: retainedPerThousand,
    },
    queries: queryMedians(libraryRuns),
    runsDetail: { library: libraryRuns.map(({ queries: _q, ...r }) => r), pgDumpMs: dumpMs, cliMs, small: smallRuns.map(({ queries: _q, ...r }) => r) },
  };
  return { lines, json };
}

export type { Stats };
