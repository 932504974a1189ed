import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { FORMATS, withColorOption, withFormatOptions } from './options.js';

function builder(y: Argv) {
  return withColorOption(
    withFormatOptions(
      y.positional('reports', { type: 'string', array: true, describe: 'the JSON reports of the shards (check --targets … --shard i/n --format json)' }),
      FORMATS,
    ).option('fail-on', {
      type: 'string',
      choices: ['error', 'warning', 'info'] as const,
      describe: "lowest severity that fails the fleet (default: the shards' own)",
    }),
  ).example('$0 merge part-*.json --format html -o fleet.html --format markdown -o summary.md', 'one report, and the exit code the whole fleet would have');
}

export type MergeArgs = ArgumentsCamelCase<Awaited<ReturnType<typeof builder>['argv']>>;

/** Combine the shards' JSON reports of a fleet run into one, with the whole fleet's exit code. */
export const mergeCommand: CommandModule<object, MergeArgs> = {
  command: 'merge <reports..>',
  describe: "combine the JSON reports of a fleet's shards into one report (any format) with the fleet's exit code",
  builder: builder as unknown as CommandModule<object, MergeArgs>['builder'],
  handler: async (argv) => (await import('./handlers/merge.js')).runMerge(argv),
};
