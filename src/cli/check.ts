import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { withConnectionOptions, withIncludeOption, withQuietOption, withReportOptions } from './options.js';
import { numeric } from './live-options.js';

function builder(y: Argv) {
  return withQuietOption(withIncludeOption(withReportOptions(withConnectionOptions(y))))
    .option('url', { type: 'string', describe: 'live database (default: DATABASE_URL, else the PG* variables)' })
    .option('migrations', { alias: 'm', type: 'string', describe: 'directory of .sql migrations (or one .sql file) to replay' })
    .option('replay-cmd', { type: 'string', describe: 'your framework\'s migrate command, run against the scratch database ("alembic upgrade head")' })
    .option('until', { type: 'string', describe: 'replay migrations only up to this one (what a baseline stamp claims)' })
    .option('app-source', {
      type: 'string',
      array: true,
      describe: 'application code to scan for runtime schema writers (ensureSchema(), create_all, …) that explain drift (repeatable)',
    })
    .option('targets', {
      type: 'string',
      describe: 'a fleet: JSON or YAML list of { name, url } databases, each compared with the migrations replayed once (${ENV} in URLs)',
    })
    .option('targets-query', {
      type: 'string',
      describe:
        'a fleet: SQL run on --url whose first column names databases of that server ("select datname from pg_database where datname like \'tenant_%\'")',
    })
    .option('tenant-schemas', {
      type: 'string',
      describe: 'a fleet of schemas: every schema of --url matching this pattern (tenant_*) compared with the migrations',
    })
    .option('migrations-schema', {
      type: 'string',
      default: 'public',
      describe: 'with --tenant-schemas: the schema the migrations create their objects in when replayed',
    })
    .option('concurrency', {
      requiresArg: true,
      coerce: numeric('concurrency'),
      default: 4,
      describe: 'with --targets: how many databases are read at once (one connection each)',
    })
    .option('shard', { type: 'string', describe: 'with a fleet: take only share i of n (1-based, by a hash of the target name), e.g. 3/16' })
    .option('include-test-code', {
      type: 'boolean',
      default: false,
      describe: 'also scan test code under --app-source (tests/, spec/, conftest.py, *.test.ts, … are left out by default)',
    })
    .example('$0 check --url postgres://app@db/prod --migrations db/migrations', 'replay db/migrations into a scratch database and compare')
    .example('$0 check --replay-cmd "alembic upgrade head" --format json', 'replay with Alembic itself; live from DATABASE_URL')
    .example('$0 check --migrations db/migrations --app-source src', 'also tell which drift comes from runtime schema writers in src/')
    .example('$0 check --migrations db/migrations --targets targets.json --format html -o drift.html', 'every database of a fleet against the migrations')
    .example("$0 check --migrations db/migrations --url $URL --tenant-schemas 'tenant_*'", 'every tenant schema against the migrations');
}

export type CheckArgs = ArgumentsCamelCase<Awaited<ReturnType<typeof builder>['argv']>>;

export const checkCommand: CommandModule<object, CheckArgs> = {
  command: 'check',
  describe: 'does the live database have exactly the schema the migrations produce?',
  builder: builder as unknown as CommandModule<object, CheckArgs>['builder'],
  handler: async (argv) => (await import('./handlers/check.js')).runCheck(argv),
};
