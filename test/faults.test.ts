import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { connect } from '../src/db/connect.js';
import { describeTarget, targetUrl, type ConnectionTarget } from '../src/db/target.js';
import { startEmbeddedServer, type EmbeddedServer } from '../src/scratch/embedded.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { runCli, scratchEntries } from './support/cli.js';
import { queryRows, startCli, until } from './support/process.js';

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

const scratchDatabases = async (): Promise<string[]> =>
  (await queryRows<{ datname: string }>(scratchAdmin, "select datname from pg_database where datname like 'pgparity_scratch_%'")).map((r) => r.datname);

describe('Ctrl-C with a URL scratch', () => {
  test('exits 130 without blaming a migration, and drops the scratch database', async () => {
    const migrations = await migrationsDir('sleep-url', 'select pg_sleep(60);\n');
    const run = startCli(['check', '--url', live.url, '--migrations', migrations, '--scratch', targetUrl(scratchAdmin), '--no-cache']);
    await until(async () => {
      const rows = await queryRows(scratchAdmin, "select 1 from pg_stat_activity where query like 'select pg_sleep(60)%' and state = 'active'");
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
    const run = startCli(['check', '--url', live.url, '--migrations', migrations, '--no-cache'], { PGPARITY_SCRATCH_DIR: scratchDir });
    const postmaster = await until(() => scratchPostmaster(scratchDir), 'the migration to run in the scratch server');
    // Its shared memory segments are files of its data directory (not /dev/shm), so they go with it.
    const [server] = await serverDirs(scratchDir);
    expect((await readdir(join(server!, 'data', 'pg_dynshmem'))).length).toBeGreaterThan(0);
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
      const run = startCli(['snapshot', live.url, '--lock-timeout', '60']);
      await until(async () => {
        const rows = await queryRows<{ n: number }>(
          live.target,
          "select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where application_name = 'pgparity' and wait_event_type = 'Lock'",
        );
        return rows[0]!.n > 0 ? true : undefined;
      }, 'the introspection to wait on the lock');
      expect(await run.exit).toBe(3);
      expect(run.stderr()).toMatch(
        /^pgparity: lost the connection while reading the catalog of postgres(?:ql)?:\/\/\S+: terminating connection due to administrator command\n$/,
      );
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
      expect(r.stderr).toMatch(
        /^pgparity: the scratch server ran out of disk space while replaying \S*002_work\.sql \(.*No space left on device\): free space where its data directory is, or point PGPARITY_SCRATCH_DIR at a larger file system\n$/,
      );
      expect(r.code).toBe(3);
      expect(await readdir(scratchDir)).toEqual([]);
    } finally {
      execFileSync('umount', [scratchDir]);
    }
  });
});

/** An embedded scratch server directory under `scratchDir` (pgparity-XXXXXX), if any. */
async function serverDirs(scratchDir: string): Promise<string[]> {
  return (await readdir(scratchDir)).filter((name) => /^pgparity-\w{6}$/.test(name)).map((name) => join(scratchDir, name));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('what kill -9 leaves behind', () => {
  test('an embedded scratch server: the next run stops and removes it, and says so in one line', async () => {
    const scratchDir = await privateDir('kill9-embedded');
    const migrations = await migrationsDir('kill9-embedded-sleep', 'select pg_sleep(60);\n');
    const run = startCli(['check', '--url', live.url, '--migrations', migrations, '--no-cache'], { PGPARITY_SCRATCH_DIR: scratchDir });
    const postmaster = await until(() => scratchPostmaster(scratchDir), 'the migration to run in the scratch server');
    run.child.kill('SIGKILL');
    await run.exit;
    const [left] = await serverDirs(scratchDir);
    expect(alive(postmaster)).toBe(true);
    const owner = JSON.parse(await readFile(join(left!, 'pgparity-owner.json'), 'utf8')) as { pid: number; host: string; started: string };
    expect(owner).toEqual({ pid: run.child.pid, host: hostname(), started: expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/) });

    const next = await runCli(['check', '--url', live.url, '--migrations', await migrationsDir('kill9-embedded-next', 'select 1;\n'), '--no-cache'], {
      env: { PGPARITY_SCRATCH_DIR: scratchDir },
    });
    expect(next.stderr).toBe(
      `pgparity: removed a scratch server left by a pgparity run that is gone (pid ${owner.pid} on ${owner.host}, started ${owner.started.replace(/\.\d+Z$/, 'Z')}): ${left}\n`,
    );
    expect(next.code).toBe(0);
    expect(alive(postmaster)).toBe(false);
    expect(await scratchEntries(scratchDir)).toEqual([]);
  });

  test('pgparity cleanup removes it too, and a server whose owner lives is left alone', async () => {
    const scratchDir = await privateDir('kill9-cleanup');
    const migrations = await migrationsDir('kill9-cleanup-sleep', 'select pg_sleep(60);\n');
    const killed = startCli(['check', '--url', live.url, '--migrations', migrations, '--no-cache'], { PGPARITY_SCRATCH_DIR: scratchDir });
    await until(() => scratchPostmaster(scratchDir), 'the migration to run');
    killed.child.kill('SIGKILL');
    await killed.exit;
    const [left] = await serverDirs(scratchDir);
    const r = await runCli(['cleanup'], { env: { PGPARITY_SCRATCH_DIR: scratchDir } });
    expect(r.stdout).toMatch(new RegExp(`^removed a scratch server left by a pgparity run that is gone \\(pid ${killed.child.pid} on .+\\): ${left}\\n$`));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(await scratchEntries(scratchDir)).toEqual([]);

    // A server whose run is alive is not a leftover.
    const running = startCli(['check', '--url', live.url, '--migrations', migrations, '--no-cache'], { PGPARITY_SCRATCH_DIR: scratchDir });
    try {
      await until(() => scratchPostmaster(scratchDir), 'the second run');
      const busy = await serverDirs(scratchDir);
      const again = await runCli(['cleanup'], { env: { PGPARITY_SCRATCH_DIR: scratchDir } });
      expect(again.stdout).toBe(`no leftover scratch servers in ${scratchDir}\n`);
      expect(await serverDirs(scratchDir)).toEqual(busy);
    } finally {
      running.child.kill('SIGINT');
      await running.exit;
    }
    expect(await scratchEntries(scratchDir)).toEqual([]);
  });

  test('a directory whose removal was cut short (its owner file gone): removed once ten minutes old, not before', async () => {
    const scratchDir = await privateDir('half-removed');
    const half = join(scratchDir, 'pgparity-Half01');
    const fresh = join(scratchDir, 'pgparity-Half02');
    for (const dir of [half, fresh]) {
      await mkdir(join(dir, 'data', 'base', '1'), { recursive: true });
      await writeFile(join(dir, 'data', 'base', '1', '1259'), '');
    }
    const elevenMinutesAgo = new Date(Date.now() - 11 * 60_000);
    await utimes(half, elevenMinutesAgo, elevenMinutesAgo);
    const r = await runCli(['cleanup'], { env: { PGPARITY_SCRATCH_DIR: scratchDir } });
    expect(r.stdout).toBe(`removed what was left of a scratch server whose removal was cut short: ${half}\n`);
    expect(r.code).toBe(0);
    expect(await serverDirs(scratchDir)).toEqual([fresh]);
  });

  test('a URL scratch database: carries its owner, and the next run on this host drops it in one line', async () => {
    const migrations = await migrationsDir('kill9-url-sleep', 'select pg_sleep(60);\n');
    const run = startCli(['check', '--url', live.url, '--migrations', migrations, '--scratch', targetUrl(scratchAdmin), '--no-cache']);
    await until(
      async () => ((await queryRows(scratchAdmin, "select 1 from pg_stat_activity where query like 'select pg_sleep(60)%'")).length > 0 ? true : undefined),
      'the migration to run',
    );
    run.child.kill('SIGKILL');
    await run.exit;
    const [left] = await scratchDatabases();
    const [{ comment }] = await queryRows<{ comment: string }>(
      scratchAdmin,
      "select shobj_description(oid, 'pg_database') as comment from pg_database where datname = $1",
      [left],
    );
    const owner = JSON.parse(comment) as { pid: number; host: string; started: string };
    expect(owner).toMatchObject({ pid: run.child.pid, host: hostname() });

    const next = await runCli([
      'check',
      '--url',
      live.url,
      '--migrations',
      await migrationsDir('kill9-url-next', 'select 1;\n'),
      '--scratch',
      targetUrl(scratchAdmin),
      '--no-cache',
    ]);
    expect(next.stderr).toBe(
      `pgparity: dropped scratch database ${left} on ${describeTarget(scratchAdmin)}, left by a pgparity run that is gone (pid ${owner.pid} on ${owner.host}, started ${owner.started.replace(/\.\d+Z$/, 'Z')})\n`,
    );
    expect(next.code).toBe(0);
    expect(await scratchDatabases()).toEqual([]);
  });

  test('URL leftovers older than an hour are listed, and pgparity cleanup --scratch URL drops only those', async () => {
    // From another host or an older pgparity: no owner to judge, only the age in the name.
    const old = `pgparity_scratch_${(Date.now() - 2 * 3600_000).toString(36)}_0badc0de`;
    const young = `pgparity_scratch_${Date.now().toString(36)}_00c0ffee`;
    for (const name of [old, young]) await queryRows(scratchAdmin, `create database ${name}`);
    const created = new Date(parseInt(old.split('_')[2]!, 36)).toISOString().replace(/\.\d+Z$/, 'Z');
    const check = await runCli([
      'check',
      '--url',
      live.url,
      '--migrations',
      await migrationsDir('old-url', 'select 1;\n'),
      '--scratch',
      targetUrl(scratchAdmin),
      '--no-cache',
    ]);
    expect(check.stderr).toBe(
      `pgparity: 1 scratch database older than an hour on ${describeTarget(scratchAdmin)} (oldest from ${created}): pgparity cleanup --scratch URL drops them\n`,
    );
    expect(check.code).toBe(0);
    const r = await runCli(['cleanup', '--scratch', targetUrl(scratchAdmin)]);
    expect(r.stdout).toBe(`dropped ${old} (created ${created})\nkept 1 scratch database younger than an hour: a run may still be using it\n`);
    expect(r.code).toBe(0);
    expect(await scratchDatabases()).toEqual([young]);
    await queryRows(scratchAdmin, `drop database ${young}`);
  });
});
