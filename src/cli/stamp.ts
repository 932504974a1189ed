import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { withColorOption, withConnectionOptions, withQuietOption } from './options.js';

function builder(y: Argv) {
  return withColorOption(
    withQuietOption(withConnectionOptions(y))
      .option('url', { type: 'string', describe: 'live database (default: DATABASE_URL, else the PG* variables)' })
      .option('migrations', {
        alias: 'm',
        type: 'string',
        describe: 'directory of plain .sql migrations to record, or an Alembic project (alembic_version gets the revision)',
      })
      .option('until', { type: 'string', describe: 'record migrations only up to this one (the baseline); default: all' })
      .option('history-table', { type: 'string', describe: 'the plain history table, schema.table (default: the only one in live)' })
      .option('create-table', { type: 'boolean', default: false, describe: 'create the history table (filename, checksum, applied_at) if it does not exist' })
      .option('dry-run', { type: 'boolean', default: false, describe: 'check parity and print what would be written; write nothing' })
      .option('exclude-table', { type: 'string', array: true, describe: 'leave tables out of the parity check: audit_* or public.audit_* (repeatable)' })
      .option('ignore-column-order', { type: 'boolean', default: false, describe: 'do not report column order differences' })
      .option('fail-on', {
        type: 'string',
        choices: ['error', 'warning', 'info'] as const,
        describe: 'lowest severity of a difference that refuses the stamp (default: error)',
      })
      .option('allow-renames', {
        type: 'boolean',
        default: false,
        describe: 'stamp even when constraint or index names differ from the migrations (refused by default: a later migration naming them fails)',
      })
      .option('format', { type: 'string', choices: ['text', 'json'] as const, default: 'text', describe: 'output format' }),
  )
    .example('$0 stamp --migrations db/migrations --until 003_baseline --dry-run', 'would the baseline stamp be safe? (writes nothing)')
    .example('$0 stamp --url postgres://app@db/prod -m db/migrations --create-table', 'record every migration, only if live matches them')
    .example('$0 stamp -m . --until 3c4d5e6f7081', 'Alembic: write alembic_version at 3c4d5e6f7081, only if live matches alembic upgrade 3c4d5e6f7081');
}

export type StampArgs = ArgumentsCamelCase<Awaited<ReturnType<typeof builder>['argv']>>;

export const stampCommand: CommandModule<object, StampArgs> = {
  command: 'stamp',
  describe: 'record migrations as applied in a plain history table, only if live matches them (the one command that writes)',
  builder: builder as unknown as CommandModule<object, StampArgs>['builder'],
  handler: async (argv) => (await import('./handlers/stamp.js')).runStamp(argv),
};
