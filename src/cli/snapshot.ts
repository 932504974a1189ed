import { writeFile } from 'node:fs/promises';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { ConfigError } from '../model/errors.js';
import { takeSnapshot } from '../commands/snapshot.js';
import { serializeSnapshot } from '../catalog/index.js';
import { parseSourceSpec } from '../source/spec.js';
import { clearProgress, notice, withProgress } from './console.js';
import { configure } from './configured.js';
import { includeFrom, limitsFrom, scratchFrom, withConnectionOptions, withIncludeOption, withQuietOption } from './options.js';

function builder(y: Argv) {
  return withIncludeOption(withQuietOption(withConnectionOptions(y)))
    .positional('source', { type: 'string', demandOption: true, describe: 'postgres:// URL | migrations dir | .sql file | .json snapshot' })
    .option('output', { alias: 'o', type: 'string', describe: 'write to FILE instead of stdout' })
    .example('$0 snapshot postgres://app@db/prod -o snapshots/prod.json', 'save the live schema')
    .example('$0 snapshot db/migrations -o snapshots/expected.json', 'save what the migrations produce');
}

type Args = ArgumentsCamelCase<Awaited<ReturnType<typeof builder>['argv']>>;

export const snapshotCommand: CommandModule<object, Args> = {
  command: 'snapshot <source>',
  describe: 'write the normalized schema of a SOURCE as deterministic JSON',
  builder: builder as unknown as CommandModule<object, Args>['builder'],
  async handler(argv) {
    // The config file's scratch and schema settings apply here too; its report settings do not.
    const { settings } = await configure(
      { config: argv.config, scratch: argv.scratch, schema: argv.schema, excludeSchema: argv.excludeSchema },
      { waivers: false },
    );
    const snapshot = await takeSnapshot({
      source: parseSourceSpec(argv.source),
      scratch: scratchFrom(settings.scratch),
      limits: limitsFrom(argv),
      include: includeFrom(argv.include),
      schemas: settings.schemas,
      excludeSchemas: settings.excludeSchemas,
      ...(process.env.PGPASSWORD ? { defaultPassword: process.env.PGPASSWORD } : {}),
      ...(argv.cache ? {} : { cache: false }),
      ...withProgress(argv.quiet),
      notice,
    });
    clearProgress();
    const text = serializeSnapshot(snapshot);
    if (argv.output) {
      await writeFile(argv.output, text).catch((error: NodeJS.ErrnoException) => {
        throw new ConfigError(`cannot write ${argv.output}: ${error.code === 'ENOENT' ? 'its directory does not exist' : error.message}`);
      });
    } else {
      process.stdout.write(text);
    }
  },
};
