import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { withLiveSessionOptions } from './live-options.js';
import { withReportOptions, withSchemaOptions } from './options.js';

function builder(y: Argv) {
  return withReportOptions(withSchemaOptions(withLiveSessionOptions(y)))
    .option('snapshot', { type: 'string', describe: 'the expected schema: a .json written by pgparity snapshot' })
    .option('allow-extra', { type: 'boolean', default: false, describe: 'forward-compatible: tables, columns, indexes live has beyond the snapshot are fine' })
    .example('$0 verify --snapshot snapshots/expected.json', 'is live (DATABASE_URL) the schema this build expects?')
    .example('$0 verify --snapshot snapshots/expected.json --allow-extra', 'accept what a newer schema adds');
}

export type VerifyArgs = ArgumentsCamelCase<Awaited<ReturnType<typeof builder>['argv']>>;

export const verifyCommand: CommandModule<object, VerifyArgs> = {
  command: 'verify',
  describe: 'compare live with a committed snapshot, without a scratch server (the startup check, from the shell)',
  builder: builder as unknown as CommandModule<object, VerifyArgs>['builder'],
  handler: async (argv) => (await import('./handlers/verify.js')).runVerify(argv),
};
