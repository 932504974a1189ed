import { onCleanup } from './cleanup.js';
import { createDatabaseOn, dropDatabaseOn, readServerFingerprint, readServerVersion } from './server-admin.js';
import type { ScratchDatabase, ScratchServer } from './provider.js';
import type { ConnectionTarget } from '../db/target.js';

/**
 * Use an existing server the user points at: pgparity creates uniquely named
 * databases there and drops each of them afterwards. The server itself is never touched.
 */
export async function useExistingServer(admin: ConnectionTarget, provider = 'url'): Promise<ScratchServer> {
  const serverVersion = await readServerVersion(admin);
  const created = new Map<string, () => void>();
  const drop = async (name: string): Promise<void> => {
    created.get(name)?.();
    created.delete(name);
    await dropDatabaseOn(admin, name);
  };
  return {
    provider,
    serverVersion,
    fingerprint: () => readServerFingerprint(admin),
    async createDatabase(): Promise<ScratchDatabase> {
      const db = await createDatabaseOn(admin);
      created.set(db.name, onCleanup(() => drop(db.name)));
      return db;
    },
    async close() {
      for (const name of [...created.keys()]) await drop(name).catch(() => undefined);
    },
  };
}
