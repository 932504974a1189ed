import { execFile } from 'node:child_process';
import { targetUrl, type ConnectionTarget } from '../../src/db/target.js';

/** Run a shell command in `cwd` (a framework's CLI, an ORM script); rejects with its output when it fails. */
export function runShell(command: string, cwd: string, env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('/bin/sh', ['-c', command], { cwd, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} failed: ${stderr || stdout}`));
      else resolve(stdout);
    });
  });
}

/** Why a framework is not available (the last line its probe printed), or undefined when it is. */
export async function missingRequirement(command: string, cwd: string): Promise<string | undefined> {
  return runShell(command, cwd).then(
    () => undefined,
    (error: Error) =>
      error.message
        .split('\n')
        .filter((l) => l.trim() !== '')
        .at(-1) ?? error.message,
  );
}

/** A URL every client reads (SQLAlchemy passes a percent-encoded socket directory on as a host name): the socket as `?host=`. */
export function clientUrl(target: ConnectionTarget): string {
  if (!target.host.startsWith('/')) return targetUrl(target);
  const auth = `${encodeURIComponent(target.user)}${target.password ? `:${encodeURIComponent(target.password)}` : ''}`;
  return `postgresql://${auth}@/${encodeURIComponent(target.database)}?host=${encodeURIComponent(target.host)}&port=${target.port}`;
}
