import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { connect } from '../src/db/connect.js';
import { targetUrl, type ConnectionTarget } from '../src/db/target.js';
import { startEmbeddedServer, type EmbeddedServer } from '../src/scratch/embedded.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { ROOT, runCli, scratchEntries } from './support/cli.js';

let live: TestDatabase;
/** A server of its own for --scratch URL, so that other test files never see these scratch databases. */
let scratchServer: EmbeddedServer;
let scratchAdmin: ConnectionTarget;
let work: string;
beforeAll(async () => {
  live = await createTestDatabase();
  await live.exec('create table widgets (id int primary key, name text not null)');
  scratchServer = await startEmbeddedServer();
  scratchAdmin = scratchServer.openDatabase('postgres').target;
  work = await mkdtemp(join(tmpdir(), 'pgparity-faults-'));
  await chmod(work, 0o755);
});
afterAll(async () => {
  await live?.drop();
  await scratchServer?.close();
  await rm(work, { recursive: true, force: true });
});

async function migrationsDir(name: string, sql: string): Promise<string> {
  const dir = join(work, name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, '001_widgets.sql'), 'create table widgets (id int primary key, name text not null);\n');
  await writeFile(join(dir, '002_work.sql'), sql);
  return dir;
}

async function privateDir(name: string): Promise<string> {
  const dir = join(work, name);
  await mkdir(dir, { recursive: true, mode: 0o755 });
  await chmod(dir, 0o755);
  return dir;
}

function start(args: readonly string[], env: Record<string, string> = {}): { child: ChildProcess; stderr: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, [join(ROOT, 'dist/cli/main.js'), ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  child.stdout!.resume();
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stderr: () => stderr, exit };
}

async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const found = await probe().catch(() => undefined);
    if (found !== undefined) return found;
    await delay(100);
  }
  throw new Error(`gave up waiting for ${what}`);
}

async function query<Row extends pg.QueryResultRow>(target: ConnectionTarget, sql: string): Promise<Row[]> {
  const client = await connect(target, { readOnly: false });
  try {
    return (await client.query<Row>(sql)).rows;
  } finally {
    await client.end();
  }
}

const scratchDatabases = async (): Promise<string[]> =>
  (await query<{ datname: string }>(scratchAdmin, "select datname from pg_database where datname like 'pgparity_scratch_%'")).map((r) => r.datname);

describe('Ctrl-C with a URL scratch', () => {
  test('exits 130 without blaming a migration, and drops the scratch database', async () => {
    const migrations = await migrationsDir('sleep-url', 'select pg_sleep(60);\n');
    const run = start(['check', '--url', live.url, '--migrations', migrations, '--scratch', targetUrl(scratchAdmin), '--no-cache']);
    await until(async () => {
      const rows = await query(scratchAdmin, "select 1 from pg_stat_activity where query like 'select pg_sleep(60)%' and state = 'active'");
      return rows.length > 0 ? true : undefined;
    }, 'the migration to run');
    run.child.kill('SIGINT');
    expect(await run.exit).toBe(130);
    expect(run.stderr()).toBe('\npgparity: SIGINT received, removing scratch databases…\n');
    expect(await scratchDatabases()).toEqual([]);
  });
});

/** The embedded scratch server's postmaster pid, once a backend of it runs the migration. */
async function scratchPostmaster(scratchDir: string): Promise<number | undefined> {
  const [dir] = (await readdir(scratchDir)).filter((name) => name.startsWith('pgparity-'));
  if (!dir) return undefined;
  const pid = Number((await readFile(join(scratchDir, dir, 'data', 'postmaster.pid'), 'utf8')).split('\n')[0]);
  const ps = execFileSync('ps', ['-eo', 'ppid=,args='], { encoding: 'utf8' });
  const replaying = ps.split('\n').some((line) => line.trim().startsWith(`${pid} `) && /pgparity_scratch_\S+ .*SELECT/.test(line));
  return replaying ? pid : undefined;
}

describe('faults', () => {
  test('the scratch server killed in the middle of a replay: exit 3, one line, nothing left', async () => {
    const scratchDir = await privateDir('killed');
    const migrations = await migrationsDir('sleep-embedded', 'select pg_sleep(60);\n');
    const run = start(['check', '--url', live.url, '--migrations', migrations, '--no-cache'], { PGPARITY_SCRATCH_DIR: scratchDir });
    const postmaster = await until(() => scratchPostmaster(scratchDir), 'the migration to run in the scratch server');
    process.kill(postmaster, 'SIGKILL');
    expect(await run.exit).toBe(3);
    expect(run.stderr()).toMatch(/^pgparity: lost the connection to the scratch database while replaying \S*002_work\.sql: .+\n$/);
    expect(await scratchEntries(scratchDir)).toEqual([]);
  });

  test('the live connection dropped in the middle of introspection: exit 3, one line', async () => {
    const holder = await connect(live.target, { readOnly: false });
    try {
      // Hold the introspection on a catalog lock, then end its session from another one.
      await holder.query('begin; lock table pg_catalog.pg_policy in access exclusive mode');
      const run = start(['snapshot', live.url, '--lock-timeout', '60']);
      await until(async () => {
        const rows = await query<{ n: number }>(
          live.target,
          "select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where application_name = 'pgparity' and wait_event_type = 'Lock'",
        );
        return rows[0]!.n > 0 ? true : undefined;
      }, 'the introspection to wait on the lock');
      expect(await run.exit).toBe(3);
      expect(run.stderr()).toMatch(/^pgparity: lost the connection while reading the catalog of postgres:\/\/\S+: terminating connection due to administrator command\n$/);
    } finally {
      await holder.query('rollback');
      await holder.end();
    }
  });

  const mountReason = (() => {
    if (process.getuid?.() !== 0) return 'mounting a small tmpfs needs root';
    try {
      const probe = execFileSync('mktemp', ['-d'], { encoding: 'utf8' }).trim();
      try {
        execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe], { stdio: 'ignore' });
        execFileSync('umount', [probe]);
      } finally {
        execFileSync('rmdir', [probe]);
      }
      return undefined;
    } catch (error) {
      return `cannot mount a tmpfs here: ${(error as Error).message.split('\n')[0]}`;
    }
  })();
  if (mountReason) console.log(`skipping the disk-full fault test: ${mountReason}`);

  test.skipIf(mountReason !== undefined)('the scratch directory runs out of disk: exit 3, one line, nothing left', async () => {
    const scratchDir = await privateDir('full');
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=160m,mode=0755', 'tmpfs', scratchDir]);
    try {
      const migrations = await migrationsDir('fill', "create table filler as select repeat('x', 2000) as v from generate_series(1, 200000);\n");
      const r = await runCli(['check', '--url', live.url, '--migrations', migrations, '--no-cache'], { env: { PGPARITY_SCRATCH_DIR: scratchDir } });
      expect(r.stderr).toMatch(/^pgparity: the scratch server ran out of disk space while replaying \S*002_work\.sql \(.*No space left on device\): free space where its data directory is, or point PGPARITY_SCRATCH_DIR at a larger file system\n$/);
      expect(r.code).toBe(3);
      expect(await readdir(scratchDir)).toEqual([]);
    } finally {
      execFileSync('umount', [scratchDir]);
    }
  });
});
