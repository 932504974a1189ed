/**
 * How long the startup check takes: `verifySchema` of a generated schema of N tables against
 * its own snapshot, on an embedded server (connect, introspect, normalize, compare).
 * Prints timings; never asserts anything.
 *
 *   tsx bench/verify.ts [--tables 500] [--runs 7]
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { connect } from '../src/db/connect.js';
import { startEmbeddedServer } from '../src/scratch/embedded.js';
import { introspectCatalog } from '../src/catalog/index.js';
import { verifySchema } from '../src/commands/verify.js';
import { schemaBatches } from './schema.js';

const { values } = parseArgs({ options: { tables: { type: 'string', default: '500' }, runs: { type: 'string', default: '7' } } });
const tables = Number(values.tables);
const runs = Number(values.runs);

const server = await startEmbeddedServer();
try {
  const db = await server.createDatabase();
  const admin = await connect(db.target, { readOnly: false, limits: { statementTimeoutMs: 0, lockTimeoutMs: 0, connectTimeoutMs: 10_000 } });
  for (const batch of schemaBatches(tables)) await admin.query(batch);
  await admin.query('analyze');
  const { snapshot } = await introspectCatalog(admin, { source: 'bench' });
  await admin.end();

  const timings: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const result = await verifySchema(db.target, snapshot, { allowExtra: i % 2 === 1 });
    timings.push(performance.now() - started);
    if (!result.ok) throw new Error(`verifySchema found differences in an unchanged schema: ${result.findings.map((f) => f.message).join('; ')}`);
  }
  const sorted = [...timings].sort((a, b) => a - b);
  const objects = snapshot.objects.length;
  console.log(`verifySchema, ${tables} tables (${objects} catalog objects), PostgreSQL ${snapshot.server.version}, ${runs} runs (first one cold):`);
  console.log(`  runs: ${timings.map((t) => `${t.toFixed(0)} ms`).join(', ')}`);
  console.log(`  min ${sorted[0]!.toFixed(0)} ms · median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms · max ${sorted.at(-1)!.toFixed(0)} ms`);
} finally {
  await server.close();
}
