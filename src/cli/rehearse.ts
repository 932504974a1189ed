import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { numeric } from './live-options.js';
import {
  FORMATS,
  SEARCH_PATH_OPTION,
  withColorOption,
  withComparisonOptions,
  withFormatOptions,
  withIncludeOption,
  withQuietOption,
  withSchemaOptions,
} from './options.js';

/** What only rehearse takes: which migrations, how they run, and where. */
function rehearsalOptions(y: Argv) {
  return y
    .option('migrations', {
      alias: 'm',
      type: 'string',
      describe: 'directory of migrations with their downs (NNN_x.up.sql + .down.sql, NNN_x/up.sql + down.sql, dbmate or goose files)',
    })
    .option('up-cmd', {
      type: 'string',
      describe: 'your framework\'s command that applies the next migration ("alembic upgrade +1"), with --down-cmd and --steps',
    })
    .option('down-cmd', { type: 'string', describe: 'your framework\'s command that reverts the last migration ("alembic downgrade -1")' })
    .option('steps', { requiresArg: true, coerce: numeric('steps'), describe: 'with --up-cmd: how many migrations the history has' })
    .option('from', { type: 'string', describe: 'rehearse from this migration on (id, file name or version); the ones before it are applied once' })
    .option('full', { type: 'boolean', default: false, describe: 'also run every down from the newest back, compare with the start, then every up again' })
    .option('with-data', {
      requiresArg: true,
      coerce: numeric('with-data'),
      describe: 'insert ROWS synthetic rows into each table the up created or altered before its down',
    })
    .option('allow-no-down', { type: 'boolean', default: false, describe: 'a migration without a down does not fail the run (forward-only histories)' })
    .option('scratch', { type: 'string', describe: 'where migrations are rehearsed: embedded (default) | docker[:IMAGE] | postgres://admin@host/db' })
    .option('search-path', SEARCH_PATH_OPTION);
}

function builder(y: Argv) {
  const compared = withComparisonOptions(withIncludeOption(withSchemaOptions(rehearsalOptions(y)))).option('fail-on', {
    type: 'string',
    choices: ['error', 'warning', 'info'] as const,
    describe: 'lowest severity of a residue finding that fails the run (default: error)',
  });
  return withQuietOption(withColorOption(withFormatOptions(compared, REHEARSAL_FORMATS)))
    .example('$0 rehearse --migrations db/migrations', 'every migration: up, down, up again, each compared')
    .example('$0 rehearse -m db/migrations --from 0040 --full --format junit -o rehearse.xml', 'the newest ones only, then the full reset')
    .example('$0 rehearse --up-cmd "alembic upgrade +1" --down-cmd "alembic downgrade -1" --steps 12', 'a framework that runs its own migrations');
}

export type RehearseArgs = ArgumentsCamelCase<Awaited<ReturnType<typeof builder>['argv']>>;

export const rehearseCommand: CommandModule<object, RehearseArgs> = {
  command: 'rehearse',
  describe: 'does every down migration really undo its up? (up, down, up again in a scratch database)',
  builder: builder as unknown as CommandModule<object, RehearseArgs>['builder'],
  handler: async (argv) => (await import('./handlers/rehearse.js')).runRehearse(argv),
};

/** The HTML page is for drift reports: a rehearsal is read as text, in CI or in a pull request. */
const REHEARSAL_FORMATS = FORMATS.filter((f) => f !== 'html');
