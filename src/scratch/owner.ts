import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';

/** Who started a scratch server or database: enough to tell, later, that it died without cleaning up. */
export interface ScratchOwner {
  readonly pid: number;
  readonly host: string;
  /** ISO time the owning process started. */
  readonly started: string;
}

const processStarted = new Date(Date.now() - Math.round(process.uptime() * 1000)).toISOString();

export function currentOwner(): ScratchOwner {
  return { pid: process.pid, host: hostname(), started: processStarted };
}

/** `{ pid, host, started }` from JSON text, or undefined when it is not an owner record. */
export function parseOwner(text: string | null | undefined): ScratchOwner | undefined {
  try {
    const value = JSON.parse(text ?? '') as Partial<ScratchOwner>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.started === 'string') {
      return { pid: value.pid, host: value.host, started: value.started };
    }
  } catch {
    // Not ours.
  }
  return undefined;
}

/**
 * The owner ran on this host and is no longer running: its pid is gone, or now belongs to a
 * process started after the owner (a reused pid). An owner on another host is never judged.
 */
export async function ownerIsGone(owner: ScratchOwner): Promise<boolean> {
  if (owner.host !== hostname()) return false;
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
  const started = await processStartTime(owner.pid);
  // A second of slack: both times are rounded.
  return started !== undefined && started.getTime() > Date.parse(owner.started) + 1_000;
}

/** When process `pid` started (Linux /proc); undefined elsewhere. */
async function processStartTime(pid: number): Promise<Date | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime, in clock ticks since boot); the command name in field 2 may hold spaces.
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    const boot = Number(/^btime (\d+)$/m.exec(await readFile('/proc/stat', 'utf8'))?.[1]);
    // USER_HZ is 100 on every Linux that node runs on.
    return Number.isFinite(ticks) && Number.isFinite(boot) ? new Date((boot + ticks / 100) * 1000) : undefined;
  } catch {
    return undefined;
  }
}

/** `pid 123 on build-7, started 2026-01-01T10:00:00Z`: how an owner is named in messages. */
export function describeOwner(owner: ScratchOwner): string {
  return `pid ${owner.pid} on ${owner.host}, started ${owner.started.replace(/\.\d+Z$/, 'Z')}`;
}
