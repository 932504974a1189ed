import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { PREFLIGHT_DEFAULTS } from '../preflight/defaults.js';
import { withLiveSessionOptions, numeric } from './live-options.js';
import { SEARCH_PATH_OPTION, withColorOption, withQuietOption } from './options.js';

function builder(y: Argv) {
  return withQuietOption(
    withColorOption(
      withLiveSessionOptions(y)
        .option('config', {
          type: 'string',
          describe:
            'config file (default: pgparity.config.json, .pgparityrc.json or "pgparity" in package.json); its migrations, historyTable and failOn apply',
        })
        .option('migrations', { alias: 'm', type: 'string', describe: 'directory of plain .sql migrations' })
        .option('since', { type: 'string', describe: "this migration and every later one are pending (instead of reading live's history table)" })
        .option('sql', { type: 'string', describe: 'measure this one script (not yet a migration) after the applied migrations' })
        .option('history-table', {
          type: 'string',
          describe: 'the history table that records applied migrations (schema.table), when pgparity does not find it',
        })
        .option('scratch', {
          type: 'string',
          describe:
            "where statements are measured (default: embedded PostgreSQL of live's major when installed): embedded[:MAJOR] | docker[:IMAGE] | postgres://admin@host/db",
        })
        .option('search-path', SEARCH_PATH_OPTION)
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
        }),
    ),
  )
    .example('$0 preflight --url $DATABASE_URL --migrations db/migrations', "pending = the files live's history table does not record")
    .example('$0 preflight --migrations db/migrations --since 0042', 'name the first pending migration')
    .example('$0 preflight --migrations db/migrations --sql hotfix.sql', 'one script, measured after the applied migrations');
}

export type PreflightArgs = ArgumentsCamelCase<Awaited<ReturnType<typeof builder>['argv']>>;

export const preflightCommand: CommandModule<object, PreflightArgs> = {
  command: 'preflight',
  describe: 'what the pending migrations will lock, rewrite and fail on in this live database (measured in scratch, read on live)',
  builder: builder as unknown as CommandModule<object, PreflightArgs>['builder'],
  handler: async (argv) => (await import('./handlers/preflight.js')).runPreflight(argv),
};
