import { diff } from '../../commands/diff.js';
import { parseSourceSpec } from '../../source/spec.js';
import { finishComparison, sharedComparisonSettings } from './comparison.js';
import { configure } from './configured.js';
import type { DiffArgs } from '../diff.js';

/** `pgparity diff --from … --to …`. */
export async function runDiff(argv: DiffArgs): Promise<void> {
  const configured = await configure(argv);
  const { report } = await diff({
    from: parseSourceSpec(argv.from),
    to: parseSourceSpec(argv.to),
    ...sharedComparisonSettings(argv, configured),
    ...(process.env.PGPASSWORD ? { defaultPassword: process.env.PGPASSWORD } : {}),
  });
  await finishComparison(report, argv, configured);
}
