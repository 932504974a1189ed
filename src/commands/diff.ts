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
  readonly defaultPassword?: string;
  readonly progress?: (message: string) => void;
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
  const attribution = prepareAttribution(settings);
  const scratch = new ScratchPool(settings.scratch);
  const load = loadOptions(settings, scratch);
  try {
    const loadActual = () => loadSource(settings.to, load, settings.toTarget);
    const loadExpected = () => loadSource(settings.from, { ...load, until: settings.until });
    // The live side first: a wrong URL or password fails in milliseconds, before any server starts.
    // Two databases (or a snapshot file) need no server: both are read at once.
    const [actual, expected] =
      settings.from.type === 'url' || settings.from.type === 'snapshot' ? await both(loadActual, loadExpected) : [await loadActual(), await loadExpected()];
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
