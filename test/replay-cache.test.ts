import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { check } from '../src/commands/check.js';
import { cacheDir } from '../src/config/cache-dir.js';
import { targetUrl } from '../src/db/target.js';
import { ReplayError } from '../src/model/errors.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

/**
 * The replay cache (src/cache): reused only while every cached file is unchanged. What was reused
 * is read from the returned metadata (`expected.replayCache`), never from timing.
 */
let live: TestDatabase;
let dir: string;
let migrations: string;
const realCacheDir = cacheDir();
const runCacheDir = process.env.PGPARITY_CACHE_DIR;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pgparity-cache-test-'));
  migrations = join(dir, 'migrations');
  await mkdir(migrations);
  // A private cache per run; the initdb templates are shared so no test waits for initdb.
  const cache = join(dir, 'cache');
  await mkdir(join(realCacheDir, 'initdb'), { recursive: true, mode: 0o700 });
  await mkdir(cache, { mode: 0o700 });
  await symlink(join(realCacheDir, 'initdb'), join(cache, 'initdb'));
  process.env.PGPARITY_CACHE_DIR = cache;
  // These histories replay in milliseconds; save their clusters anyway to test prefix reuse.
  process.env.PGPARITY_CLUSTER_MIN_REPLAY_MS = '0';
  live = await createTestDatabase();
});
afterAll(async () => {
  if (runCacheDir === undefined) delete process.env.PGPARITY_CACHE_DIR;
  else process.env.PGPARITY_CACHE_DIR = runCacheDir;
  delete process.env.PGPARITY_CLUSTER_MIN_REPLAY_MS;
  await live?.drop();
  await rm(dir, { recursive: true, force: true });
});

async function writeMigration(name: string, sql: string): Promise<void> {
  await writeFile(join(migrations, name), sql);
}

function run(options: { cache?: boolean; replayCommand?: string } = {}) {
  return check({
    url: targetUrl(live.target),
    env: {},
    cwd: dir,
    scratch: { type: 'embedded' },
    ...(options.replayCommand ? { replayCommand: options.replayCommand } : { migrations }),
    ...(options.cache === false ? { cache: false } : {}),
  });
}

const objectsOf = (result: Awaited<ReturnType<typeof run>>) => JSON.stringify(result.expected.snapshot.objects);

describe('replay cache', () => {
  test('unchanged files: the cached snapshot, nothing replayed; appended: only the new file; edited: all of it', async () => {
    await writeMigration('001_users.sql', 'create table users (id bigint generated always as identity primary key, email text not null);\n');
    await writeMigration(
      '002_orders.sql',
      'create table orders (id bigint primary key, user_id bigint references users);\ncreate index on orders (user_id);\n',
    );
    await live.exec(
      'create table users (id bigint generated always as identity primary key, email text not null);' +
        'create table orders (id bigint primary key, user_id bigint references users); create index on orders (user_id);',
    );

    const first = await run();
    expect(first.expected.replayCache).toEqual({ outcome: 'miss', reused: 0, replayed: 2 });
    expect(first.report.verdict).toBe('parity');

    const second = await run();
    expect(second.expected.replayCache).toEqual({ outcome: 'snapshot', reused: 2, replayed: 0 });
    expect(second.report).toEqual(first.report);
    expect(objectsOf(second)).toBe(objectsOf(first));

    // Appended: the saved cluster of the first two files is the starting point.
    await writeMigration('003_notes.sql', 'alter table users add column note text;\n');
    await live.exec('alter table users add column note text');
    const appended = await run();
    expect(appended.expected.replayCache).toEqual({ outcome: 'cluster', reused: 2, replayed: 1 });
    expect(appended.report.verdict).toBe('parity');
    // Exactly what a full replay gives.
    const full = await run({ cache: false });
    expect(full.expected.replayCache).toBeUndefined();
    expect(objectsOf(appended)).toBe(objectsOf(full));

    // An early file edited: nothing cached after it may be used, so everything replays.
    await writeMigration('001_users.sql', 'create table users (id bigint generated always as identity primary key, email text);\n');
    const edited = await run();
    expect(edited.expected.replayCache).toEqual({ outcome: 'miss', reused: 0, replayed: 3 });
    expect(edited.report.findings).toEqual([
      expect.objectContaining({
        change: 'changed',
        kind: 'column',
        key: 'public.users.email',
        message: 'column public.users.email is NOT NULL in live, nullable in migrations',
      }),
    ]);

    // Putting the old content back finds the old snapshot again.
    await writeMigration('001_users.sql', 'create table users (id bigint generated always as identity primary key, email text not null);\n');
    expect((await run()).expected.replayCache).toEqual({ outcome: 'snapshot', reused: 3, replayed: 0 });
  });

  test('a history that fails to replay is never cached', async () => {
    await writeMigration('004_bad.sql', 'alter table nowhere add column x int;\n');
    for (let i = 0; i < 2; i++) await expect(run()).rejects.toBeInstanceOf(ReplayError);
    await rm(join(migrations, '004_bad.sql'));
  });

  test('--no-cache and --replay-cmd neither read nor write the cache', async () => {
    const before = await readdir(join(process.env.PGPARITY_CACHE_DIR!, 'replay', 'snapshots'));
    const off = await run({ cache: false });
    expect(off.expected.replayCache).toBeUndefined();
    const command = await run({ replayCommand: 'true' });
    expect(command.expected.replayCache).toBeUndefined();
    expect(await readdir(join(process.env.PGPARITY_CACHE_DIR!, 'replay', 'snapshots'))).toEqual(before);
  });

  test('a history that replays faster than PGPARITY_CLUSTER_MIN_REPLAY_MS keeps no cluster: appending replays it all', async () => {
    process.env.PGPARITY_CLUSTER_MIN_REPLAY_MS = '60000';
    try {
      // A first file no earlier test saved a cluster for.
      const files = await readdir(migrations);
      for (const file of files) await rm(join(migrations, file));
      await writeMigration('001_tags.sql', 'create table tags (name text primary key);\n');
      const first = await run();
      expect(first.expected.replayCache).toEqual({ outcome: 'miss', reused: 0, replayed: 1 });
      await writeMigration('002_more.sql', 'alter table tags add column color text;\n');
      expect((await run()).expected.replayCache).toEqual({ outcome: 'miss', reused: 0, replayed: 2 });
    } finally {
      process.env.PGPARITY_CLUSTER_MIN_REPLAY_MS = '0';
    }
  });
});
