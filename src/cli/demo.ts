import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { FORMATS, withColorOption, withQuietOption } from './options.js';

function builder(y: Argv) {
  return withQuietOption(
    withColorOption(
      y
        .option('scenario', { type: 'string', default: 'create-all', describe: 'which bundled scenario to run' })
        .option('format', { type: 'string', array: true, choices: FORMATS, describe: 'report format' }),
    ),
  );
}

export type DemoArgs = ArgumentsCamelCase<Awaited<ReturnType<typeof builder>['argv']>>;

/**
 * Build a drifted "live" database on an embedded server from a bundled scenario and
 * check it against the scenario's migrations: the whole pipeline, nothing to install.
 */
export const demoCommand: CommandModule<object, DemoArgs> = {
  command: 'demo',
  describe: 'build a drifted live database on an embedded PostgreSQL and check it (no Docker, no install)',
  builder: builder as unknown as CommandModule<object, DemoArgs>['builder'],
  handler: async (argv) => (await import('./handlers/demo.js')).runDemo(argv),
};
