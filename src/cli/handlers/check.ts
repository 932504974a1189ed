import { check } from '../../commands/check.js';
import { finishComparison, sharedComparisonSettings } from './comparison.js';
import { configure } from './configured.js';
import { checkFleetCommand } from './fleet.js';
import { ConfigError } from '../../model/errors.js';
import type { CheckArgs } from '../check.js';

/** `pgparity check`, or `checkFleetCommand` for a fleet. */
export async function runCheck(argv: CheckArgs): Promise<void> {
  if (argv.targets !== undefined || argv.targetsQuery !== undefined || argv.tenantSchemas !== undefined) return checkFleetCommand(argv);
  if (argv.shard !== undefined) throw new ConfigError('--shard splits a fleet: give --targets, --targets-query or --tenant-schemas with it');
  const configured = await configure(argv);
  const { settings } = configured;
  const { report } = await check({
    url: argv.url,
    env: process.env,
    migrations: settings.migrations,
    replayCommand: settings.replayCmd,
    cwd: settings.replayCwd,
    ...sharedComparisonSettings(argv, configured),
  });
  await finishComparison(report, argv, configured);
}
