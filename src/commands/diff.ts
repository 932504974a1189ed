import type { Report } from '../model/report.js';
import type { SessionLimits } from '../db/connect.js';
import type { ConnectionTarget } from '../db/target.js';
import type { ScratchSpec } from '../scratch/index.js';
import { normalizeSnapshot } from '../normalize/index.js';
import { buildReport, compareSnapshots } from '../compare/index.js';
import { ScratchPool } from '../source/scratch-pool.js';
import { loadSource, type LoadedSource } from '../source/load.js';
import type { SourceSpec } from '../source/spec.js';
import { versionWarnings } from './version-warnings.js';

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
  readonly includeHistoryTables?: boolean;
  readonly ignoreColumnOrder?: boolean;
  readonly until?: string;
  readonly defaultPassword?: string;
  /** Said before the comparison starts, e.g. env disagreements. */
  readonly warnings?: readonly string[];
  readonly progress?: (message: string) => void;
}

export interface DiffResult {
  readonly report: Report;
  readonly expected: LoadedSource;
  readonly actual: LoadedSource;
}

/** Compare two sources: `from` is expected, `to` is actual. The scratch server is always removed. */
export async function diff(settings: DiffSettings): Promise<DiffResult> {
  const scratch = new ScratchPool(settings.scratch);
  const load = {
    scratch,
    ...(settings.limits ? { limits: settings.limits } : {}),
    ...(settings.schemas ? { schemas: settings.schemas } : {}),
    ...(settings.excludeSchemas ? { excludeSchemas: settings.excludeSchemas } : {}),
    ...(settings.defaultPassword ? { defaultPassword: settings.defaultPassword } : {}),
    ...(settings.progress ? { progress: settings.progress } : {}),
  };
  try {
    // The live side first: a wrong URL or password fails in milliseconds, before any server starts.
    const actual = await loadSource(settings.to, load, settings.toTarget);
    const expected = await loadSource(settings.from, { ...load, ...(settings.until ? { until: settings.until } : {}) });
    const normalize = {
      ...(settings.schemas ? { schemas: settings.schemas } : {}),
      ...(settings.excludeSchemas ? { excludeSchemas: settings.excludeSchemas } : {}),
      ...(settings.excludeTables ? { excludeTables: settings.excludeTables } : {}),
      ...(settings.includeHistoryTables ? { includeHistoryTables: true } : {}),
    };
    const findings = compareSnapshots(normalizeSnapshot(expected.snapshot, normalize), normalizeSnapshot(actual.snapshot, normalize), {
      ...(settings.ignoreColumnOrder ? { ignoreColumnOrder: true } : {}),
    });
    const warnings = [...(settings.warnings ?? []), ...versionWarnings(expected.snapshot, actual.snapshot)];
    return { report: buildReport({ expected: expected.side, actual: actual.side, findings, warnings }), expected, actual };
  } finally {
    await scratch.close();
  }
}
