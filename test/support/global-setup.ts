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

/** One real PostgreSQL for the whole run: TEST_DATABASE_URL when set, else an embedded server. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const fromEnv = process.env.TEST_DATABASE_URL;
  if (fromEnv) {
    const server = await useExistingServer(parseTarget(fromEnv));
    project.provide('adminUrl', fromEnv);
    project.provide('serverVersion', server.serverVersion);
    return () => server.close();
  }
  const server = await startEmbeddedServer();
  const db = await server.createDatabase();
  project.provide('adminUrl', targetUrl({ ...db.target, database: 'postgres' }));
  project.provide('serverVersion', server.serverVersion);
  return () => server.close();
}
