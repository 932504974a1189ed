import { readdir } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The environment of a CLI run in the tests: no database settings; the run's private cache and
 * temporary directory (global setup), never the user's, so the scratch servers it starts, and the
 * leftovers of dead runs it sweeps, are this test run's only.
 */
export function cliEnv(env: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    NO_COLOR: '1',
    ...(process.env.PGPARITY_CACHE_DIR ? { PGPARITY_CACHE_DIR: process.env.PGPARITY_CACHE_DIR } : {}),
    ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}),
    ...env,
  };
}

/**
 * Run the built CLI as a user would (`npm test` builds first), in an environment
 * with no database settings unless the test gives them; `nodeOptions` go to node itself (`--import …`).
 */
export function runCli(
  args: readonly string[],
  { nodeOptions = [], ...options }: { env?: Record<string, string>; cwd?: string; nodeOptions?: readonly string[] } = {},
): Promise<CliResult> {
  const env = cliEnv(options.env);
  return new Promise((resolve) => {
    execFile(process.execPath, [...nodeOptions, BIN, ...args], { env, cwd: options.cwd ?? ROOT, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * What pgparity left in a temp directory: everything but the server binaries staged for root
 * (`pgparity-runtime-*`, a cache kept on purpose when the checkout is closed to `postgres`).
 */
export async function scratchEntries(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => !name.startsWith('pgparity-runtime-'));
}
