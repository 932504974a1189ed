import { prepareAttribution } from '../attribution/index.js';
import { parseObjectPatterns } from '../compare/exclude.js';
import { compareSchemas, type CompareSettings } from '../compare/pipeline.js';
import { connect } from '../db/connect.js';
import { describeTarget, type ConnectionTarget } from '../db/target.js';
import { moveSchema, objectsBySchema, renameInValue } from '../fleet/schema-rename.js';
import type { CatalogObject } from '../model/objects.js';
import { buildFleetReport, failedTarget, targetResult } from '../fleet/report.js';
import { inShard } from '../fleet/shard.js';
import type { FleetTarget } from '../fleet/targets.js';
import { ConfigError } from '../model/errors.js';
import type { Finding, Severity } from '../model/finding.js';
import type { FleetReport, Shard, TargetResult } from '../model/fleet.js';
import type { Report, SideInfo } from '../model/report.js';
import type { Snapshot } from '../model/snapshot.js';
import { globToRegExp } from '../text/glob.js';
import { ScratchPool } from '../source/scratch-pool.js';
import { loadOptions, loadSource, type LoadedSource } from '../source/load.js';
import { isReplayed } from '../source/spec.js';
import { redactConnectionString } from '../db/conninfo.js';
import { EXIT, exitCodeForError } from '../exit-codes.js';
import { mapLimited } from '../fleet/concurrency.js';
import type { DiffSettings } from './diff.js';
import { extensionWarnings, versionWarnings } from './version-warnings.js';

/** What a fleet run shares with `check`: everything but the one live database. */
export interface FleetBaseSettings extends Omit<DiffSettings, 'to' | 'toTarget'> {
  /** `--fail-on`: decides the fleet's verdict as it decides one database's exit code. */
  readonly failOn?: Severity;
  /** `--shard i/n`: only this share of the targets. */
  readonly shard?: Shard;
  /** At most this many targets are read at once (`--concurrency`, default 4), one connection each. */
  readonly concurrency?: number;
}

export interface FleetSettings extends FleetBaseSettings {
  readonly targets: readonly FleetTarget[];
}

export interface TenantSettings extends FleetBaseSettings {
  /** The database holding the tenant schemas. */
  readonly live: ConnectionTarget;
  /** `tenant_*`: which schemas are tenants. */
  readonly pattern: string;
  /** The schema the migrations create their objects in when replayed (unqualified names: `public`). */
  readonly migrationsSchema?: string;
}

/**
 * Every target database compared with the migrations, replayed once. A target that cannot be
 * read is a result of its own (`error`), never the end of the scan.
 */
export async function checkFleet(settings: FleetSettings): Promise<FleetReport> {
  const expected = await loadExpected(settings);
  const compare = comparer(settings, expected);
  const load = loadOptions(settings, new ScratchPool(settings.scratch));
  const targets = settings.targets.filter((t) => inShard(t.name, settings.shard));
  const results = await mapLimited(targets, settings.concurrency ?? 4, async (t): Promise<TargetResult> => {
    try {
      const source = `${t.name} (${describeTarget(t.target)})`;
      const actual = await loadSource({ type: 'url', url: source }, { ...load, oneSession: true }, t.target);
      settings.progress?.(`compared ${t.name}`);
      return targetResult(t.name, await compare(actual.snapshot, { source, serverVersion: actual.snapshot.server.version }, actual));
    } catch (error) {
      return failure(t.name, error);
    }
  });
  return buildFleetReport({
    expected: expected.side,
    targets: results,
    failOn: settings.failOn ?? 'error',
    ...(settings.shard ? { shard: settings.shard } : {}),
  });
}

/**
 * Every tenant schema of one database compared with the migrations replayed once into their own
 * schema (`migrationsSchema`): each tenant is moved into that schema's name, compared there (so
 * causes find their migrations), and its findings are named in the tenant's schema again.
 */
export async function checkTenantSchemas(settings: TenantSettings): Promise<FleetReport> {
  if (settings.schemas?.length || settings.excludeSchemas?.length)
    throw new ConfigError('--tenant-schemas chooses the schemas itself: leave out --schema and --exclude-schema');
  const home = settings.migrationsSchema ?? 'public';
  const expected = await loadExpected(settings);
  const compare = comparer(settings, expected, home);
  const { tenants, live } = await readTenants(settings);
  const bySchema = live ? objectsBySchema(live.snapshot) : new Map<string, CatalogObject[]>();
  const results = live ? tenants.map((schema) => compareTenant(schema, live, bySchema.get(schema) ?? [], home, compare)) : [];
  return buildFleetReport({
    expected: expected.side,
    targets: await Promise.all(results),
    failOn: settings.failOn ?? 'error',
    ...(settings.shard ? { shard: settings.shard } : {}),
    warnings: tenants.length === 0 ? [`no schema of ${describeTarget(settings.live)} matches ${settings.pattern}`] : [],
  });
}

async function compareTenant(schema: string, live: LoadedSource, objects: readonly CatalogObject[], home: string, compare: Comparer): Promise<TargetResult> {
  const moved = moveSchema(live.snapshot, schema, home, objects);
  const report = await compare(moved, { source: `${live.side.source} schema ${schema}`, serverVersion: live.side.serverVersion }, live);
  const findings = report.findings.map((f) => renameInValue(f, home, schema) as Finding);
  return targetResult(schema, { ...report, findings });
}

/** The tenant schemas (in the shard) and one read of the database restricted to them. */
export async function readTenants(
  settings: Pick<TenantSettings, 'live' | 'pattern' | 'shard' | 'limits' | 'progress' | 'include'>,
): Promise<{ tenants: string[]; live?: LoadedSource }> {
  const pattern = globToRegExp(settings.pattern);
  const client = await connect(settings.live, { readOnly: true, ...(settings.limits ? { limits: settings.limits } : {}) });
  let names: string[];
  try {
    const { rows } = await client.query<{ nspname: string }>(
      `select nspname from pg_namespace where nspname !~ '^pg_' and nspname <> 'information_schema' order by nspname collate "C"`,
    );
    names = rows.map((r) => r.nspname).filter((n) => pattern.test(n) && inShard(n, settings.shard));
  } finally {
    await client.end().catch(() => undefined);
  }
  if (names.length === 0) return { tenants: [] };
  settings.progress?.(`reading ${names.length} tenant schemas`);
  const { limits, progress, include } = settings;
  // A URL source never starts the pool's server.
  const options = { scratch: new ScratchPool({ type: 'embedded' }), limits, progress, include, schemas: names };
  return { tenants: names, live: await loadSource({ type: 'url', url: describeTarget(settings.live) }, options, settings.live) };
}

type Comparer = (actual: Snapshot, side: SideInfo, loaded: LoadedSource) => Promise<Report>;

/** The comparison every target gets: the same settings, causes and warnings as `check`. */
function comparer(settings: FleetBaseSettings, expected: LoadedSource, home?: string): Comparer {
  const attribution = prepareAttribution({ ...settings, actualIsDatabase: isReplayed(settings.from) });
  const expectedSide =
    home === undefined
      ? expected.snapshot
      : { ...expected.snapshot, objects: expected.snapshot.objects.filter((o) => o.schema === home && o.kind !== 'schema') };
  const compareSettings: CompareSettings = {
    ...settings,
    explain: (findings, e, a) => attribution.explain(findings, e, a),
  };
  return async (actual, side, loaded) => {
    const warnings = [...versionWarnings(expected.snapshot, actual, isReplayed(settings.from)), ...extensionWarnings(expected, loaded)];
    const { report } = await compareSchemas({ snapshot: expectedSide, side: expected.side }, { snapshot: actual, side }, { ...compareSettings, warnings });
    return report;
  };
}

/** The migrations replayed once; the scratch server is removed before any target is read. */
async function loadExpected(settings: FleetBaseSettings): Promise<LoadedSource> {
  parseObjectPatterns(settings.excludeObjects ?? []);
  const scratch = new ScratchPool(settings.scratch);
  try {
    return await loadSource(settings.from, { ...loadOptions(settings, scratch), until: settings.until });
  } finally {
    await scratch.close();
  }
}

/** A target that could not be read: its exit code from the one mapping every command uses. */
function failure(name: string, error: unknown): TargetResult {
  const code = exitCodeForError(error);
  const message = redactConnectionString(error instanceof Error ? error.message : String(error)).split('\n')[0]!;
  return failedTarget(name, `${code === EXIT.internal ? 'internal error: ' : ''}${message}`, code);
}
