import { readFile } from 'node:fs/promises';
import { ConfigError } from '../model/errors.js';
import type { ServerInfo, Snapshot } from '../model/snapshot.js';
import type { SchemaFilter } from '../model/settings.js';
import type { SideInfo } from '../model/report.js';
import { connect, type SessionLimits } from '../db/connect.js';
import { parseTarget, type ConnectionTarget } from '../db/target.js';
import { sessionFailure } from '../db/session-failure.js';
import { detailsNotTaken, detailsNotTakenMessage, introspectCatalog, parseSnapshot } from '../catalog/index.js';
import { describeSource, type SourceSpec } from './spec.js';
import type { ScratchPool } from './scratch-pool.js';
import type { ReplayCacheUse } from '../cache/index.js';
import type { ReplaySchemas } from '../replay/search-path.js';

/** Which schemas, and whether owners and privileges, are read (the rest of the SchemaFilter applies in normalization). */
export type ReadFilter = Pick<SchemaFilter, 'schemas' | 'excludeSchemas' | 'include'>;

export interface LoadOptions extends ReadFilter {
  readonly scratch: ScratchPool;
  readonly limits?: SessionLimits;
  /** Replay migrations only up to this one (inclusive). */
  readonly until?: string;
  /** Password to use for a URL source that carries none (PGPASSWORD, as libpq does). */
  readonly defaultPassword?: string;
  readonly progress?: (message: string) => void;
  /** A line for stderr that is not progress (Flyway settings that disagree). */
  readonly notice?: ((message: string) => void) | undefined;
  /** `--search-path` / `searchPath`: the schemas a migrations replay runs in, over what Flyway's settings say (src/replay/search-path.ts). */
  readonly searchPath?: ReplaySchemas | undefined;
  /** Reuse what an earlier run replayed from the same migration files (default: true); see src/cache. */
  readonly cache?: boolean;
  /**
   * Read a database on one connection, not up to three (docs/connections.md): fleets read many
   * databases at once, one connection each (`--concurrency`).
   */
  readonly oneSession?: boolean;
  /** A database source: told its server's version once connected; its catalog is read once the promise returned settles (IntrospectOptions.onServer). */
  readonly onServer?: (server: ServerInfo) => void | Promise<void>;
}

/** What a command's settings say about loading sources; `loadOptions` turns it into LoadOptions. */
export type SourceSettings = Omit<LoadOptions, 'scratch' | 'until' | 'onServer'>;

/** LoadOptions from a command's settings (which may hold more: only these fields are taken). */
export function loadOptions(settings: SourceSettings, scratch: ScratchPool): LoadOptions {
  const { limits, schemas, excludeSchemas, include, defaultPassword, progress, notice, searchPath, cache } = settings;
  return { scratch, limits, schemas, excludeSchemas, include, defaultPassword, progress, notice, searchPath, cache };
}

/** The read filter of some options, as introspection and the replay cache key take it (an empty `include` is none: the same key). */
function readFilter({ schemas, excludeSchemas, include }: ReadFilter): ReadFilter {
  return { schemas, excludeSchemas, include: include?.length ? include : undefined };
}

export interface LoadedSource {
  readonly snapshot: Snapshot;
  readonly side: SideInfo;
  readonly queryCount: number;
  /** A replayed source: the extensions its scratch server can install (pg_available_extensions). */
  readonly availableExtensions?: readonly string[];
  /** A replayed migrations source: what the replay cache reused. */
  readonly replayCache?: ReplayCacheUse;
}

/** Turn any SOURCE into a snapshot: read a live database, replay migrations, or load a file. */
export async function loadSource(spec: SourceSpec, options: LoadOptions, target?: ConnectionTarget): Promise<LoadedSource> {
  const source = describeSource(spec);
  switch (spec.type) {
    case 'url': {
      const parsed = target ?? parseTarget(spec.url);
      const live = parsed.password === undefined && options.defaultPassword ? { ...parsed, password: options.defaultPassword } : parsed;
      return readDatabase(live, source, options);
    }
    case 'snapshot': {
      let text: string;
      try {
        text = await readFile(spec.path, 'utf8');
      } catch (error) {
        throw new ConfigError(
          `cannot read snapshot ${spec.path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
        );
      }
      const snapshot = parseSnapshot(text, spec.path);
      const notTaken = detailsNotTaken(snapshot.objects, options.include ?? []);
      if (notTaken.length > 0) throw new ConfigError(detailsNotTakenMessage(spec.path, notTaken));
      return { snapshot, side: { source: snapshot.source, serverVersion: snapshot.server.version }, queryCount: 0 };
    }
    case 'migrations':
    case 'sql-file':
    case 'replay-command':
      return replaySource(spec, source, options);
  }
}

async function readDatabase(target: ConnectionTarget, source: string, options: LoadOptions, provider?: string): Promise<LoadedSource> {
  options.progress?.(`reading the catalog of ${source}`);
  const session = () => connect(target, { readOnly: true, ...(options.limits ? { limits: options.limits } : {}) });
  const client = await session();
  try {
    const { snapshot, queryCount } = await introspectCatalog(client, {
      source,
      ...readFilter(options),
      ...(options.oneSession ? {} : { openSession: session }),
      // Only a database source's server is told, not the scratch server's.
      ...(options.onServer && provider === undefined ? { onServer: options.onServer } : {}),
    });
    const side = { source, serverVersion: snapshot.server.version, ...(provider ? { provider } : {}) };
    if (provider === undefined) return { snapshot, side, queryCount };
    // A scratch server: which extensions it has explains a live extension the replay could not create.
    const { rows } = await client.query<{ name: string }>('select name from pg_available_extensions order by name');
    return { snapshot, side, queryCount, availableExtensions: rows.map((row) => row.name) };
  } catch (error) {
    throw sessionFailure(error, `reading the catalog of ${source}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function replaySource(
  spec: Extract<SourceSpec, { type: 'migrations' | 'sql-file' | 'replay-command' }>,
  source: string,
  options: LoadOptions,
): Promise<LoadedSource> {
  // Loaded here: reading a database needs none of it (nor libpg-query, which the replay parses with).
  const [{ discoverMigrations, maxLocksFor, replayMigrations, replaySchemasFor, runReplayCommand }, { replayWithCache }] = await Promise.all([
    import('../replay/index.js'),
    import('../cache/index.js'),
  ]);
  // Read the files before starting a server: a wrong path should fail in milliseconds.
  const migrations = spec.type === 'replay-command' ? undefined : await discoverMigrations(spec.path, options.until ? { until: options.until } : {});
  const schemas = migrations && spec.type !== 'replay-command' ? await replaySchemasFor(spec.path, migrations, options.searchPath, options.notice) : undefined;
  if (schemas) options.progress?.(`replaying with search_path ${schemas.searchPath.join(', ')} (from ${schemas.from})`);
  const scratch = await options.scratch.prepare();
  const withChoice = <T extends LoadedSource>(loaded: T): T => {
    const choice = options.scratch.choice;
    return choice ? { ...loaded, side: { ...loaded.side, scratch: choice } } : loaded;
  };
  // A replay command is not cached: it may read anything, not only files whose content we could key on.
  if (migrations && options.cache !== false) {
    const { cache, ...loaded } = await replayWithCache({
      migrations,
      schemas,
      source,
      scratch,
      server: (needs) => options.scratch.get(needs),
      adopt: (start) => options.scratch.adopt(start),
      readOptions: readFilter(options),
      read: (target, provider) => readDatabase(target, source, options, provider),
      progress: options.progress,
      defer: (work) => options.scratch.defer(work),
    });
    return withChoice({ ...loaded, replayCache: cache });
  }
  options.progress?.('starting the scratch PostgreSQL');
  const server = await options.scratch.get(migrations ? { maxLocksPerTransaction: maxLocksFor(migrations) } : {});
  const db = await server.createDatabase();
  if (migrations) {
    options.progress?.(
      `replaying ${migrations.length} migration${migrations.length === 1 ? '' : 's'} into ${server.provider} PostgreSQL ${server.serverVersion}`,
    );
    await replayMigrations(db.target, migrations, {
      schemas,
      onProgress: (done, total) => options.progress?.(`replaying migrations ${done}/${total}`),
    });
  } else if (spec.type === 'replay-command') {
    options.progress?.(`running "${spec.command}" against the scratch database`);
    await runReplayCommand(spec.command, db, { cwd: spec.cwd, server: `${server.provider} PostgreSQL ${server.serverVersion}` });
  }
  return withChoice(await readDatabase(db.target, source, options, server.provider));
}
