import type { CatalogObject } from './objects.js';

export const SNAPSHOT_FORMAT_VERSION = 1;

/** Which server produced a snapshot, and how it was reached. */
export interface ServerInfo {
  /** `18.4`, as the server reports `server_version`. */
  readonly version: string;
  readonly versionNum: number;
}

/**
 * Everything pgparity read from one database, in deterministic order: the same
 * database always gives a byte-identical JSON file.
 */
export interface Snapshot {
  readonly formatVersion: typeof SNAPSHOT_FORMAT_VERSION;
  /** Where it came from, credentials removed: `postgres://app@db/prod`, `migrations:db/migrations`. */
  readonly source: string;
  readonly server: ServerInfo;
  /** Sorted by kind (in OBJECT_KINDS order), then key. */
  readonly objects: readonly CatalogObject[];
}
