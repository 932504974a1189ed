import type { Report } from '../model/report.js';
import type { SessionLimits } from '../db/connect.js';
import type { ConnectionTarget } from '../db/target.js';
import type { ScratchSpec } from '../scratch/index.js';
import { canonicalizeExpressions, normalizeSnapshot } from '../normalize/index.js';
import type { AccessDetail } from '../model/objects.js';
import { buildReport, compareSnapshots } from '../compare/index.js';
import { ScratchPool } from '../source/scratch-pool.js';
import { loadOptions, loadSource, type LoadedSource } from '../source/load.js';
import type { SourceSpec } from '../source/spec.js';
import { extensionWarnings, versionWarnings } from './version-warnings.js';
import { ConfigError } from '../model/errors.js';
import type { Waiver } from '../model/waiver.js';
import type { SeverityOverrides } from '../compare/severity.js';
import { excludeFindings, parseObjectPattern } from '../compare/exclude.js';
import { applyWaivers } from '../waivers/apply.js';
import { prepareAttribution } from '../attribution/index.js';

export interface DiffSettings {
  /** What the schema should be: migrations, a snapshot, or another database. */
  readonly from: SourceSpec;
  /** What it is. */
  readonly to: SourceSpec;
  /** Already resolved `to` database (from --url / DATABASE_URL / PG*), when `to` is the live database. */
  readonly toTarget?: ConnectionTarget;
  readonly scratch: ScratchSpec;
  readonly limits?: SessionLimits;
  readonly schemas?: readonly string[];
  readonly excludeSchemas?: readonly string[];
  readonly excludeTables?: readonly string[];
  /** Also compare owners and / or privileges (`--include owner,privileges`). */
  readonly include?: readonly AccessDetail[];
  /** `[kind:]glob` patterns on finding keys: differences in these objects are not reported. */
  readonly excludeObjects?: readonly string[];
  /** Per-rule severity overrides (the config file's `severities`). */
  readonly severities?: SeverityOverrides;
  /** Accepted drift: matching findings are marked waived and do not fail the run, until they expire on or after `today`. */
  readonly waivers?: readonly Waiver[];
  /** The date waivers are checked against (default: now). */
  readonly today?: Date;
  readonly includeHistoryTables?: boolean;
  readonly ignoreColumnOrder?: boolean;
  readonly until?: string;
  /** Application code to scan for runtime schema writers (`--app-source`), for the causes of drift. */
  readonly appSources?: readonly string[];
  /** Also scan test code under `appSources` (left out by default). */
  readonly includeTestCode?: boolean;
  readonly defaultPassword?: string;
  /** Said before the comparison starts, e.g. env disagreements. */
  readonly warnings?: readonly string[];
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
  const excluded = (settings.excludeObjects ?? []).map((text) => {
    const pattern = parseObjectPattern(text);
    if (!pattern) throw new ConfigError(`--exclude-object "${text}": the part before ":" must be an object kind (table, index, function, …)`);
    return pattern;
  });
  const attribution = prepareAttribution({
    from: settings.from,
    ...(settings.until ? { until: settings.until } : {}),
    ...(settings.appSources ? { appSources: settings.appSources } : {}),
    ...(settings.includeTestCode ? { includeTestCode: true } : {}),
    ...(settings.severities ? { severities: settings.severities } : {}),
  });
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
      const loaded = await loadSource(settings.from, { ...load, ...(settings.until ? { until: settings.until } : {}) });
      return settings.from.type === 'url' ? follow(loaded, 'the --from database') : loaded;
    };
    const replays = (spec: SourceSpec): boolean => spec.type !== 'url' && spec.type !== 'snapshot';
    // The database side first: a wrong URL or password fails in milliseconds, before any server
    // starts, and its major is the scratch server's. Two databases (or a snapshot file) need no server: both are read at once.
    const [actual, expected] = !replays(settings.from) && !replays(settings.to)
      ? await both(loadActual, loadExpected)
      : replays(settings.from)
        ? [await loadActual(), await loadExpected()]
        : await loadExpected().then(async (e) => [await loadActual(), e] as const);
    const normalize = {
      ...(settings.schemas ? { schemas: settings.schemas } : {}),
      ...(settings.excludeSchemas ? { excludeSchemas: settings.excludeSchemas } : {}),
      ...(settings.excludeTables ? { excludeTables: settings.excludeTables } : {}),
      ...(settings.includeHistoryTables ? { includeHistoryTables: true } : {}),
      ...(settings.include?.length ? { include: settings.include } : {}),
    };
    // Expressions that read differently (another major's deparse) are compared in canonical form.
    const canonical = await canonicalizeExpressions(normalizeSnapshot(expected.snapshot, normalize), normalizeSnapshot(actual.snapshot, normalize));
    const compared = compareSnapshots(canonical.expected, canonical.actual, {
      ...(settings.ignoreColumnOrder ? { ignoreColumnOrder: true } : {}),
      ...(settings.severities ? { severities: settings.severities } : {}),
    });
    settings.progress?.('finding the cause of each difference');
    const { findings, skipped, warnings: notes } = await attribution.explain(excludeFindings(compared, excluded), expected.snapshot, actual.snapshot);
    const warnings = [...notes, ...(settings.warnings ?? []), ...versionWarnings(expected.snapshot, actual.snapshot), ...extensionWarnings(expected, actual)];
    const report = buildReport({ expected: expected.side, actual: actual.side, findings, warnings, skipped });
    return { report: settings.waivers ? applyWaivers(report, settings.waivers, settings.today ?? new Date()) : report, expected, actual };
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
