import { verifySchema } from '../../commands/verify.js';
import { resolveLiveTarget } from '../../config/live-target.js';
import { ConfigError } from '../../model/errors.js';
import { comparisonSettings, configure, reportDiagnostics } from './configured.js';
import { limitsFrom } from '../options.js';
import { writeReports } from './write-report.js';
import type { VerifyArgs } from '../verify.js';

/** `pgparity verify --snapshot FILE`: live against a committed snapshot. */
export async function runVerify(argv: VerifyArgs): Promise<void> {
  if (!argv.snapshot) throw new ConfigError('verify needs --snapshot FILE: a .json written by pgparity snapshot <source> -o FILE');
  const configured = await configure(argv);
  const { settings } = configured;
  const live = resolveLiveTarget(argv.url, process.env);
  const result = await verifySchema(live.target, argv.snapshot, {
    ...comparisonSettings(configured),
    allowExtra: argv.allowExtra,
    failOn: settings.failOn,
    includeHistoryTables: argv.includeHistoryTables,
    ignoreColumnOrder: argv.ignoreColumnOrder,
    limits: limitsFrom(argv),
    warnings: live.warnings,
  });
  reportDiagnostics(result.report);
  await writeReports(result.report, settings.formats, settings.outputs, argv.color, { failOn: settings.failOn });
  process.exitCode = result.ok ? 0 : 1;
}
