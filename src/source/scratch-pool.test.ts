import { chmod, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ScratchPool, ScratchPoolClosed } from './scratch-pool.js';

// Servers start in a directory of this file's own, so that other test files' servers do not count.
let root: string;
let previous: string | undefined;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'pgparity-pool-'));
  // Under root the server runs as `postgres`, which must reach its data directory.
  await chmod(root, 0o755);
  previous = process.env.PGPARITY_SCRATCH_DIR;
  process.env.PGPARITY_SCRATCH_DIR = root;
});
afterAll(async () => {
  if (previous === undefined) delete process.env.PGPARITY_SCRATCH_DIR;
  else process.env.PGPARITY_SCRATCH_DIR = previous;
  await rm(root, { recursive: true, force: true });
});

describe('ScratchPool', () => {
  test('once closed, it starts no server: a replay that asks after a failed live read gets an error, not a server', async () => {
    const pool = new ScratchPool({ type: 'embedded' });
    await pool.close();
    await expect(pool.get()).rejects.toBeInstanceOf(ScratchPoolClosed);
    await expect(pool.prepare()).rejects.toBeInstanceOf(ScratchPoolClosed);
    expect(await readdir(root)).toEqual([]);
  });

  test('a start in flight when it closes is waited for and removed', async () => {
    const pool = new ScratchPool({ type: 'embedded' });
    const starting = pool.get();
    await pool.close();
    const server = await starting;
    expect(server.provider).toMatch(/^embedded/);
    expect(await readdir(root)).toEqual([]);
  });
});
