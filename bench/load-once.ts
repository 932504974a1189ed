/**
 * One `pgparity snapshot <migrations>` as the library does it (start the scratch server or reuse
 * the cache, replay, read), in a fresh process. BENCH_MIGRATIONS, BENCH_MAJOR (optional),
 * BENCH_CACHE=0 for --no-cache; the cache directory is PGPARITY_CACHE_DIR.
 * Prints one JSON line { ms, objects, replayCache }.
 */
import { performance } from 'node:perf_hooks';
import { loadSource } from '../src/source/load.js';
import { ScratchPool } from '../src/source/scratch-pool.js';

const dir = process.env.BENCH_MIGRATIONS;
if (!dir) throw new Error('BENCH_MIGRATIONS is set by bench/replay.ts');
const major = process.env.BENCH_MAJOR ? Number(process.env.BENCH_MAJOR) : undefined;
const start = performance.now();
const scratch = new ScratchPool({ type: 'embedded', ...(major === undefined ? {} : { major }) });
try {
  const loaded = await loadSource({ type: 'migrations', path: dir }, { scratch, cache: process.env.BENCH_CACHE !== '0' });
  await scratch.close();
  const ms = performance.now() - start;
  process.stdout.write(`${JSON.stringify({ ms, objects: loaded.snapshot.objects.length, replayCache: loaded.replayCache ?? null })}\n`);
} finally {
  await scratch.close();
}
