import { prepareAttribution } from '../attribution/index.js';
import { compareSchemas, type CompareSettings } from '../compare/pipeline.js';
import { parseObjectPatterns } from '../compare/exclude.js';
import type { SessionLimits } from '../db/connect.js';
import type { ConnectionTarget } from '../db/target.js';
import type { Report } from '../model/report.js';
import type { ScratchSpec } from '../scratch/index.js';
import { ScratchPool } from '../source/scratch-pool.js';
import { loadOptions, loadSource, type LoadedSource } from '../source/load.js';
import type { SourceSpec } from '../source/spec.js';
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
  const attribution = prepareAttribution({ ...settings, actualIsDatabase: settings.to.type === 'url' });
  const scratch = new ScratchPool(settings.scratch, settings.notice);
  const load = loadOptions(settings, scratch);
  try {
    // A database side decides the major of an embedded scratch server for the replayed side.
    const follow = (loaded: LoadedSource, side: string): LoadedSource => {
      if (loaded.snapshot.server.versionNum) scratch.follow({ major: Math.floor(loaded.snapshot.server.versionNum / 10_000), side });
      return loaded;
    };
    const loadActual = async () => {
      const loaded = await loadSource(settings.to, load, settings.toTarget);
      return settings.to.type === 'url' ? follow(loaded, settings.toTarget ? 'live' : 'the --to database') : loaded;
    };
    const loadExpected = async () => {
      const loaded = await loadSource(settings.from, { ...load, until: settings.until });
      return settings.from.type === 'url' ? follow(loaded, 'the --from database') : loaded;
    };
    const replays = (spec: SourceSpec): boolean => spec.type !== 'url' && spec.type !== 'snapshot';
    // The database side first: a wrong URL or password fails in milliseconds, before any server
    // starts, and its major is the scratch server's. Two databases (or a snapshot file) need no server: both are read at once.
    const [actual, expected] =
      !replays(settings.from) && !replays(settings.to)
        ? await both(loadActual, loadExpected)
        : replays(settings.from)
          ? [await loadActual(), await loadExpected()]
          : await loadExpected().then(async (e) => [await loadActual(), e] as const);
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

/** Run both; once both have settled, the first failure (in argument order) is thrown. */
async function both<A, B>(first: () => Promise<A>, second: () => Promise<B>): Promise<[A, B]> {
  const [a, b] = await Promise.allSettled([first(), second()]);
  if (a.status === 'rejected') throw a.reason;
  if (b.status === 'rejected') throw b.reason;
  return [a.value, b.value];
}
