/**
 * One pgparity replay of a migrations directory into an existing scratch database, in a fresh
 * process (so PostgreSQL's parser, which the replay loads, starts cold as in a real run).
 * BENCH_TARGET_URL, BENCH_MIGRATIONS; prints one JSON line { ms, files }.
 */
import { performance } from 'node:perf_hooks';
import { parseTarget } from '../src/db/target.js';
import { discoverMigrations, replayMigrations } from '../src/replay/index.js';

const url = process.env.BENCH_TARGET_URL;
const dir = process.env.BENCH_MIGRATIONS;
if (!url || !dir) throw new Error('BENCH_TARGET_URL and BENCH_MIGRATIONS are set by bench/replay.ts');
const start = performance.now();
const migrations = await discoverMigrations(dir);
await replayMigrations(parseTarget(url), migrations);
process.stdout.write(`${JSON.stringify({ ms: performance.now() - start, files: migrations.length })}\n`);
