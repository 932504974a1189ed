import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedServer } from '../../src/scratch/embedded.js';
import { parseTarget, targetUrl } from '../../src/db/target.js';
import { useExistingServer } from '../../src/scratch/url.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the test server (with its password): each test file creates its own database there. */
    adminUrl: string;
    serverVersion: string;
  }
}

/**
 * One real PostgreSQL for the whole run: TEST_DATABASE_URL when set, else an embedded server.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Temporary files and pgparity's cache go to one directory per run, removed at the end: tests
  // neither read nor write the user's cache (workers and CLI runs inherit both variables).
  const runTmp = await mkdtemp(join(tmpdir(), 'pgparity-vitest-'));
  // Under root the server user must reach scratch directories in it. The test server itself keeps
  // its data where pgparity would put it (TMPDIR is set after it started).
  await chmod(runTmp, 0o755);
  process.env.PGPARITY_CACHE_DIR = join(runTmp, 'cache');
  const server = process.env.TEST_DATABASE_URL ? await useExistingServer(parseTarget(process.env.TEST_DATABASE_URL)) : await startEmbeddedServer();
  process.env.TMPDIR = runTmp;
  const adminUrl = process.env.TEST_DATABASE_URL ?? targetUrl({ ...(await server.createDatabase()).target, database: 'postgres' });
  project.provide('adminUrl', adminUrl);
  project.provide('serverVersion', server.serverVersion);
  return async () => {
    await server.close();
    await rm(runTmp, { recursive: true, force: true });
  };
}
