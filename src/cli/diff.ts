import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { withConnectionOptions, withIncludeOption, withQuietOption, withReportOptions } from './options.js';

function builder(y: Argv) {
  return withQuietOption(withIncludeOption(withReportOptions(withConnectionOptions(y))))
    .option('from', { type: 'string', demandOption: true, describe: 'expected schema: migrations dir | .sql file | .json snapshot | postgres:// URL' })
    .option('to', { type: 'string', demandOption: true, describe: 'actual schema: same kinds of SOURCE' })
    .option('until', { type: 'string', describe: 'replay --from migrations only up to this one' })
    .option('app-source', {
      type: 'string',
      array: true,
      describe: 'application code to scan for runtime schema writers (ensureSchema(), create_all, …) that explain drift (repeatable)',
    })
    .option('include-test-code', {
      type: 'boolean',
      default: false,
      describe: 'also scan test code under --app-source (tests/, spec/, conftest.py, *.test.ts, … are left out by default)',
    })
    .example('$0 diff --from db/migrations --to postgres://app@db/prod --format json', 'migrations vs live, as JSON')
    .example('$0 diff --from snapshots/prod.json --to postgres://app@staging/app', 'a committed snapshot vs a database');
}

export type DiffArgs = ArgumentsCamelCase<Awaited<ReturnType<typeof builder>['argv']>>;

export const diffCommand: CommandModule<object, DiffArgs> = {
  command: 'diff',
  describe: 'compare two schema sources (--from is expected, --to is actual)',
  builder: builder as unknown as CommandModule<object, DiffArgs>['builder'],
  handler: async (argv) => (await import('./handlers/diff.js')).runDiff(argv),
};
