import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { numeric } from './live-options.js';
import { withConnectionOptions, withQuietOption } from './options.js';

function builder(y: Argv) {
  return withQuietOption(withConnectionOptions(y))
    .option('url', { type: 'string', describe: 'the database (default: DATABASE_URL, else the PG* variables); with --tenant-schemas, the one holding them' })
    .option('tenant-schemas', { type: 'string', describe: 'group the schemas of --url matching this pattern (tenant_*)' })
    .option('targets', { type: 'string', describe: 'group these databases: a JSON or YAML list of { name, url }' })
    .option('targets-query', { type: 'string', describe: 'group the databases of the --url server this SQL names (first column)' })
    .option('migrations', { alias: 'm', type: 'string', describe: 'compare outlier groups with these migrations (replayed once) instead of with the majority' })
    .option('migrations-schema', {
      type: 'string',
      default: 'public',
      describe: 'with --tenant-schemas and --migrations: the schema the migrations create their objects in',
    })
    .option('concurrency', { requiresArg: true, coerce: numeric('concurrency'), default: 4, describe: 'how many databases are read at once' })
    .option('shard', { type: 'string', describe: 'only share i of n of the targets (1-based), e.g. 2/8' })
    .option('format', { type: 'string', choices: ['text', 'json'] as const, default: 'text', describe: 'report format' })
    .example("$0 fingerprint --url $URL --tenant-schemas 'tenant_*'", 'group identical tenant schemas and name the outliers');
}

export type FingerprintArgs = ArgumentsCamelCase<Awaited<ReturnType<typeof builder>['argv']>>;

/** Group identical schemas (databases or tenant schemas) and say how the outliers differ. */
export const fingerprintCommand: CommandModule<object, FingerprintArgs> = {
  command: 'fingerprint',
  describe: 'group databases or tenant schemas whose schemas are identical, and name the outliers',
  builder: builder as unknown as CommandModule<object, FingerprintArgs>['builder'],
  handler: async (argv) => (await import('./handlers/fingerprint.js')).runFingerprint(argv),
};
