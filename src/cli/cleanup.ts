import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { cleanupScratch } from '../commands/cleanup.js';
import { scratchFrom } from './options.js';

function builder(y: Argv) {
  return y
    .option('scratch', {
      type: 'string',
      describe: 'embedded (default: the scratch directory on this host) | postgres://admin@host/db (a server used as --scratch)',
    })
    .example('$0 cleanup --scratch postgres://admin@ci-db/postgres', 'drop scratch databases killed runs left there')
    .example('$0 cleanup', 'stop and remove embedded scratch servers whose run was killed');
}

type Args = ArgumentsCamelCase<Awaited<ReturnType<typeof builder>['argv']>>;

export const cleanupCommand: CommandModule<object, Args> = {
  command: 'cleanup',
  describe: 'remove scratch servers and databases that killed runs left behind',
  builder: builder as unknown as CommandModule<object, Args>['builder'],
  async handler(argv) {
    for (const line of await cleanupScratch(scratchFrom(argv.scratch))) process.stdout.write(`${line}\n`);
  },
};
