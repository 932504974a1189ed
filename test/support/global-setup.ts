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
 * Temporary files of the tests go to one directory per run, removed at the end.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = process.env.TEST_DATABASE_URL ? await useExistingServer(parseTarget(process.env.TEST_DATABASE_URL)) : await startEmbeddedServer();
  const adminUrl = process.env.TEST_DATABASE_URL ?? targetUrl({ ...(await server.createDatabase()).target, database: 'postgres' });
  project.provide('adminUrl', adminUrl);
  project.provide('serverVersion', server.serverVersion);
  // Workers start after this and inherit it; under root the server user must reach scratch directories in it.
  const runTmp = await mkdtemp(join(tmpdir(), 'pgparity-vitest-'));
  await chmod(runTmp, 0o755);
  process.env.TMPDIR = runTmp;
  return async () => {
    await server.close();
    await rm(runTmp, { recursive: true, force: true });
  };
}
