import type { Snapshot } from '../model/snapshot.js';
import type { SessionLimits } from '../db/connect.js';
import type { ScratchSpec } from '../scratch/index.js';
import { ScratchPool } from '../source/scratch-pool.js';
import { loadSource } from '../source/load.js';
import type { SourceSpec } from '../source/spec.js';

export interface SnapshotSettings {
  readonly source: SourceSpec;
  readonly scratch: ScratchSpec;
  readonly limits?: SessionLimits;
  readonly schemas?: readonly string[];
  readonly excludeSchemas?: readonly string[];
  readonly defaultPassword?: string;
  readonly progress?: (message: string) => void;
}

/** Read any SOURCE into a snapshot (e.g. to commit as the expected schema). */
export async function takeSnapshot(settings: SnapshotSettings): Promise<Snapshot> {
  const scratch = new ScratchPool(settings.scratch);
  try {
    const loaded = await loadSource(settings.source, {
      scratch,
      ...(settings.limits ? { limits: settings.limits } : {}),
      ...(settings.schemas ? { schemas: settings.schemas } : {}),
      ...(settings.excludeSchemas ? { excludeSchemas: settings.excludeSchemas } : {}),
      ...(settings.defaultPassword ? { defaultPassword: settings.defaultPassword } : {}),
      ...(settings.progress ? { progress: settings.progress } : {}),
    });
    return loaded.snapshot;
  } finally {
    await scratch.close();
  }
}
