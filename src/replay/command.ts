import { spawn, type ChildProcess } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { redactConnectionString, targetUrl, type ConnectionTarget } from '../db/target.js';
import { ConfigError, ReplayError } from '../model/errors.js';
import { onCleanup } from '../scratch/cleanup.js';
import type { ScratchDatabase } from '../scratch/provider.js';
import { OutputTail } from './output-tail.js';

export interface ReplayCommandOptions {
  /** Where the command runs: the project root, where `alembic.ini` or `prisma/` is. */
  readonly cwd: string;
  /** Each line the command prints (stdout and stderr), password already redacted. */
  onOutput?(line: string): void;
  /** Aborting kills the command and everything it started. */
  readonly signal?: AbortSignal;
  /** The scratch server it runs against (`embedded PostgreSQL 18.4`), named when it fails. */
  readonly server?: string;
}

/** Lines of output shown when the command fails. */
const EXCERPT_LINES = 20;
/** Time a killed command gets to exit on SIGTERM before SIGKILL. */
const KILL_GRACE_MS = 3_000;

/**
 * Run a framework's own migrate command (`alembic upgrade head`, `npx prisma migrate
 * deploy`) through the shell, with every usual connection variable pointing at the
 * scratch database. A non-zero exit becomes a one-line `ReplayError`.
 */
export async function runReplayCommand(command: string, db: ScratchDatabase, options: ReplayCommandOptions): Promise<void> {
  const shown = redactConnectionString(command.trim());
  if (shown === '') throw new ConfigError('the replay command is empty: pass your migrate command, e.g. --replay-cmd "alembic upgrade head"');
  const isDirectory = await stat(options.cwd).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDirectory) throw new ConfigError(`cannot run the replay command in ${options.cwd}: no such directory`);
  if (options.signal?.aborted) throw new ReplayError(`replay command "${shown}" was interrupted`);

  const target = db.clientTarget;
  const tail = new OutputTail(target.password ? [target.password, encodeURIComponent(target.password)] : []);
  // Its own process group, so that one signal reaches the shell and everything it started.
  const child = spawn('/bin/sh', ['-c', command], {
    cwd: options.cwd,
    env: replayEnvironment(target),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = (): Promise<void> => killGroup(child);
  const unregister = onCleanup(stop);
  const onAbort = (): void => void stop();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  // Even an abrupt exit of ours must not leave the command running against a dropped database.
  const onExit = (): void => signalGroup(child, 'SIGKILL');
  process.on('exit', onExit);

  child.stdout.on('data', (chunk: Buffer) => tail.write('stdout', chunk, options.onOutput));
  child.stderr.on('data', (chunk: Buffer) => tail.write('stderr', chunk, options.onOutput));
  try {
    const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code, signal) => resolve({ code, signal }));
    });
    tail.end(options.onOutput);
    if (options.signal?.aborted) throw new ReplayError(`replay command "${shown}" was interrupted`, undefined, tail.excerpt(EXCERPT_LINES));
    if (code === 0) return;
    throw commandFailure(shown, code, signal, tail, options.server);
  } catch (error) {
    if (error instanceof ReplayError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new ReplayError(`replay command "${shown}" could not be started: ${tail.redact(message)}`);
  } finally {
    // Whatever the shell left running in the background goes with it.
    signalGroup(child, 'SIGTERM');
    process.off('exit', onExit);
    options.signal?.removeEventListener('abort', onAbort);
    unregister();
  }
}

/** process.env, with every usual way of naming a database pointed at `target`. */
export function replayEnvironment(target: ConnectionTarget): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // A service file or fixed address would win over PGHOST and could reach a real database.
  for (const name of ['PGSERVICE', 'PGSERVICEFILE', 'PGHOSTADDR', 'PGPASSWORD', 'PGSSLMODE', 'PGREQUIRESSL', 'PGSSLROOTCERT', 'PGSSLCERT', 'PGSSLKEY'])
    delete env[name];
  const tls = target.ssl;
  // prefer is libpq's own default: said only when it is something else.
  const sslmode = tls?.mode === 'prefer' ? undefined : tls?.mode;
  const url = targetUrl(target) + (sslmode ? `?sslmode=${sslmode}` : '');
  const port = String(target.port);
  Object.assign(env, {
    DATABASE_URL: url,
    PGHOST: target.host,
    PGPORT: port,
    PGUSER: target.user,
    PGDATABASE: target.database,
    POSTGRES_HOST: target.host,
    POSTGRES_PORT: port,
    POSTGRES_USER: target.user,
    POSTGRES_DB: target.database,
    POSTGRES_DATABASE: target.database,
    ...(target.password !== undefined ? { PGPASSWORD: target.password, POSTGRES_PASSWORD: target.password } : {}),
    ...(sslmode ? { PGSSLMODE: sslmode } : {}),
    ...(tls?.rootCert ? { PGSSLROOTCERT: tls.rootCert } : {}),
    ...(tls?.cert ? { PGSSLCERT: tls.cert } : {}),
    ...(tls?.key ? { PGSSLKEY: tls.key } : {}),
  });
  return env;
}

function commandFailure(shown: string, code: number | null, signal: NodeJS.Signals | null, tail: OutputTail, server: string | undefined): ReplayError {
  const excerpt = tail.excerpt(EXCERPT_LINES);
  // The database's error, not a traceback's last line; then which migration and which server.
  const cause = tail.databaseError() || tail.lastErrorLine();
  const migration = tail.runningMigration();
  const context = [migration ? `in migration ${migration}` : '', server ? `on ${server}` : ''].filter((part) => part !== '').join(' ');
  const because = `${cause ? `: ${cause}` : ''}${context ? ` (${context})` : ''}`;
  if (code === 127) {
    return new ReplayError(
      `replay command "${shown}" failed: command not found (exit code 127)${because} — check that the tool is installed and on PATH in this directory`,
      undefined,
      excerpt,
    );
  }
  if (code === 126) {
    return new ReplayError(`replay command "${shown}" failed: not executable (exit code 126)${because} — check the file's permissions`, undefined, excerpt);
  }
  if (code === null) return new ReplayError(`replay command "${shown}" was killed by ${signal ?? 'a signal'}${because}`, undefined, excerpt);
  return new ReplayError(`replay command "${shown}" exited with code ${code}${because}`, undefined, excerpt);
}

/** SIGTERM the command's process group, SIGKILL it if it is still there after a grace period. */
async function killGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signalGroup(child, 'SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), KILL_GRACE_MS)));
  if (await Promise.race([exited.then(() => false), graceOver])) signalGroup(child, 'SIGKILL');
  clearTimeout(timer);
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}
