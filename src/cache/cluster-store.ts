import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { ensureDir, evict, stagingName, touch, writeAtomically } from './files.js';

/**
 * Gzip at level 1: a cluster of thousands of empty relations is mostly zeros (a 5,000-table one
 * shrinks from about 380 MB to about 25 MB), and level 1 costs little CPU, spent off the main thread.
 */
const GZIP_LEVEL = 1;
const ARCHIVE = '.tar.gz';
const META = '.json';
const META_FORMAT = 1;
/** WAL segment files: 24 hex digits. */
const WAL_SEGMENT = /^[0-9A-F]{24}$/;
/** Slack for file-time granularity when telling the shutdown's WAL from older segments. */
const WAL_SLACK_MS = 2_000;

/** A saved embedded cluster holding a replayed prefix of a migration history. */
export interface SavedCluster {
  /** The prefix-chain link it was saved under. */
  readonly key: string;
  /** How many migrations, from the first, it holds. */
  readonly migrations: number;
  /** The database the migrations were replayed into. */
  readonly database: string;
  /** Its superuser password (throwaway, and the cache directory is its owner's only). */
  readonly password: string;
  readonly archive: string;
}

interface Meta {
  readonly format: number;
  readonly migrations: number;
  readonly database: string;
  readonly password: string;
}

/**
 * Data directories of stopped embedded clusters, one tar archive per prefix-chain link. An archive
 * is one file renamed into place when complete, so a reader never sees half of one, and a reader
 * that has opened it keeps reading it whole even if another run evicts it meanwhile.
 */
export class ClusterStore {
  constructor(
    private readonly dir: string,
    private readonly keep = 3,
  ) {}

  /** The saved cluster holding the longest prefix of `chain` (chain[k] = after k migrations), if any. */
  async longest(chain: readonly string[]): Promise<SavedCluster | undefined> {
    const names = new Set(await readdir(this.dir).catch(() => [] as string[]));
    for (let k = chain.length - 1; k > 0; k--) {
      const key = chain[k]!;
      if (!names.has(`${key}${ARCHIVE}`) || !names.has(`${key}${META}`)) continue;
      const meta = await this.readMeta(key);
      if (!meta || meta.migrations !== k) continue;
      const archive = join(this.dir, `${key}${ARCHIVE}`);
      await touch(archive);
      return { key, migrations: k, database: meta.database, password: meta.password, archive };
    }
    return undefined;
  }

  /** Unpack a saved cluster into the empty data directory `pgdata`, owners and modes kept. */
  async extract(saved: SavedCluster, pgdata: string): Promise<void> {
    await tar(['-xpf', '-', '-C', pgdata], (stdin, stdout) => {
      stdout.resume();
      return pipeline(createReadStream(saved.archive), createGunzip(), stdin);
    });
  }

  /** Forget a saved cluster that would not start. */
  async discard(saved: SavedCluster): Promise<void> {
    await rm(saved.archive, { force: true });
    await rm(join(this.dir, `${saved.key}${META}`), { force: true });
  }

  /**
   * Save the cleanly stopped cluster in `pgdata` (about to be removed) under `key`. `stoppedAfter`
   * is when its shutdown began: WAL segments older than that are not needed to start it again.
   */
  async save(key: string, pgdata: string, meta: Omit<Meta, 'format'>, stoppedAfter: number): Promise<void> {
    await ensureDir(this.dir);
    await dropOldWal(join(pgdata, 'pg_wal'), stoppedAfter - WAL_SLACK_MS);
    const archive = join(this.dir, `${key}${ARCHIVE}`);
    const staged = stagingName(archive);
    try {
      await tar(['-cf', '-', '-C', pgdata, '.'], (stdin, stdout) => {
        stdin.end();
        return pipeline(stdout, createGzip({ level: GZIP_LEVEL }), createWriteStream(staged, { mode: 0o600 }));
      });
      await writeAtomically(join(this.dir, `${key}${META}`), JSON.stringify({ format: META_FORMAT, ...meta }));
      await rename(staged, archive);
    } catch (error) {
      await rm(staged, { force: true });
      throw error;
    }
    await evict(this.dir, ARCHIVE, [META], this.keep);
  }

  private async readMeta(key: string): Promise<Meta | undefined> {
    try {
      const meta = JSON.parse(await readFile(join(this.dir, `${key}${META}`), 'utf8')) as Partial<Meta>;
      const valid = meta.format === META_FORMAT && Number.isInteger(meta.migrations) && typeof meta.database === 'string' && typeof meta.password === 'string';
      return valid ? (meta as Meta) : undefined;
    } catch {
      return undefined;
    }
  }
}

/**
 * Run tar with its archive on a pipe; resolves once both the data and tar itself have finished
 * well. tar may stop reading an archive at its end-of-archive blocks, before the padding after them
 * has been written to it: writing into tar then fails, which is harmless when tar exited with 0.
 */
async function tar(args: readonly string[], pipe: (stdin: Writable, stdout: Readable) => Promise<void>): Promise<void> {
  const child = spawn('tar', args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve, reject) => child.once('error', reject).once('close', resolve));
  const piped = pipe(child.stdin, child.stdout).then(
    () => undefined,
    (error: unknown) => error as NodeJS.ErrnoException,
  );
  const code = await exited;
  const pipeError = await piped;
  const stoppedReading = args[0]!.startsWith('-x') && code === 0 && (pipeError?.code === 'EPIPE' || pipeError?.code === 'ERR_STREAM_PREMATURE_CLOSE');
  if (pipeError && !stoppedReading) throw pipeError;
  if (code !== 0) throw new Error(`tar ${args[0]} exited with ${code}: ${stderr.trim().split('\n').at(-1) ?? ''}`);
}

/**
 * After a clean shutdown the server starts from its last checkpoint record alone, which the
 * shutdown wrote: segments not written since then are recycled leftovers, often hundreds of MB.
 * (Should this ever drop too much, the restored server refuses to start and the replay runs in full.)
 */
async function dropOldWal(walDir: string, before: number): Promise<void> {
  for (const name of await readdir(walDir)) {
    if (!WAL_SEGMENT.test(name)) continue;
    const info = await stat(join(walDir, name));
    if (info.mtimeMs < before) await rm(join(walDir, name), { force: true });
  }
}
