import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { withConnectionOptions, withIncludeOption, withQuietOption } from './options.js';

function builder(y: Argv) {
  return withIncludeOption(withQuietOption(withConnectionOptions(y)))
    .positional('source', { type: 'string', demandOption: true, describe: 'postgres:// URL | migrations dir | .sql file | .json snapshot' })
    .option('output', { alias: 'o', type: 'string', describe: 'write to FILE instead of stdout' })
    .example('$0 snapshot postgres://app@db/prod -o snapshots/prod.json', 'save the live schema')
    .example('$0 snapshot db/migrations -o snapshots/expected.json', 'save what the migrations produce');
}

export type SnapshotArgs = ArgumentsCamelCase<Awaited<ReturnType<typeof builder>['argv']>>;

export const snapshotCommand: CommandModule<object, SnapshotArgs> = {
  command: 'snapshot <source>',
  describe: 'write the normalized schema of a SOURCE as deterministic JSON',
  builder: builder as unknown as CommandModule<object, SnapshotArgs>['builder'],
  handler: async (argv) => (await import('./handlers/snapshot.js')).runSnapshot(argv),
};
