import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { check } from '../commands/check.js';
import { finishComparison, sharedComparisonSettings } from './comparison.js';
import { configure } from './configured.js';
import { withConnectionOptions, withIncludeOption, withReportOptions } from './options.js';

function builder(y: Argv) {
  return withIncludeOption(withReportOptions(withConnectionOptions(y)))
    .option('url', { type: 'string', describe: 'live database (default: DATABASE_URL, else the PG* variables)' })
    .option('migrations', { alias: 'm', type: 'string', describe: 'directory of .sql migrations (or one .sql file) to replay' })
    .option('replay-cmd', { type: 'string', describe: 'your framework\'s migrate command, run against the scratch database ("alembic upgrade head")' })
    .option('until', { type: 'string', describe: 'replay migrations only up to this one (what a baseline stamp claims)' })
    .option('app-source', { type: 'string', array: true, describe: 'application code to scan for runtime schema writers (ensureSchema(), create_all, …) that explain drift (repeatable)' })
    .option('include-test-code', { type: 'boolean', default: false, describe: 'also scan test code under --app-source (tests/, spec/, conftest.py, *.test.ts, … are left out by default)' })
    .example('$0 check --url postgres://app@db/prod --migrations db/migrations', 'replay db/migrations into a scratch database and compare')
    .example('$0 check --replay-cmd "alembic upgrade head" --format json', 'replay with Alembic itself; live from DATABASE_URL')
    .example('$0 check --migrations db/migrations --app-source src', 'also tell which drift comes from runtime schema writers in src/');
}

type Args = ArgumentsCamelCase<Awaited<ReturnType<typeof builder>['argv']>>;

export const checkCommand: CommandModule<object, Args> = {
  command: 'check',
  describe: 'does the live database have exactly the schema the migrations produce?',
  builder: builder as unknown as CommandModule<object, Args>['builder'],
  async handler(argv) {
    const configured = await configure(argv);
    const { settings } = configured;
    const { report } = await check({
      ...(argv.url ? { url: argv.url } : {}),
      env: process.env,
      ...(settings.migrations ? { migrations: settings.migrations } : {}),
      ...(settings.replayCmd ? { replayCommand: settings.replayCmd } : {}),
      cwd: settings.replayCwd,
      ...sharedComparisonSettings(argv, configured),
    });
    await finishComparison(report, argv, configured);
  },
};

