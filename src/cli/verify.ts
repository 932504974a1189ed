import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { verifySchema } from '../commands/verify.js';
import { resolveLiveTarget } from '../config/live-target.js';
import { ConfigError } from '../model/errors.js';
import { configure, reportDiagnostics } from './configured.js';
import { withLiveSessionOptions } from './live-options.js';
import { FORMATS, limitsFrom } from './options.js';
import { writeReports } from './write-report.js';

function builder(y: Argv) {
  return withLiveSessionOptions(y)
    .option('snapshot', { type: 'string', describe: 'the expected schema: a .json written by pgparity snapshot' })
    .option('allow-extra', { type: 'boolean', default: false, describe: 'forward-compatible: tables, columns, indexes live has beyond the snapshot are fine' })
    .option('config', { type: 'string', describe: 'config file (default: pgparity.config.json, .pgparityrc.json or "pgparity" in package.json)' })
    .option('schema', { type: 'string', array: true, describe: 'compare only these schemas (repeatable)' })
    .option('exclude-schema', { type: 'string', array: true, describe: 'leave these schemas out (repeatable)' })
    .option('exclude-table', { type: 'string', array: true, describe: 'leave tables out by pattern: audit_* or public.audit_* (repeatable)' })
    .option('include-history-tables', { type: 'boolean', default: false, describe: 'also compare migration history tables' })
    .option('ignore-column-order', { type: 'boolean', default: false, describe: 'do not report column order differences' })
    .option('format', { type: 'string', array: true, choices: FORMATS, describe: 'report format; repeat with --output to write several' })
    .option('output', { alias: 'o', type: 'string', array: true, describe: 'write the report to FILE instead of stdout (pairs with --format in order)' })
    .option('fail-on', { type: 'string', choices: ['error', 'warning', 'info'] as const, describe: 'lowest severity that makes the schema incompatible (default: error)' })
    .option('color', { type: 'boolean', describe: 'force colour on or off (default: on a TTY unless NO_COLOR is set)' })
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
    const { settings } = await configure(
      { config: argv.config, schema: argv.schema, excludeSchema: argv.excludeSchema, excludeTable: argv.excludeTable, failOn: argv.failOn, format: argv.format, output: argv.output },
      { waivers: false },
    );
    const live = resolveLiveTarget(argv.url, process.env);
    const result = await verifySchema(live.target, argv.snapshot, {
      allowExtra: argv.allowExtra,
      failOn: settings.failOn,
      ...(settings.schemas ? { schemas: settings.schemas } : {}),
      ...(settings.excludeSchemas ? { excludeSchemas: settings.excludeSchemas } : {}),
      ...(settings.excludeTables ? { excludeTables: settings.excludeTables } : {}),
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
