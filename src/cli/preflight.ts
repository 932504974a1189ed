import { writeFile } from 'node:fs/promises';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { preflight, preflightExitCode, PREFLIGHT_DEFAULTS } from '../commands/preflight.js';
import { ConfigError } from '../model/errors.js';
import { renderPreflightJson, renderPreflightMarkdown, renderPreflightText } from '../report/preflight.js';
import { renderPreflightJunit } from '../report/preflight-junit.js';
import { parseScratchSpec } from '../scratch/index.js';
import { TOOL } from '../version.js';
import { useColor, warn, withProgress } from './console.js';
import { configure } from './configured.js';
import { withLiveSessionOptions, numeric } from './live-options.js';
import { limitsFrom } from './options.js';

function builder(y: Argv) {
  return withLiveSessionOptions(y)
    .option('config', {
      type: 'string',
      describe: 'config file (default: pgparity.config.json, .pgparityrc.json or "pgparity" in package.json); its migrations, historyTable and failOn apply',
    })
    .option('migrations', { alias: 'm', type: 'string', describe: 'directory of plain .sql migrations' })
    .option('since', { type: 'string', describe: "this migration and every later one are pending (instead of reading live's history table)" })
    .option('sql', { type: 'string', describe: 'measure this one script (not yet a migration) after the applied migrations' })
    .option('history-table', { type: 'string', describe: 'the history table that records applied migrations (schema.table), when pgparity does not find it' })
    .option('scratch', {
      type: 'string',
      describe:
        "where statements are measured (default: embedded PostgreSQL of live's major when installed): embedded[:MAJOR] | docker[:IMAGE] | postgres://admin@host/db",
    })
    .option('max-scan-rows', {
      requiresArg: true,
      coerce: numeric('max-scan-rows'),
      default: PREFLIGHT_DEFAULTS.maxScanRows,
      describe: 'tables with more rows are sampled (TABLESAMPLE) and their counts labelled estimates',
    })
    .option('large-table', {
      requiresArg: true,
      coerce: numeric('large-table'),
      default: PREFLIGHT_DEFAULTS.largeRows,
      describe: 'rows from which a blocking lock or rewrite is a warning (else info)',
    })
    .option('large-table-bytes', {
      requiresArg: true,
      coerce: numeric('large-table-bytes'),
      default: PREFLIGHT_DEFAULTS.largeBytes,
      describe: 'size in bytes from which a blocking lock or rewrite is a warning',
    })
    .option('examples', { type: 'boolean', default: true, describe: 'show up to 5 primary-key values of violating rows (--no-examples: counts only)' })
    .option('parity-check', {
      type: 'boolean',
      default: true,
      describe: 'first compare live with the applied migrations, as check --until <last applied> (--no-parity-check: skip)',
    })
    .option('cache', { type: 'boolean', default: true, describe: 'reuse earlier replays for the parity check (--no-cache: always replay)' })
    .option('format', { type: 'string', choices: ['text', 'json', 'markdown', 'junit'] as const, default: 'text', describe: 'report format' })
    .option('output', { alias: 'o', type: 'string', describe: 'write the report to FILE instead of stdout' })
    .option('fail-on', {
      type: 'string',
      choices: ['error', 'warning', 'info'] as const,
      describe: 'lowest hazard severity that makes the exit code 1 (default: error)',
    })
    .option('color', { type: 'boolean', describe: 'force colour on or off (default: on a TTY unless NO_COLOR is set)' })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'no progress on stderr' })
    .example('$0 preflight --url $DATABASE_URL --migrations db/migrations', "pending = the files live's history table does not record")
    .example('$0 preflight --migrations db/migrations --since 0042', 'name the first pending migration')
    .example('$0 preflight --migrations db/migrations --sql hotfix.sql', 'one script, measured after the applied migrations');
}

type Args = ArgumentsCamelCase<Awaited<ReturnType<typeof builder>['argv']>>;

export const preflightCommand: CommandModule<object, Args> = {
  command: 'preflight',
  describe: 'what the pending migrations will lock, rewrite and fail on in this live database (measured in scratch, read on live)',
  builder: builder as unknown as CommandModule<object, Args>['builder'],
  async handler(argv) {
    for (const [flag, value] of [
      ['--max-scan-rows', argv.maxScanRows],
      ['--large-table', argv.largeTable],
      ['--large-table-bytes', argv.largeTableBytes],
    ] as const) {
      if (!Number.isFinite(value) || value <= 0) throw new ConfigError(`${flag} must be a positive number, got ${value}`);
    }
    const { settings } = await configure({ config: argv.config, migrations: argv.migrations, failOn: argv.failOn }, { waivers: false });
    const historyTable = argv.historyTable ?? settings.historyTable;
    const report = await preflight({
      ...(argv.url ? { url: argv.url } : {}),
      env: process.env,
      ...(settings.migrations ? { migrations: settings.migrations } : {}),
      ...(argv.since !== undefined ? { since: argv.since } : {}),
      ...(argv.sql !== undefined ? { sql: argv.sql } : {}),
      ...(historyTable ? { historyTable } : {}),
      ...(argv.scratch !== undefined ? { scratch: parseScratchSpec(argv.scratch) } : {}),
      limits: limitsFrom(argv),
      maxScanRows: argv.maxScanRows,
      largeRows: argv.largeTable,
      largeBytes: argv.largeTableBytes,
      examples: argv.examples,
      parityCheck: argv.parityCheck,
      cache: argv.cache,
      ...withProgress(argv.quiet),
    });
    for (const w of report.warnings) warn(w);
    const text =
      argv.format === 'json'
        ? renderPreflightJson(report, TOOL)
        : argv.format === 'markdown'
          ? renderPreflightMarkdown(report, { failOn: settings.failOn })
          : argv.format === 'junit'
            ? renderPreflightJunit(report, { failOn: settings.failOn })
            : renderPreflightText(report, { color: argv.output ? false : useColor(process.stdout, argv.color) });
    if (argv.output) {
      await writeFile(argv.output, text).catch((error: NodeJS.ErrnoException) => {
        throw new ConfigError(`cannot write ${argv.output}: ${error.code === 'ENOENT' ? 'its directory does not exist' : error.message}`);
      });
    } else {
      process.stdout.write(text);
    }
    process.exitCode = preflightExitCode(report, settings.failOn);
  },
};
