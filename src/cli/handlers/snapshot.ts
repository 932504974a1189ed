import { takeSnapshot } from '../../commands/snapshot.js';
import { serializeSnapshot } from '../../catalog/index.js';
import { parseSourceSpec } from '../../source/spec.js';
import { clearProgress, notice, withProgress } from '../console.js';
import { configure, scratchFrom } from './configured.js';
import { includeFrom, limitsFrom } from '../options.js';
import type { SnapshotArgs } from '../snapshot.js';
import { writeOutput } from './output.js';

/** `pgparity snapshot SOURCE`: the normalized schema as JSON, to stdout or --output. */
export async function runSnapshot(argv: SnapshotArgs): Promise<void> {
  // The config file's scratch and schema settings apply here too; its report settings do not.
  const { settings } = await configure(
    { config: argv.config, scratch: argv.scratch, schema: argv.schema, excludeSchema: argv.excludeSchema, searchPath: argv.searchPath },
    { waivers: false },
  );
  const snapshot = await takeSnapshot({
    source: parseSourceSpec(argv.source),
    scratch: scratchFrom(settings.scratch),
    limits: limitsFrom(argv),
    include: includeFrom(argv.include),
    schemas: settings.schemas,
    excludeSchemas: settings.excludeSchemas,
    searchPath: settings.searchPath,
    ...(process.env.PGPASSWORD ? { defaultPassword: process.env.PGPASSWORD } : {}),
    ...(argv.cache ? {} : { cache: false }),
    ...withProgress(argv.quiet),
    notice,
  });
  clearProgress();
  const text = serializeSnapshot(snapshot);
  await writeOutput(argv.output, text);
}
