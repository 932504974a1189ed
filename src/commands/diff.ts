import type { ReplaySchemas } from '../replay/search-path.js';
import { setTimeout as delay } from 'node:timers/promises';
import { prepareAttribution } from '../attribution/index.js';
import { compareSchemas, type CompareSettings } from '../compare/pipeline.js';
import { parseObjectPatterns } from '../compare/exclude.js';
import type { SessionLimits } from '../db/connect.js';
import type { ConnectionTarget } from '../db/target.js';
import type { Report } from '../model/report.js';
import type { ServerInfo } from '../model/snapshot.js';
import type { ScratchSpec } from '../scratch/index.js';
import { ScratchPool } from '../source/scratch-pool.js';
import { loadOptions, loadSource, type LoadedSource } from '../source/load.js';
import { isReplayed, type SourceSpec } from '../source/spec.js';
import { extensionWarnings, versionWarnings } from './version-warnings.js';
import { migrationHistoryView } from './history.js';

export interface DiffSettings extends Omit<CompareSettings, 'explain'> {
  /** What the schema should be: migrations, a snapshot, or another database. */
  readonly from: SourceSpec;
  /** What it is. */
  readonly to: SourceSpec;
  /** Already resolved `to` database (from --url / DATABASE_URL / PG*), when `to` is the live database. */
  readonly toTarget?: ConnectionTarget;
  readonly scratch: ScratchSpec;
  readonly limits?: SessionLimits;
  readonly until?: string;
  /** Application code to scan for runtime schema writers (`--app-source`), for the causes of drift. */
  readonly appSources?: readonly string[];
  /** Also scan test code under `appSources` (left out by default). */
  readonly includeTestCode?: boolean;
  readonly defaultPassword?: string;
  readonly progress?: (message: string) => void;
  /** Said once, at the time, on stderr: e.g. which server binaries are being fetched and where. */
  readonly notice?: (line: string) => void;
  /** Reuse what an earlier run replayed from the same migration files (default: true; `--no-cache`). */
  readonly cache?: boolean;
  /** `--search-path`: the schemas a migrations replay runs in, over what Flyway's settings say. */
  readonly searchPath?: ReplaySchemas | undefined;
}

export interface DiffResult {
  readonly report: Report;
  readonly expected: LoadedSource;
  readonly actual: LoadedSource;
}

/** Compare two sources: `from` is expected, `to` is actual. The scratch server is always removed. */
export async function diff(settings: DiffSettings): Promise<DiffResult> {
  // Both checked before any server starts: a wrong pattern or --app-source fails at once.
  parseObjectPatterns(settings.excludeObjects ?? []);
  // Whether live lacks a history table matters only against migrations, not against another database or a snapshot.
  const attribution = prepareAttribution({ ...settings, actualIsDatabase: settings.to.type === 'url' && isReplayed(settings.from) });
  const scratch = new ScratchPool(settings.scratch, settings.notice);
  const load = loadOptions(settings, scratch);
  let closing: Promise<void> | undefined;
  try {
    // A database side decides the major of an embedded scratch server for the replayed side;
    // `ready` hears that it is connected, and says when to read its catalog (replayBeside).
    const told = (side: string, ready?: () => Promise<void>) => (server: ServerInfo) => {
      scratch.follow({ major: Math.floor(server.versionNum / 10_000), side });
      return ready?.();
    };
    const loadActual = (ready?: () => Promise<void>) =>
      loadSource(settings.to, { ...load, onServer: told(settings.toTarget ? 'live' : 'the --to database', ready) }, settings.toTarget);
    const loadExpected = (ready?: () => Promise<void>) =>
      loadSource(settings.from, { ...load, until: settings.until, onServer: told('the --from database', ready) });
    // The causes of drift need the migrations parsed: done once live is read, while the replay
    // keeps the server busy (started with the scratch server, it delayed that start by a second).
    const thenWarm = (loaded: LoadedSource): LoadedSource => {
      attribution.warm();
      return loaded;
    };
    const loadBoth = async (): Promise<readonly [LoadedSource, LoadedSource]> => {
      if (isReplayed(settings.from) && isReplayed(settings.to)) return [await loadActual(), await loadExpected()];
      if (isReplayed(settings.from)) return replayBeside(loadExpected, (ready) => loadActual(ready).then(thenWarm), scratch.started).then(([e, a]) => [a, e]);
      if (isReplayed(settings.to)) return replayBeside(loadActual, loadExpected, scratch.started);
      // Two databases (or a snapshot file) need no server: both are read at once.
      return both(loadActual, loadExpected);
    };
    // What live's history table says of each file, read beside the rest: it tells a migration that
    // never ran from one that ran in part, or was edited after it ran.
    const history =
      settings.toTarget && settings.from.type === 'migrations'
        ? migrationHistoryView(settings.toTarget, settings.from.path, settings.limits)
        : Promise.resolve(undefined);
    const [actual, expected] = await loadBoth();
    // Both catalogs are read: the scratch server stops and its files go while the comparison runs.
    closing = scratch.close();
    // Handled here, thrown by the `finally` below once the comparison is done.
    closing.catch(() => undefined);
    const { report } = await compareSchemas(expected, actual, {
      ...settings,
      warnings: [
        ...(settings.warnings ?? []),
        ...versionWarnings(expected.snapshot, actual.snapshot, isReplayed(settings.from) || isReplayed(settings.to)),
        ...extensionWarnings(expected, actual),
      ],
      explain: (findings, e, a) => {
        settings.progress?.('finding the cause of each difference');
        return history.then((view) => attribution.explain(findings, e, a, view));
      },
    });
    return { report, expected, actual };
  } finally {
    await (closing ?? scratch.close());
  }
}

/** How long the database side waits for the scratch server before its catalog is read anyway. */
const READ_WAITS_AT_MOST_MS = 2_000;

/**
 * One side replays, the other is a database (or a snapshot file). The database side goes first: a
 * wrong URL or password fails in milliseconds, before any server starts, and its major is the
 * scratch server's. Once it is connected (its version known) the scratch server starts, and once
 * that server is up (or the replay has ended without one, or READ_WAITS_AT_MOST_MS have passed)
 * the database's catalog is read while the migrations replay: started at once, the read and the
 * server's start slowed each other by more than they overlapped on two cores. The first failure
 * of either is thrown (leaving `diff` closes the scratch server, which ends a replay still running).
 */
async function replayBeside(
  replay: () => Promise<LoadedSource>,
  read: (ready: () => Promise<void>) => Promise<LoadedSource>,
  serverStarted: Promise<void>,
): Promise<[LoadedSource, LoadedSource]> {
  let connected!: () => void;
  const isConnected = new Promise<void>((resolve) => (connected = resolve));
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const database = read(() => {
    connected();
    return opened;
  });
  // A snapshot file tells no server: it is ready once loaded; a failed read ends the wait too.
  await Promise.race([isConnected, database]);
  const replaying = replay();
  void serverStarted.then(open);
  replaying.then(open, open);
  // Nor does the read wait long, idle in its transaction: a server being downloaded or pulled takes minutes.
  void delay(READ_WAITS_AT_MOST_MS, undefined, { ref: false }).then(open);
  return Promise.all([replaying, database]);
}

/** Run both; once both have settled, the first failure (in argument order) is thrown. */
async function both<A, B>(first: () => Promise<A>, second: () => Promise<B>): Promise<[A, B]> {
  const [a, b] = await Promise.allSettled([first(), second()]);
  if (a.status === 'rejected') throw a.reason;
  if (b.status === 'rejected') throw b.reason;
  return [a.value, b.value];
}
