import { onCleanup, scratchNotice } from './cleanup.js';
import { ownerComment, sweepScratchDatabases } from './leftovers.js';
import { createDatabaseOn, dropDatabaseOn, readServerFingerprint, readServerVersion, scratchDatabaseName } from './server-admin.js';
import type { ScratchDatabase, ScratchServer } from './provider.js';
import type { ConnectionTarget } from '../db/target.js';

/**
 * Use an existing server the user points at: pgparity creates uniquely named
 * databases there and drops each of them afterwards. The server itself is never touched.
 * Each database carries its creator (pid, host, start time) as its COMMENT, so that what a
 * killed run leaves behind is dropped by the next run on the same host.
 */
export async function useExistingServer(admin: ConnectionTarget, provider = 'url'): Promise<ScratchServer> {
  const serverVersion = await readServerVersion(admin);
  for (const line of await sweepScratchDatabases(admin)) scratchNotice(line);
  const created = new Map<string, () => void>();
  const creations = new Map<string, Promise<unknown>>();
  const drop = async (name: string): Promise<void> => {
    created.get(name)?.();
    created.delete(name);
    // Interrupted while CREATE DATABASE runs: drop what it creates, once it has.
    await creations.get(name)?.catch(() => undefined);
    creations.delete(name);
    await dropDatabaseOn(admin, name);
  };
  return {
    provider,
    serverVersion,
    fingerprint: () => readServerFingerprint(admin),
    async createDatabase(): Promise<ScratchDatabase> {
      const name = scratchDatabaseName();
      // Registered before the database exists, so that no signal falls between creating and registering it.
      created.set(
        name,
        onCleanup(() => drop(name)),
      );
      const creating = createDatabaseOn(admin, admin.host, undefined, name, ownerComment());
      creations.set(name, creating);
      return creating;
    },
    async close() {
      for (const name of [...created.keys()]) await drop(name).catch(() => undefined);
    },
  };
}
