/** Timing helpers shared by the benchmark sections. */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

export interface Stats {
  readonly min: number;
  readonly median: number;
  readonly max: number;
}

export function stats(values: readonly number[]): Stats {
  if (values.length === 0) return { min: Number.NaN, median: Number.NaN, max: Number.NaN };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { min: sorted[0]!, median, max: sorted[sorted.length - 1]! };
}

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(3)} s`;
export const mib = (n: number): string => `${n.toFixed(1)} MiB`;
export const ratio = (r: number): string => `${r.toFixed(2)}×`;

/** One row of min / median / max, in seconds. */
export function row(label: string, s: Stats, note = ''): string {
  return `  ${label.padEnd(52)}${seconds(s.min).padStart(10)}${seconds(s.median).padStart(10)}${seconds(s.max).padStart(10)}${note ? `  ${note}` : ''}`;
}

export function header(): string {
  return `  ${''.padEnd(52)}${'min'.padStart(10)}${'median'.padStart(10)}${'max'.padStart(10)}`;
}

export interface ProcessRun {
  readonly ms: number;
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run a program to its end and time it from spawn to exit (wall time, as a user waits for it). */
export function runProcess(command: string, args: readonly string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<ProcessRun> {
  const start = performance.now();
  const child = spawn(command, args, { env: options.env ?? process.env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ ms: performance.now() - start, code, stdout, stderr }));
  });
}

/** Like runProcess, but a non-zero exit is an error (with the end of its stderr). */
export async function runChecked(
  command: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; okCodes?: readonly number[] } = {},
): Promise<ProcessRun> {
  const result = await runProcess(command, args, options);
  if (!(options.okCodes ?? [0]).includes(result.code ?? -1)) {
    throw new Error(`${command} ${args.slice(0, 2).join(' ')} … exited with ${result.code}: ${result.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  }
  return result;
}
