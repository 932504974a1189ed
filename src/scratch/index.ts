import { ConfigError } from '../model/errors.js';
import { isConnectionString, parseTarget, redactConnectionString } from '../db/target.js';
import { DEFAULT_DOCKER_IMAGE, startDockerServer } from './docker.js';
import { startEmbeddedServer } from './embedded.js';
import { useExistingServer } from './url.js';
import type { ScratchNeeds, ScratchServer, ScratchSpec } from './provider.js';

export type { ScratchServer, ScratchDatabase, ScratchNeeds, ScratchSpec } from './provider.js';
export { cleanupAll, interrupted, onCleanup } from './cleanup.js';

/** `embedded`, `docker`, `docker:IMAGE` or a `postgres://` URL of a server to create databases on. */
export function parseScratchSpec(value: string): ScratchSpec {
  if (value === 'embedded') return { type: 'embedded' };
  const embedded = /^embedded:(\d+)$/.exec(value);
  if (embedded) return { type: 'embedded', major: Number(embedded[1]) };
  if (value === 'docker') return { type: 'docker', image: DEFAULT_DOCKER_IMAGE };
  if (value.startsWith('docker:')) return { type: 'docker', image: value.slice('docker:'.length) };
  if (isConnectionString(value)) return { type: 'url', url: value };
  throw new ConfigError(
    `unknown --scratch "${redactConnectionString(value)}": use embedded[:MAJOR], docker[:IMAGE] or a postgres:// URL of a server pgparity may create databases on`,
  );
}

export function startScratchServer(spec: ScratchSpec, needs: ScratchNeeds = {}): Promise<ScratchServer> {
  switch (spec.type) {
    case 'embedded':
      return startEmbeddedServer(spec.major, embeddedSettingsFor(needs));
    case 'docker':
      return startDockerServer(spec.image);
    case 'url':
      return useExistingServer(parseTarget(spec.url));
  }
}

/** Server settings for an embedded server that must meet `needs`. */
export function embeddedSettingsFor(needs: ScratchNeeds): { extraSettings?: string[] } {
  return needs.maxLocksPerTransaction ? { extraSettings: [`max_locks_per_transaction=${needs.maxLocksPerTransaction}`] } : {};
}
