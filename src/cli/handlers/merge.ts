import { mergeFleetReports } from '../../commands/merge.js';
import { fleetExitCode } from '../../fleet/report.js';
import type { Severity } from '../../model/finding.js';
import { writeFleetReports } from './write-report.js';
import type { MergeArgs } from '../merge.js';

/** Combine the shards' JSON reports of a fleet run into one, with the whole fleet's exit code. */
export async function runMerge(argv: MergeArgs): Promise<void> {
  const report = await mergeFleetReports(argv.reports ?? [], argv.failOn ? { failOn: argv.failOn as Severity } : {});
  await writeFleetReports(report, argv.format, argv.output, argv.color);
  process.exitCode = fleetExitCode(report);
}
