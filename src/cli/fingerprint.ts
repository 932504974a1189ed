import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { fingerprint, type FingerprintSettings } from '../commands/fingerprint.js';
import { resolveLiveTarget } from '../config/live-target.js';
import { parseShard } from '../fleet/shard.js';
import { ConfigError } from '../model/errors.js';
import { ScratchPool } from '../source/scratch-pool.js';
import { loadOptions, loadSource } from '../source/load.js';
import { parseSourceSpec } from '../source/spec.js';
import { renderFingerprintJson, renderFingerprintText } from '../report/fingerprint.js';
import { TOOL } from '../version.js';
import { clearProgress, withProgress } from './console.js';
import { fleetTargets } from './fleet.js';
import { numeric } from './live-options.js';
import { limitsFrom, scratchFrom, withConnectionOptions, withQuietOption } from './options.js';

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

type Args = ArgumentsCamelCase<Awaited<ReturnType<typeof builder>['argv']>>;

/** Group identical schemas (databases or tenant schemas) and say how the outliers differ. */
export const fingerprintCommand: CommandModule<object, Args> = {
  command: 'fingerprint',
  describe: 'group databases or tenant schemas whose schemas are identical, and name the outliers',
  builder: builder as unknown as CommandModule<object, Args>['builder'],
  async handler(argv) {
    const chosen = [argv.targets, argv.targetsQuery, argv.tenantSchemas].filter((v) => v !== undefined).length;
    if (chosen !== 1) throw new ConfigError('give one of --tenant-schemas PATTERN, --targets FILE or --targets-query SQL');
    const limits = limitsFrom(argv);
    const { progress } = withProgress(argv.quiet);
    let reference: FingerprintSettings['reference'];
    if (argv.migrations) {
      const scratch = new ScratchPool(scratchFrom(argv.scratch));
      try {
        const loaded = await loadSource(
          parseSourceSpec(argv.migrations),
          loadOptions({ limits, cache: argv.cache, ...(progress ? { progress } : {}) }, scratch),
        );
        reference = { snapshot: loaded.snapshot, source: loaded.side.source, schema: argv.migrationsSchema };
      } finally {
        await scratch.close();
      }
    }
    const shard = argv.shard !== undefined ? parseShard(argv.shard) : undefined;
    const report = await fingerprint({
      ...(argv.tenantSchemas !== undefined
        ? { tenants: { live: resolveLiveTarget(argv.url, process.env).target, pattern: argv.tenantSchemas } }
        : { targets: await fleetTargets(argv) }),
      ...(reference ? { reference } : {}),
      ...(shard ? { shard } : {}),
      ...(argv.schema ? { schemas: argv.schema } : {}),
      ...(argv.excludeSchema ? { excludeSchemas: argv.excludeSchema } : {}),
      concurrency: argv.concurrency,
      limits,
      ...(progress ? { progress } : {}),
    });
    clearProgress();
    process.stdout.write(argv.format === 'json' ? renderFingerprintJson(report, TOOL) : renderFingerprintText(report));
    // Outliers are drift; targets that could not be read, exit 3, as for check.
    process.exitCode = report.groups.length > 1 || report.groups.some((g) => (g.findings?.length ?? 0) > 0) ? 1 : report.failed.length > 0 ? 3 : 0;
  },
};
