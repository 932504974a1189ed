import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';

function builder(y: Argv) {
  return y
    .option('scratch', {
      type: 'string',
      describe: 'embedded (default: the scratch directory on this host) | postgres://admin@host/db (a server used as --scratch)',
    })
    .example('$0 cleanup --scratch postgres://admin@ci-db/postgres', 'drop scratch databases killed runs left there')
    .example('$0 cleanup', 'stop and remove embedded scratch servers whose run was killed');
}

export type CleanupArgs = ArgumentsCamelCase<Awaited<ReturnType<typeof builder>['argv']>>;

export const cleanupCommand: CommandModule<object, CleanupArgs> = {
  command: 'cleanup',
  describe: 'remove scratch servers and databases that killed runs left behind',
  builder: builder as unknown as CommandModule<object, CleanupArgs>['builder'],
  handler: async (argv) => (await import('./handlers/cleanup.js')).runCleanup(argv),
};
