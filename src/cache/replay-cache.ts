import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { cacheDir } from '../config/cache-dir.js';
import type { ConnectionTarget } from '../db/target.js';
import type { SideInfo } from '../model/report.js';
import type { Snapshot } from '../model/snapshot.js';
import { maxLocksFor, replayMigrations, type Migration, type ReplaySchemas } from '../replay/index.js';
import { embeddedIdentity, startEmbeddedServer, type EmbeddedServer } from '../scratch/embedded.js';
import { ScratchPoolClosed, type ScratchDatabase, type ScratchNeeds, type ScratchServer, type ScratchSpec } from '../scratch/provider.js';
import { embeddedSettingsFor } from '../scratch/index.js';
import { readServerVersion } from '../scratch/server-admin.js';
import { ClusterStore, type SavedCluster } from './cluster-store.js';
import { codeFingerprint } from './fingerprint.js';
import { migrationHashes, prefixChain, snapshotKey, type ReplayIdentity } from './keys.js';
import { SnapshotStore } from './snapshot-store.js';

/** What the cache did for one replayed source. */
export interface ReplayCacheUse {
  /**
   * `snapshot`: the whole history's snapshot was cached, nothing replayed (and no server started
   * for `embedded`); `cluster`: the first `reused` migrations came from a saved cluster; `miss`:
   * replayed from the first migration.
   */
  readonly outcome: 'snapshot' | 'cluster' | 'miss';
  readonly reused: number;
  readonly replayed: number;
}

/** A source as loaded: its snapshot, its side of the report, and anything else read with it (JSON). */
export interface Loaded {
  readonly snapshot: Snapshot;
  readonly side: SideInfo;
  readonly queryCount: number;
}

export interface CachedReplayRequest<T extends Loaded> {
  readonly migrations: readonly Migration[];
  /** The schemas the replay creates and puts first in search_path: part of the key. */
  readonly schemas?: ReplaySchemas | undefined;
  /** How the source is named in the snapshot and report. */
  readonly source: string;
  readonly scratch: ScratchSpec;
  /** The shared scratch server, started on first use (for providers other than `embedded`). */
  readonly server: (needs: ScratchNeeds) => Promise<ScratchServer>;
  /** Starts the embedded server this replay starts itself, so that the caller's cleanup covers it (ScratchPool.adopt). */
  readonly adopt: <S extends { close(): Promise<void> }>(start: () => Promise<S>) => Promise<S>;
  /** Everything that changes what `read` returns for the same database (schema filters, …): part of the key. */
  readonly readOptions: Readonly<Record<string, unknown>>;
  /** Read the catalog of a replayed database. Apart from `side` and `queryCount`, what it returns is cached as JSON. */
  readonly read: (target: ConnectionTarget, provider: string) => Promise<T>;
  readonly progress?: ((message: string) => void) | undefined;
  /** Hand over work that may finish after the result is returned (awaited before the process ends); default: awaited here. */
  readonly defer?: (work: Promise<void>) => void;
  /** Default: `<cache dir>/replay`. */
  readonly dir?: string;
}

/**
 * Replay a migration history into a scratch database and read it, reusing earlier work where it
 * is the same work: the snapshot of an unchanged history (same file contents in the same order,
 * same scratch server, same pgparity code, same schema filters), else, on the embedded server, a
 * saved cluster holding the longest unchanged prefix, so that appended migrations are all that
 * runs. The cache never guesses: any change to a cached file changes every key after it.
 */
export async function replayWithCache<T extends Loaded>(request: CachedReplayRequest<T>): Promise<T & { readonly cache: ReplayCacheUse }> {
  const { migrations, scratch, progress, schemas } = request;
  const root = request.dir ?? join(cacheDir(), 'replay');
  const snapshots = new SnapshotStore(join(root, 'snapshots'));
  const hashes = migrationHashes(migrations);
  const count = plural(migrations.length, 'migration');

  if (scratch.type !== 'embedded') progress?.('starting the scratch PostgreSQL');
  // One file is one transaction: a server pgparity starts gets lock room for the largest.
  const needs: ScratchNeeds = { maxLocksPerTransaction: maxLocksFor(migrations) };
  const shared = scratch.type === 'embedded' ? undefined : await request.server(needs);
  const provider = shared?.provider ?? embeddedProvider(scratch);
  const identity: ReplayIdentity = {
    code: await codeFingerprint(),
    server: shared ? `${shared.provider}|${shared.serverVersion}|${(await shared.fingerprint?.()) ?? ''}` : await embeddedIdentity(embeddedMajor(scratch)),
    ...(schemas ? { schemas: { searchPath: schemas.searchPath, create: schemas.create } } : {}),
  };
  const key = snapshotKey(identity, hashes, request.readOptions);
  const cached = await snapshots.read(key);
  if (cached) {
    progress?.(`reusing the cached snapshot of ${count} (unchanged since the last replay)`);
    const snapshot = { ...cached.snapshot, source: request.source };
    return {
      ...(cached as unknown as T),
      snapshot,
      side: { source: request.source, serverVersion: snapshot.server.version, provider },
      queryCount: 0,
      cache: { outcome: 'snapshot', reused: migrations.length, replayed: 0 },
    };
  }

  let loaded: T;
  let reused = 0;
  let replayMs = 0;
  if (shared) {
    const db = await shared.createDatabase();
    replayProgress(request, shared, 0);
    await replayMigrations(db.target, migrations, { schemas, onProgress: (done, total) => progress?.(`replaying migrations ${done}/${total}`) });
    loaded = await request.read(db.target, provider);
  } else {
    const clusters = new ClusterStore(join(root, 'clusters'));
    const chain = prefixChain(identity, hashes);
    const started = await startFromLongestPrefix(clusters, chain, embeddedMajor(scratch), needs, request);
    reused = started.reused;
    const { server, db } = started;
    try {
      replayProgress(request, server, reused);
      const replayStarted = performance.now();
      await replayMigrations(db.target, migrations.slice(reused), {
        schemas,
        onProgress: (done) => progress?.(`replaying migrations ${reused + done}/${migrations.length}`),
      });
      replayMs = performance.now() - replayStarted;
      loaded = await request.read(db.target, provider);
    } catch (error) {
      await server.close();
      throw error;
    }
    // Restoring a saved cluster costs about a second more than a fresh start: a history that
    // replays faster than that from scratch is not worth an archive (a restored one always is).
    const worthSaving = reused > 0 || replayMs >= clusterMinReplayMs();
    // Saving (a clean shutdown, then an archive) overlaps with whatever the caller does next.
    const saving = worthSaving ? saveCluster(server, clusters, chain, db, migrations.length, reused) : server.close();
    if (request.defer) request.defer(saving);
    else await saving;
  }
  // Best effort: a cache that cannot be written only costs the next run its replay.
  const { side: _side, queryCount: _queryCount, ...kept } = loaded;
  await snapshots.write(key, kept).catch(() => undefined);
  return { ...loaded, cache: { outcome: reused > 0 ? 'cluster' : 'miss', reused, replayed: migrations.length - reused } };
}

/** Start an embedded server from the saved cluster with the longest matching prefix, else from scratch. */
async function startFromLongestPrefix(
  clusters: ClusterStore,
  chain: readonly string[],
  major: number | undefined,
  needs: ScratchNeeds,
  { progress, adopt }: Pick<CachedReplayRequest<Loaded>, 'progress' | 'adopt'>,
): Promise<{ server: EmbeddedServer; db: ScratchDatabase; reused: number }> {
  const saved: SavedCluster | undefined = await clusters.longest(chain).catch(() => undefined);
  if (saved) {
    progress?.(`starting the scratch PostgreSQL from the saved replay of the first ${plural(saved.migrations, 'migration')}`);
    try {
      const server = await adopt(() =>
        startEmbeddedServer(major, {
          ...embeddedSettingsFor(needs),
          restore: { password: saved.password, fill: (pgdata) => clusters.extract(saved, pgdata) },
        }),
      );
      const db = server.openDatabase(saved.database);
      try {
        await readServerVersion(db.target);
      } catch (error) {
        await server.close();
        throw error;
      }
      return { server, db, reused: saved.migrations };
    } catch (error) {
      // The run ended meanwhile: the saved cluster is not at fault.
      if (error instanceof ScratchPoolClosed) throw error;
      // Unreadable or unstartable: replay in full instead, and never try this one again.
      debug(`could not start from the saved cluster ${saved.archive}`, error);
      await clusters.discard(saved).catch(() => undefined);
    }
  }
  progress?.('starting the scratch PostgreSQL');
  const server = await adopt(() => startEmbeddedServer(major, embeddedSettingsFor(needs)));
  return { server, db: await server.createDatabase(), reused: 0 };
}

/** Keep the replayed cluster for the next run (unless it is the one just restored, unchanged). */
async function saveCluster(
  server: EmbeddedServer,
  clusters: ClusterStore,
  chain: readonly string[],
  db: ScratchDatabase,
  migrations: number,
  reused: number,
): Promise<void> {
  if (reused === migrations) return server.close();
  const stoppedAfter = Date.now();
  await server
    .stopAndSave((pgdata, password) => clusters.save(chain[migrations]!, pgdata, { migrations, database: db.name, password }, stoppedAfter))
    .catch((error: unknown) => debug('could not save the replayed cluster', error));
}

function replayProgress(request: CachedReplayRequest<Loaded>, server: ScratchServer, reused: number): void {
  const left = request.migrations.length - reused;
  const from = reused > 0 ? ` (the first ${plural(reused, 'migration')} reused from the cache)` : '';
  request.progress?.(`replaying ${plural(left, 'migration')} into ${server.provider} PostgreSQL ${server.serverVersion}${from}`);
}

/** `PGPARITY_CLUSTER_MIN_REPLAY_MS`, default 2,000: the shortest full replay worth saving as a cluster. */
function clusterMinReplayMs(): number {
  const raw = process.env.PGPARITY_CLUSTER_MIN_REPLAY_MS;
  const value = raw === undefined || raw === '' ? Number.NaN : Number(raw);
  return Number.isFinite(value) && value >= 0 ? value : 2_000;
}

function embeddedMajor(spec: ScratchSpec): number | undefined {
  return spec.type === 'embedded' ? spec.major : undefined;
}

function embeddedProvider(spec: ScratchSpec): string {
  const major = embeddedMajor(spec);
  return major === undefined ? 'embedded' : `embedded:${major}`;
}

/** The cache is best effort, so its failures are silent unless PGPARITY_DEBUG_CACHE is set. */
function debug(what: string, error: unknown): void {
  if (process.env.PGPARITY_DEBUG_CACHE) process.stderr.write(`pgparity: replay cache: ${what}: ${error instanceof Error ? error.message : String(error)}\n`);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
