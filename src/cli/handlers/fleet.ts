import type { ArgumentsCamelCase } from 'yargs';
import { checkFleet, checkTenantSchemas } from '../../commands/fleet.js';
import { resolveLiveTarget } from '../../config/live-target.js';
import { connect } from '../../db/connect.js';
import { fleetExitCode } from '../../fleet/report.js';
import { parseShard } from '../../fleet/shard.js';
import { readTargetsFile, targetsFromDatabaseNames, type FleetTarget } from '../../fleet/targets.js';
import { ConfigError } from '../../model/errors.js';
import type { FleetReport } from '../../model/fleet.js';
import { parseSourceSpec } from '../../source/spec.js';
import { sharedComparisonSettings, type ComparisonArgs } from './comparison.js';
import { configure, type ConfigurableArgs } from './configured.js';
import { clearProgress, warn } from '../console.js';
import { limitsFrom } from '../options.js';
import { writeFleetReports } from './write-report.js';

export interface FleetArgs extends ComparisonArgs, ConfigurableArgs {
  readonly url?: string | undefined;
  readonly targets?: string | undefined;
  readonly targetsQuery?: string | undefined;
  readonly tenantSchemas?: string | undefined;
  readonly migrationsSchema: string;
  readonly concurrency: number;
  readonly shard?: string | undefined;
}

/** `check` over a fleet: `--targets FILE`, `--targets-query SQL` or `--tenant-schemas PATTERN`. */
export async function checkFleetCommand(argv: ArgumentsCamelCase<FleetArgs>): Promise<void> {
  const chosen = [argv.targets, argv.targetsQuery, argv.tenantSchemas].filter((v) => v !== undefined).length;
  if (chosen > 1) throw new ConfigError('give one of --targets, --targets-query or --tenant-schemas');
  if (!Number.isInteger(argv.concurrency) || argv.concurrency < 1)
    throw new ConfigError(`--concurrency must be a whole number of at least 1, got ${argv.concurrency}`);
  const configured = await configure(argv);
  const { settings } = configured;
  if (!settings.migrations)
    throw new ConfigError('a fleet is compared with migrations replayed once: give --migrations DIR (a --replay-cmd fleet is not supported yet)');
  const shard = argv.shard !== undefined ? parseShard(argv.shard) : undefined;
  const base = {
    from: parseSourceSpec(settings.migrations),
    ...sharedComparisonSettings(argv, configured),
    failOn: settings.failOn,
    concurrency: argv.concurrency,
    ...(shard ? { shard } : {}),
  };
  let report: FleetReport;
  if (argv.tenantSchemas !== undefined) {
    const live = resolveLiveTarget(argv.url, process.env);
    for (const w of live.warnings) warn(w);
    report = await checkTenantSchemas({ ...base, live: live.target, pattern: argv.tenantSchemas, migrationsSchema: argv.migrationsSchema });
  } else {
    report = await checkFleet({ ...base, targets: await fleetTargets(argv) });
  }
  clearProgress();
  await writeFleetReports(report, settings.formats, settings.outputs, argv.color);
  process.exitCode = fleetExitCode(report);
}

/** The databases of `--targets FILE`, or those `--targets-query` lists on the `--url` server. */
export async function fleetTargets(
  argv: Pick<FleetArgs, 'targets' | 'targetsQuery' | 'url' | 'statementTimeout' | 'lockTimeout' | 'connectTimeout'>,
): Promise<FleetTarget[]> {
  if (argv.targets !== undefined) return readTargetsFile(argv.targets, process.env);
  const server = resolveLiveTarget(argv.url, process.env).target;
  const client = await connect(server, { readOnly: true, limits: limitsFrom(argv) });
  try {
    const { rows, fields } = await client.query<Record<string, unknown>>(argv.targetsQuery!).catch((error: Error) => {
      throw new ConfigError(`--targets-query failed: ${error.message}`);
    });
    const column = fields[0]?.name;
    if (!column) throw new ConfigError('--targets-query returned no column: select the database names');
    return targetsFromDatabaseNames(
      server,
      rows.map((r) => String(r[column])),
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}
