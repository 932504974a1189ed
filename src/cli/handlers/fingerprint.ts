import { fingerprint, type FingerprintSettings } from '../../commands/fingerprint.js';
import { resolveLiveTarget } from '../../config/live-target.js';
import { parseShard } from '../../fleet/shard.js';
import { ConfigError } from '../../model/errors.js';
import { ScratchPool } from '../../source/scratch-pool.js';
import { loadOptions, loadSource } from '../../source/load.js';
import { parseSourceSpec } from '../../source/spec.js';
import { renderFingerprintJson, renderFingerprintText } from '../../report/fingerprint.js';
import { TOOL } from '../../version.js';
import { clearProgress, withProgress } from '../console.js';
import { scratchFrom } from './configured.js';
import { fleetTargets } from './fleet.js';
import { limitsFrom } from '../options.js';
import type { FingerprintArgs } from '../fingerprint.js';

/** Group identical schemas (databases or tenant schemas) and say how the outliers differ. */
export async function runFingerprint(argv: FingerprintArgs): Promise<void> {
  const chosen = [argv.targets, argv.targetsQuery, argv.tenantSchemas].filter((v) => v !== undefined).length;
  if (chosen !== 1) throw new ConfigError('give one of --tenant-schemas PATTERN, --targets FILE or --targets-query SQL');
  const limits = limitsFrom(argv);
  const { progress } = withProgress(argv.quiet);
  let reference: FingerprintSettings['reference'];
  if (argv.migrations) {
    const scratch = new ScratchPool(scratchFrom(argv.scratch));
    try {
      const loaded = await loadSource(parseSourceSpec(argv.migrations), loadOptions({ limits, cache: argv.cache, ...(progress ? { progress } : {}) }, scratch));
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
}
