import type { ReplaySchemas } from '../replay/search-path.js';
import type { Snapshot } from '../model/snapshot.js';
import type { SessionLimits } from '../db/connect.js';
import type { ScratchSpec } from '../scratch/index.js';
import { ScratchPool } from '../source/scratch-pool.js';
import { loadOptions, loadSource, type ReadFilter } from '../source/load.js';
import type { SourceSpec } from '../source/spec.js';

export interface SnapshotSettings extends ReadFilter {
  readonly source: SourceSpec;
  readonly scratch: ScratchSpec;
  readonly limits?: SessionLimits;
  readonly defaultPassword?: string;
  readonly progress?: (message: string) => void;
  /** Said once, at the time, on stderr: e.g. which server binaries are being fetched and where. */
  readonly notice?: (line: string) => void;
  /** Reuse what an earlier run replayed from the same migration files (default: true; `--no-cache`). */
  readonly cache?: boolean;
  /** `--search-path`: the schemas a migrations replay runs in, over what Flyway's settings say. */
  readonly searchPath?: ReplaySchemas | undefined;
}

/** Read any SOURCE into a snapshot (e.g. to commit as the expected schema). */
export async function takeSnapshot(settings: SnapshotSettings): Promise<Snapshot> {
  const scratch = new ScratchPool(settings.scratch, settings.notice);
  try {
    const loaded = await loadSource(settings.source, loadOptions(settings, scratch));
    return loaded.snapshot;
  } finally {
    await scratch.close();
  }
}
