import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { verifySchema } from '../commands/verify.js';
import { resolveLiveTarget } from '../config/live-target.js';
import { ConfigError } from '../model/errors.js';
import { comparisonSettings, configure, reportDiagnostics } from './configured.js';
import { withLiveSessionOptions } from './live-options.js';
import { limitsFrom, withReportOptions, withSchemaOptions } from './options.js';
import { writeReports } from './write-report.js';

function builder(y: Argv) {
  return withReportOptions(withSchemaOptions(withLiveSessionOptions(y)))
    .option('snapshot', { type: 'string', describe: 'the expected schema: a .json written by pgparity snapshot' })
    .option('allow-extra', { type: 'boolean', default: false, describe: 'forward-compatible: tables, columns, indexes live has beyond the snapshot are fine' })
    .example('$0 verify --snapshot snapshots/expected.json', 'is live (DATABASE_URL) the schema this build expects?')
    .example('$0 verify --snapshot snapshots/expected.json --allow-extra', 'accept what a newer schema adds');
}

type Args = ArgumentsCamelCase<Awaited<ReturnType<typeof builder>['argv']>>;

export const verifyCommand: CommandModule<object, Args> = {
  command: 'verify',
  describe: 'compare live with a committed snapshot, without a scratch server (the startup check, from the shell)',
  builder: builder as unknown as CommandModule<object, Args>['builder'],
  async handler(argv) {
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
  },
};
