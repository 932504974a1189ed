import { readdir, readFile, readlink, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { connect } from '../db/connect.js';
import { describeTarget, type ConnectionTarget } from '../db/target.js';
import { currentOwner, describeOwner, ownerIsGone, parseOwner, type ScratchOwner } from './owner.js';
import { dropDatabaseOn, SCRATCH_PREFIX } from './server-admin.js';
import { removeTree } from './remove-tree.js';

/** Beside the data directory of every embedded scratch server: who started it. */
const OWNER_FILE = 'pgparity-owner.json';
/** What an embedded scratch server's directory is called (mkdtemp adds six characters). */
const SERVER_DIR = /^pgparity-[A-Za-z0-9]{6}$/;

export async function writeOwner(serverDir: string): Promise<void> {
  await writeFile(join(serverDir, OWNER_FILE), `${JSON.stringify(currentOwner())}\n`);
}

/** A directory of a scratch server's without an owner file is one whose removal was cut short after this long. */
const HALF_REMOVED_AFTER_MS = 10 * 60_000;

/**
 * Remove the embedded scratch servers under `root` whose owner died on this host without
 * cleaning up (kill -9, an OOM kill, a power cut of the runner): stop the server if it still
 * runs, delete its directory. Also the directories whose removal was cut short before the
 * owner file went (older ones). Returns one line per server removed.
 */
export async function removeLeftoverServers(root: string): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(root).catch(() => [] as string[])) {
    if (!SERVER_DIR.test(name)) continue;
    const dir = join(root, name);
    const text = await readFile(join(dir, OWNER_FILE), 'utf8').catch(() => undefined);
    const owner = parseOwner(text);
    if (owner) {
      if (!(await ownerIsGone(owner))) continue;
      await stopPostmaster(join(dir, 'data'));
      await removeServerDirectory(dir);
      removed.push(`removed a scratch server left by a pgparity run that is gone (${describeOwner(owner)}): ${dir}`);
    } else if (text === undefined && (await halfRemoved(dir))) {
      await removeTree(dir);
      removed.push(`removed what was left of a scratch server whose removal was cut short: ${dir}`);
    }
  }
  return removed;
}

/**
 * Remove a scratch server's directory (`writeOwner`'s), the data directory first: a run killed
 * while removing it leaves the owner file, by which a later run removes the rest.
 */
export async function removeServerDirectory(dir: string): Promise<void> {
  await removeTree(join(dir, 'data'));
  await removeTree(dir);
}

/** No owner file for a while, and no server running in it. */
async function halfRemoved(dir: string): Promise<boolean> {
  const info = await stat(dir).catch(() => undefined);
  if (!info || Date.now() - info.mtimeMs < HALF_REMOVED_AFTER_MS) return false;
  return (await runningPostmaster(join(dir, 'data'))) === undefined;
}

/** The pid of the postmaster running in `pgdata`, if any. */
async function runningPostmaster(pgdata: string): Promise<number | undefined> {
  const pid = Number((await readFile(join(pgdata, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  // The pid may have been reused since: a postmaster's working directory is its data directory.
  return (await readlink(`/proc/${pid}/cwd`).catch(() => undefined)) === pgdata ? pid : undefined;
}

/** Stop the postmaster running in `pgdata`, if any: an immediate shutdown, then SIGKILL. */
async function stopPostmaster(pgdata: string): Promise<void> {
  const pid = await runningPostmaster(pgdata);
  if (pid === undefined) return;
  for (const signal of ['SIGQUIT', 'SIGKILL'] as const) {
    if (!signalled(pid, signal)) return;
    for (let i = 0; i < 50; i++) {
      if (!signalled(pid, 0)) return;
      await delay(100);
    }
  }
}

function signalled(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** A `pgparity_scratch_*` database on a server used as `--scratch URL`. */
export interface LeftoverDatabase {
  readonly name: string;
  /** When it was created (from its name). */
  readonly created: Date;
  /** Who created it (its COMMENT), when recorded. */
  readonly owner?: ScratchOwner;
  /** Its owner ran on this host and is gone: nobody will drop it. */
  readonly ownerGone: boolean;
}

/** The comment pgparity puts on each scratch database it creates. */
export function ownerComment(): string {
  return JSON.stringify(currentOwner());
}

/** Every `pgparity_scratch_*` database on the server behind `admin`, oldest first. */
export async function listScratchDatabases(admin: ConnectionTarget): Promise<LeftoverDatabase[]> {
  const client = await connect(admin, { readOnly: true });
  try {
    const { rows } = await client.query<{ datname: string; comment: string | null }>(
      `select datname, shobj_description(oid, 'pg_database') as comment from pg_database where datname like $1 order by datname`,
      [`${SCRATCH_PREFIX}\\_%`],
    );
    const found: LeftoverDatabase[] = [];
    for (const row of rows) {
      const stamp = /^pgparity_scratch_([0-9a-z]+)_[0-9a-f]+$/.exec(row.datname)?.[1];
      if (stamp === undefined) continue;
      const owner = parseOwner(row.comment);
      found.push({
        name: row.datname,
        created: new Date(parseInt(stamp, 36)),
        ...(owner ? { owner } : {}),
        ownerGone: owner ? await ownerIsGone(owner) : false,
      });
    }
    return found.sort((a, b) => a.created.getTime() - b.created.getTime());
  } finally {
    await client.end();
  }
}

/**
 * On opening a `--scratch URL` server: drop what a dead run of ours on this host left there and
 * say so, and point at `pgparity cleanup` for older leftovers whose owner we cannot judge.
 */
export async function sweepScratchDatabases(admin: ConnectionTarget, now = Date.now()): Promise<string[]> {
  const lines: string[] = [];
  const old: LeftoverDatabase[] = [];
  for (const db of await listScratchDatabases(admin)) {
    if (db.ownerGone && db.owner) {
      await dropDatabaseOn(admin, db.name);
      lines.push(`dropped scratch database ${db.name} on ${describeTarget(admin)}, left by a pgparity run that is gone (${describeOwner(db.owner)})`);
    } else if (now - db.created.getTime() > LEFTOVER_AGE_MS) {
      old.push(db);
    }
  }
  if (old.length > 0) {
    const oldest = old[0]!.created.toISOString().replace(/\.\d+Z$/, 'Z');
    lines.push(
      `${old.length} scratch database${old.length === 1 ? '' : 's'} older than an hour on ${describeTarget(admin)} (oldest from ${oldest}): pgparity cleanup --scratch URL drops them`,
    );
  }
  return lines;
}

/** Scratch databases older than this are leftovers: no replay runs that long. */
export const LEFTOVER_AGE_MS = 60 * 60 * 1000;

/**
 * `pgparity cleanup` on a URL scratch server: drop the `pgparity_scratch_*` databases older than
 * an hour, and younger ones whose owner on this host is gone. Returns one line per database
 * dropped, and one for those kept.
 */
export async function dropLeftoverDatabases(admin: ConnectionTarget, now = Date.now()): Promise<string[]> {
  const lines: string[] = [];
  let kept = 0;
  for (const db of await listScratchDatabases(admin)) {
    const old = now - db.created.getTime() > LEFTOVER_AGE_MS;
    if (!old && !db.ownerGone) {
      kept++;
      continue;
    }
    await dropDatabaseOn(admin, db.name);
    const why = db.ownerGone ? 'its pgparity run is gone' : `created ${db.created.toISOString().replace(/\.\d+Z$/, 'Z')}`;
    lines.push(`dropped ${db.name} (${why}${db.owner ? `; ${describeOwner(db.owner)}` : ''})`);
  }
  if (kept > 0)
    lines.push(`kept ${kept} scratch database${kept === 1 ? '' : 's'} younger than an hour: a run may still be using ${kept === 1 ? 'it' : 'them'}`);
  return lines;
}
