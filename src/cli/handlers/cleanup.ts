import { cleanupScratch } from '../../commands/cleanup.js';
import { scratchFrom } from './configured.js';
import type { CleanupArgs } from '../cleanup.js';

/** `pgparity cleanup`: prints what it removed. */
export async function runCleanup(argv: CleanupArgs): Promise<void> {
  for (const line of await cleanupScratch(scratchFrom(argv.scratch))) process.stdout.write(`${line}\n`);
}
