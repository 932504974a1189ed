import { writeFile } from 'node:fs/promises';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { auditMigrationHistory } from '../commands/history.js';
import { historyExitCode } from '../history/audit.js';
import { renderHistoryJson, renderHistoryText } from '../history/render.js';
import { ConfigError } from '../model/errors.js';
import { TOOL } from '../version.js';
import { useColor, warn } from './console.js';
import { configure } from './configured.js';
import { withLiveSessionOptions } from './live-options.js';
import { limitsFrom } from './options.js';

function builder(y: Argv) {
  return withLiveSessionOptions(y)
    .option('config', {
      type: 'string',
      describe: 'config file (default: pgparity.config.json, .pgparityrc.json or "pgparity" in package.json); its migrations and historyTable apply',
    })
    .option('migrations', { alias: 'm', type: 'string', describe: 'directory of migration files to audit the history against' })
    .option('history-table', { type: 'string', describe: 'audit only this table (schema.table); any table holding file names (and checksums) works' })
    .option('allow-pending', {
      type: 'boolean',
      default: false,
      describe: 'not-yet-applied migrations (in order) are info, not errors: for a gate before migrating',
    })
    .option('format', { type: 'string', choices: ['text', 'json'] as const, default: 'text', describe: 'report format' })
    .option('output', { alias: 'o', type: 'string', describe: 'write the report to FILE instead of stdout' })
    .option('fail-on', {
      type: 'string',
      choices: ['error', 'warning', 'info'] as const,
      describe: 'lowest severity that makes the exit code 1 (default: error)',
    })
    .option('color', { type: 'boolean', describe: 'force colour on or off (default: on a TTY unless NO_COLOR is set)' })
    .example('$0 history --url postgres://app@db/prod --migrations db/migrations', 'audit every history table against db/migrations')
    .example('$0 history --migrations alembic --format json', 'Alembic: check alembic_version against alembic/versions/*.py')
    .example('$0 history --history-table communication.schema_migrations -m db/communication', 'a hand-rolled table of file names and checksums');
}

type Args = ArgumentsCamelCase<Awaited<ReturnType<typeof builder>['argv']>>;

export const historyCommand: CommandModule<object, Args> = {
  command: 'history',
  describe: 'audit the migration history tables in live against the migration files (read-only)',
  builder: builder as unknown as CommandModule<object, Args>['builder'],
  async handler(argv) {
    const { settings } = await configure({ config: argv.config, migrations: argv.migrations, failOn: argv.failOn }, { waivers: false });
    const historyTable = argv.historyTable ?? settings.historyTable;
    const report = await auditMigrationHistory({
      ...(argv.url ? { url: argv.url } : {}),
      env: process.env,
      ...(settings.migrations ? { migrations: settings.migrations } : {}),
      ...(historyTable ? { historyTable } : {}),
      allowPending: argv.allowPending,
      limits: limitsFrom(argv),
    });
    for (const w of report.warnings) warn(w);
    const text =
      argv.format === 'json'
        ? renderHistoryJson(report, TOOL)
        : renderHistoryText(report, { color: argv.output ? false : useColor(process.stdout, argv.color) });
    if (argv.output) {
      await writeFile(argv.output, text).catch((error: NodeJS.ErrnoException) => {
        throw new ConfigError(`cannot write ${argv.output}: ${error.code === 'ENOENT' ? 'its directory does not exist' : error.message}`);
      });
    } else {
      process.stdout.write(text);
    }
    process.exitCode = historyExitCode(report, settings.failOn);
  },
};
