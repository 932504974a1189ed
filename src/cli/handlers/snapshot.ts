import { writeFile } from 'node:fs/promises';
import { ConfigError } from '../../model/errors.js';
import { takeSnapshot } from '../../commands/snapshot.js';
import { serializeSnapshot } from '../../catalog/index.js';
import { parseSourceSpec } from '../../source/spec.js';
import { clearProgress, notice, withProgress } from '../console.js';
import { configure, scratchFrom } from './configured.js';
import { includeFrom, limitsFrom } from '../options.js';
import type { SnapshotArgs } from '../snapshot.js';

/** `pgparity snapshot SOURCE`: the normalized schema as JSON, to stdout or --output. */
export async function runSnapshot(argv: SnapshotArgs): Promise<void> {
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
}
