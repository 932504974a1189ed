/**
 * Target 3: the schema as migration files, replayed by pgparity into its embedded scratch server,
 * against `psql -f` of the same files into a default-configured server of the same major (data
 * directory on disk, initdb's settings), interleaved; then the two databases must read back as
 * byte-identical snapshots.
 * Target 4: the replay cache, end to end through the library (server start, replay or reuse, read).
 */
import { spawn } from 'node:child_process';
import { appendFile, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { introspectCatalog, serializeSnapshot } from '../src/catalog/index.js';
import { cacheDir } from '../src/config/cache-dir.js';
import { connect } from '../src/db/connect.js';
import { targetUrl } from '../src/db/target.js';
import type { ScratchDatabase, ScratchServer } from '../src/scratch/provider.js';
import type { SectionResult } from './introspection.js';
import { dropDatabase } from './setup.js';
import { header, ratio, row, runChecked, seconds, stats } from './stats.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

export interface ReplayInput {
  readonly tables: number;
  readonly runs: number;
  readonly files: readonly string[];
  readonly migrationsDir: string;
  /** Our embedded scratch server (throwaway settings). */
  readonly scratch: ScratchServer;
  /** A default-configured server of the same major. */
  readonly defaults: ScratchServer;
  readonly psql: string;
}

/** Run a bench script in a fresh `node --import tsx`; it prints one JSON line. */
export async function child<T>(script: string, env: NodeJS.ProcessEnv): Promise<T> {
  const run = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(script, import.meta.url))], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  run.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => run.once('error', reject).once('close', resolve));
  if (code !== 0) throw new Error(`${script} exited with ${code}`);
  return JSON.parse(stdout) as T;
}

async function psqlOnce(psql: string, db: ScratchDatabase, files: readonly string[]): Promise<number> {
  const { host, port, user, password, database } = db.clientTarget;
  const args = ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', host, '-p', String(port), '-U', user, '-d', database, ...files.flatMap((f) => ['-f', f])];
  return (await runChecked(psql, args, { env: { ...process.env, PGPASSWORD: password ?? '' } })).ms;
}

async function snapshotText(db: ScratchDatabase): Promise<string> {
  const client = await connect(db.target, { readOnly: true, limits: { statementTimeoutMs: 0, lockTimeoutMs: 0, connectTimeoutMs: 10_000 } });
  try {
    return serializeSnapshot((await introspectCatalog(client, { source: 'bench' })).snapshot);
  } finally {
    await client.end();
  }
}

function firstDifference(a: string, b: string): string {
  const x = a.split('\n');
  const y = b.split('\n');
  const i = x.findIndex((line, n) => line !== y[n]);
  return `line ${i + 1}: psql ${JSON.stringify(x[i])} vs pgparity ${JSON.stringify(y[i])}`;
}

export async function benchReplay(input: ReplayInput): Promise<SectionResult> {
  const psqlMs: number[] = [];
  const oursMs: number[] = [];
  let identical: boolean | undefined;
  let difference: string | undefined;
  for (let i = 0; i < input.runs; i++) {
    const viaPsql = await input.defaults.createDatabase();
    psqlMs.push(await psqlOnce(input.psql, viaPsql, input.files));
    const viaUs = await input.scratch.createDatabase();
    oursMs.push((await child<{ ms: number }>('./replay-once.ts', { BENCH_TARGET_URL: targetUrl(viaUs.target), BENCH_MIGRATIONS: input.migrationsDir })).ms);
    if (i === input.runs - 1) {
      const [theirs, ours] = [await snapshotText(viaPsql), await snapshotText(viaUs)];
      identical = theirs === ours;
      if (!identical) difference = firstDifference(theirs, ours);
    }
    await dropDatabase(viaPsql);
    await dropDatabase(viaUs);
  }
  const psql = stats(psqlMs);
  const ours = stats(oursMs);
  const speedup = psql.median / ours.median;
  const lines = [
    `Replay (target: at least 2× faster than psql -f into a default server) — ${input.tables} tables in ${input.files.length} migration files, ${input.runs} runs, interleaved`,
    header(),
    row(`pgparity replay into the embedded scratch (${input.scratch.provider} ${input.scratch.serverVersion})`, ours),
    row(`psql -f into a default-configured ${input.defaults.serverVersion} (data on disk)`, psql),
    `  pgparity is ${ratio(speedup)} faster than psql -f (median over median); snapshots of the two databases ${identical ? 'are byte-identical' : `DIFFER: ${difference}`}`,
  ];
  return {
    lines,
    json: {
      tables: input.tables,
      files: input.files.length,
      runs: input.runs,
      pgparityMs: ours,
      psqlMs: psql,
      speedup,
      byteIdentical: identical,
      difference: difference ?? null,
    },
  };
}

export interface CacheInput {
  readonly tables: number;
  readonly runs: number;
  readonly migrationsDir: string;
  readonly major: number | undefined;
}

interface LoadRun {
  readonly ms: number;
  readonly objects: number;
  readonly replayCache: { outcome: string; reused: number; replayed: number } | null;
}

/** A private cache directory that shares the real initdb templates (no run waits for initdb). */
async function privateCache(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pgparity-bench-cache-'));
  await mkdir(join(cacheDir(), 'initdb'), { recursive: true, mode: 0o700 });
  await symlink(join(cacheDir(), 'initdb'), join(dir, 'initdb'));
  return dir;
}

export async function benchCache(input: CacheInput): Promise<SectionResult> {
  const cache = await privateCache();
  const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
    PGPARITY_CACHE_DIR: cache,
    BENCH_MIGRATIONS: input.migrationsDir,
    ...(input.major === undefined ? {} : { BENCH_MAJOR: String(input.major) }),
    ...extra,
  });
  const load = (extra?: NodeJS.ProcessEnv): Promise<LoadRun> => child<LoadRun>('./load-once.ts', env(extra));
  const appended: string[] = [];
  try {
    const full = await load({ BENCH_CACHE: '0' });
    const cold = await load();
    const warm: LoadRun[] = [];
    for (let i = 0; i < input.runs; i++) warm.push(await load());
    const grown: LoadRun[] = [];
    for (let i = 1; i <= 2; i++) {
      const file = join(input.migrationsDir, `99999_appended_${i}.sql`);
      appended.push(file);
      await writeFile(file, `create table appended_${i} (id bigint primary key, note text);\n`);
      grown.push(await load());
    }
    // An early file edited: nothing after it may be reused.
    const first = join(input.migrationsDir, (await readdir(input.migrationsDir)).sort()[0]!);
    await appendFile(first, '\ncomment on table parent is $$edited$$;\n');
    const edited = await load();
    const outcome = (r: LoadRun): string =>
      r.replayCache ? `${r.replayCache.outcome}: ${r.replayCache.reused} reused, ${r.replayCache.replayed} replayed` : 'cache off';
    const lines = [
      `Replay cache — ${input.tables} tables in migration files; whole library call in a fresh process (server start, replay or reuse, catalog read)`,
      header(),
      row('--no-cache (start, replay everything, read)', stats([full.ms]), outcome(full)),
      row('first run, cache empty (… and save the cluster)', stats([cold.ms]), outcome(cold)),
      row('unchanged files (cached snapshot, no server)', stats(warm.map((r) => r.ms)), outcome(warm[0]!)),
      row('one file appended (saved cluster + 1 file, read)', stats(grown.map((r) => r.ms)), outcome(grown[0]!)),
      row('first file edited (full replay again)', stats([edited.ms]), outcome(edited)),
      `  unchanged: ${ratio(full.ms / stats(warm.map((r) => r.ms)).median)} faster than --no-cache; appended: ${ratio(full.ms / stats(grown.map((r) => r.ms)).median)}`,
    ];
    return {
      lines,
      json: {
        tables: input.tables,
        noCacheMs: full.ms,
        coldMs: cold.ms,
        warmMs: stats(warm.map((r) => r.ms)),
        appendedMs: stats(grown.map((r) => r.ms)),
        editedMs: edited.ms,
        outcomes: {
          full: full.replayCache,
          cold: cold.replayCache,
          warm: warm[0]!.replayCache,
          appended: grown.map((r) => r.replayCache),
          edited: edited.replayCache,
        },
      },
    };
  } finally {
    await rm(cache, { recursive: true, force: true });
    for (const file of appended) await rm(file, { force: true });
  }
}

export { seconds };
