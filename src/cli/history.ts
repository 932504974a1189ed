import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { withLiveSessionOptions } from './live-options.js';
import { withColorOption } from './options.js';

function builder(y: Argv) {
  return withColorOption(
    withLiveSessionOptions(y)
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
      }),
  )
    .example('$0 history --url postgres://app@db/prod --migrations db/migrations', 'audit every history table against db/migrations')
    .example('$0 history --migrations alembic --format json', 'Alembic: check alembic_version against alembic/versions/*.py')
    .example('$0 history --history-table communication.schema_migrations -m db/communication', 'a hand-rolled table of file names and checksums');
}

export type HistoryArgs = ArgumentsCamelCase<Awaited<ReturnType<typeof builder>['argv']>>;

export const historyCommand: CommandModule<object, HistoryArgs> = {
  command: 'history',
  describe: 'audit the migration history tables in live against the migration files (read-only)',
  builder: builder as unknown as CommandModule<object, HistoryArgs>['builder'],
  handler: async (argv) => (await import('./handlers/history.js')).runHistory(argv),
};
