import { parseTarget } from '../db/target.js';
import { ConfigError } from '../model/errors.js';
import { dropLeftoverDatabases, removeLeftoverServers } from '../scratch/leftovers.js';
import type { ScratchSpec } from '../scratch/provider.js';
import { scratchRoot } from '../scratch/scratch-root.js';

/**
 * Remove what killed runs left behind: on `embedded`, the scratch servers in the scratch
 * directory whose pgparity process on this host is gone; on a URL scratch server, the
 * `pgparity_scratch_*` databases older than an hour or whose owner on this host is gone.
 * Returns one line per thing removed (or kept), for the user.
 */
export async function cleanupScratch(scratch: ScratchSpec): Promise<string[]> {
  switch (scratch.type) {
    case 'embedded': {
      const root = await scratchRoot();
      const removed = await removeLeftoverServers(root);
      return removed.length > 0 ? removed : [`no leftover scratch servers in ${root}`];
    }
    case 'url': {
      const lines = await dropLeftoverDatabases(parseTarget(scratch.url));
      return lines.length > 0 ? lines : ['no leftover scratch databases'];
    }
    case 'docker':
      throw new ConfigError('cleanup works on --scratch embedded or --scratch postgres://…: docker scratch containers are removed by testcontainers itself');
  }
}
