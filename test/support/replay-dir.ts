import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { replayMigrations } from '../../src/replay/apply.js';
import { discoverMigrations } from '../../src/replay/discover.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface ReplayDir {
  /** The migrations directory of the current test. */
  readonly dir: string;
  /** The current test's own database. */
  readonly db: TestDatabase;
  /** Writes `files` into the directory and replays it into the database: undefined, or what the replay threw. */
  replay(files: Record<string, string>): Promise<unknown>;
}

/** A fresh migrations directory and database for each test of the file, removed after it. */
export function useReplayDir(prefix: string): ReplayDir {
  let dir = '';
  let db: TestDatabase | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
    db = await createTestDatabase();
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
    await db?.drop();
  });
  return {
    get dir() {
      return dir;
    },
    get db() {
      if (!db) throw new Error('useReplayDir: no test is running');
      return db;
    },
    async replay(files) {
      for (const [name, sql] of Object.entries(files)) await writeFile(join(dir, name), sql);
      if (!db) throw new Error('useReplayDir: no test is running');
      return replayMigrations(db.target, await discoverMigrations(dir)).then(
        () => undefined,
        (error: unknown) => error,
      );
    },
  };
}
