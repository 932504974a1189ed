/**
 * One `pgparity rehearse` through the library (embedded scratch server started, every migration
 * up, down and up again, each state read and compared), in a fresh process.
 * BENCH_MIGRATIONS, BENCH_MAJOR (optional); prints one JSON line { ms, migrations, statuses }.
 */
import { performance } from 'node:perf_hooks';
import { rehearse } from '../src/commands/rehearse.js';

const dir = process.env.BENCH_MIGRATIONS;
if (!dir) throw new Error('BENCH_MIGRATIONS is set by bench/rehearse.ts');
const major = process.env.BENCH_MAJOR ? Number(process.env.BENCH_MAJOR) : undefined;
const start = performance.now();
const result = await rehearse({ migrations: dir, cwd: process.cwd(), scratch: { type: 'embedded', ...(major === undefined ? {} : { major }) } });
const ms = performance.now() - start;
process.stdout.write(`${JSON.stringify({ ms, migrations: result.migrations.length, statuses: result.summary })}\n`);
