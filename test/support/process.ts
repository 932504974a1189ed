import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type pg from 'pg';
import { connect } from '../../src/db/connect.js';
import type { ConnectionTarget } from '../../src/db/target.js';
import { cliEnv, ROOT } from './cli.js';

export interface RunningCli {
  readonly child: ChildProcess;
  stderr(): string;
  readonly exit: Promise<number | null>;
}

/** Start the built CLI in the background, to signal or kill it while it works. */
export function startCli(args: readonly string[], env: Record<string, string> = {}): RunningCli {
  const child = spawn(process.execPath, [join(ROOT, 'dist/cli/main.js'), ...args], {
    env: cliEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  child.stdout!.resume();
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stderr: () => stderr, exit };
}

/** Poll `probe` until it returns something (a minute at most). */
export async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const found = await probe().catch(() => undefined);
    if (found !== undefined) return found;
    await delay(100);
  }
  throw new Error(`gave up waiting for ${what}`);
}

export async function queryRows<Row extends pg.QueryResultRow>(target: ConnectionTarget, sql: string, values?: unknown[]): Promise<Row[]> {
  const client = await connect(target, { readOnly: false });
  try {
    return (await client.query<Row>(sql, values)).rows;
  } finally {
    await client.end();
  }
}
