import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { SNAPSHOT_FORMAT_VERSION, type Snapshot } from '../model/snapshot.js';
import { ensureDir, evict, touch, writeAtomically } from './files.js';

const SUFFIX = '.json';
const ENTRY_FORMAT = 1;

/** What is kept of a replayed source: its snapshot, and whatever else was read with it (JSON values). */
export interface StoredRead {
  readonly snapshot: Snapshot;
  readonly [other: string]: unknown;
}

/** Reads of replayed histories, one file per key; the most recently used few are kept. */
export class SnapshotStore {
  constructor(
    private readonly dir: string,
    private readonly keep = 8,
  ) {}

  async read(key: string): Promise<StoredRead | undefined> {
    const path = join(this.dir, `${key}${SUFFIX}`);
    const text = await readFile(path, 'utf8').catch(() => undefined);
    if (text === undefined) return undefined;
    try {
      const entry = JSON.parse(text) as { format?: unknown; read?: StoredRead };
      const snapshot = entry.read?.snapshot;
      if (entry.format !== ENTRY_FORMAT || snapshot?.formatVersion !== SNAPSHOT_FORMAT_VERSION || !Array.isArray(snapshot.objects)) {
        throw new Error('not a cache entry');
      }
      await touch(path);
      return entry.read;
    } catch {
      // Not ours, or cut short: a miss, and no longer in the way.
      await rm(path, { force: true });
      return undefined;
    }
  }

  async write(key: string, read: StoredRead): Promise<void> {
    await ensureDir(this.dir);
    await writeAtomically(join(this.dir, `${key}${SUFFIX}`), JSON.stringify({ format: ENTRY_FORMAT, read }));
    await evict(this.dir, SUFFIX, [], this.keep);
  }
}
