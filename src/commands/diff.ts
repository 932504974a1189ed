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
  try {
    // A database side decides the major of an embedded scratch server for the replayed side;
    // `ready` hears that it is connected (replayBeside).
    const told = (side: string, ready?: () => void) => (server: ServerInfo) => {
      scratch.follow({ major: Math.floor(server.versionNum / 10_000), side });
      ready?.();
    };
    const loadActual = (ready?: () => void) =>
      loadSource(settings.to, { ...load, onServer: told(settings.toTarget ? 'live' : 'the --to database', ready) }, settings.toTarget);
    const loadExpected = (ready?: () => void) => loadSource(settings.from, { ...load, until: settings.until, onServer: told('the --from database', ready) });
    // The causes of drift need the migrations parsed: done while they replay.
    const replayExpected = () => {
      void scratch.started.then(() => attribution.warm());
      return loadExpected();
    };
    const loadBoth = async (): Promise<readonly [LoadedSource, LoadedSource]> => {
      if (isReplayed(settings.from) && isReplayed(settings.to)) return [await loadActual(), await replayExpected()];
      if (isReplayed(settings.from)) return replayBeside(replayExpected, loadActual).then(([e, a]) => [a, e]);
      if (isReplayed(settings.to)) return replayBeside(loadActual, loadExpected);
      // Two databases (or a snapshot file) need no server: both are read at once.
      return both(loadActual, loadExpected);
    };
    const [actual, expected] = await loadBoth();
    const { report } = await compareSchemas(expected, actual, {
      ...settings,
      warnings: [...(settings.warnings ?? []), ...versionWarnings(expected.snapshot, actual.snapshot), ...extensionWarnings(expected, actual)],
      explain: (findings, e, a) => {
        settings.progress?.('finding the cause of each difference');
        return attribution.explain(findings, e, a);
      },
    });
    return { report, expected, actual };
  } finally {
    await scratch.close();
  }
}

/**
 * One side replays, the other is a database (or a snapshot file). The database side goes first: a
 * wrong URL or password fails in milliseconds, before any server starts, and its major is the
 * scratch server's. Once it is connected (its version known), its catalog
 * is read while the scratch server starts and the migrations replay. The first failure of either
 * is thrown (leaving `diff` closes the scratch server, which ends a replay still running).
 */
async function replayBeside(replay: () => Promise<LoadedSource>, read: (ready: () => void) => Promise<LoadedSource>): Promise<[LoadedSource, LoadedSource]> {
  let connected!: () => void;
  const ready = new Promise<void>((resolve) => (connected = resolve));
  const database = read(connected);
  // A snapshot file tells no server: it is ready once loaded; a failed read ends the wait too.
  await Promise.race([ready, database]);
  return Promise.all([replay(), database]);
}

/** Run both; once both have settled, the first failure (in argument order) is thrown. */
async function both<A, B>(first: () => Promise<A>, second: () => Promise<B>): Promise<[A, B]> {
  const [a, b] = await Promise.allSettled([first(), second()]);
  if (a.status === 'rejected') throw a.reason;
  if (b.status === 'rejected') throw b.reason;
  return [a.value, b.value];
}
