/**
 * One pgparity catalog read in a fresh process (`node --expose-gc --import tsx`), so that the
 * process' peak RSS belongs to this read alone. Target: BENCH_TARGET_URL. Prints one JSON line.
 */
import { EventEmitter } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { introspectCatalog } from '../src/catalog/index.js';
import { connect } from '../src/db/connect.js';
import { parseTarget } from '../src/db/target.js';

export interface IntrospectionRun {
  /** connect + introspectCatalog, measured in this process. */
  readonly ms: number;
  readonly queryCount: number;
  readonly objects: number;
  readonly objectsByKind: Record<string, number>;
  /** RSS before connecting (modules loaded, after a forced GC), and the process' peak RSS then and at the end. */
  readonly baselineRssMiB: number;
  readonly loadPeakRssMiB: number;
  readonly peakRssMiB: number;
  /** Heap still used after a forced GC while the snapshot is alive, over the baseline. */
  readonly retainedHeapMiB: number;
  readonly snapshotJsonMiB: number;
  readonly queries: readonly QueryTiming[];
}

export interface QueryTiming {
  /** The catalog .sql file the text came from, else its first line. */
  readonly label: string;
  /**
   * From its send (or the previous reply, when it queued behind it) to the handling of its reply.
   * introspectCatalog sends the next query before mapping the previous rows, so this also holds
   * that mapping whenever the mapping outlasts the server's work.
   */
  readonly ms: number;
  readonly rows: number;
}

const MiB = 1024 * 1024;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

const SQL_DIR = new URL('../src/catalog/sql/', import.meta.url);
const SQL_FILES = readdirSync(SQL_DIR)
  .filter((f) => f.endsWith('.sql'))
  .map((file) => ({ file, text: readFileSync(new URL(file, SQL_DIR), 'utf8').trim() }));

function labelOf(text: string): string {
  const trimmed = text.trim();
  const file = SQL_FILES.find((f) => f.text === trimmed) ?? SQL_FILES.find((f) => trimmed.includes(f.text) || f.text.includes(trimmed));
  return file?.file ?? trimmed.split('\n')[0]!.slice(0, 60);
}

/**
 * Record every query's time. Queries that are sent together queue on the one connection,
 * so each is charged from max(its send, the previous reply) to its reply.
 */
function recordQueries(client: pg.Client): () => QueryTiming[] {
  const sent: { label: string; start: number; end?: number; rows: number }[] = [];
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args) => {
    const first = args[0] as string | { text?: string };
    const entry: (typeof sent)[number] = { label: labelOf(typeof first === 'string' ? first : (first.text ?? '')), start: performance.now(), rows: 0 };
    sent.push(entry);
    const result = query(...args);
    if (result instanceof EventEmitter) {
      // A family's query, submitted as a pg Query whose rows are mapped as they stream in.
      result.on('row', () => entry.rows++).on('end', () => (entry.end = performance.now()));
      return result;
    }
    if (!(result instanceof Promise)) return result;
    return result.then((r: pg.QueryResult) => {
      entry.end = performance.now();
      entry.rows = r.rows?.length ?? 0;
      return r;
    });
  };
  return () => {
    const done = sent.filter((q) => q.end !== undefined).sort((a, b) => a.end! - b.end!);
    return done.map((q, i) => ({ label: q.label, ms: q.end! - Math.max(q.start, done[i - 1]?.end ?? 0), rows: q.rows }));
  };
}

async function introspectOnce(url: string): Promise<IntrospectionRun> {
  gc();
  const baseline = process.memoryUsage();
  const loadPeakRssMiB = process.resourceUsage().maxRSS / 1024;
  const start = performance.now();
  const client = await connect(parseTarget(url), { readOnly: true, applicationName: 'pgparity-bench' });
  const timings = recordQueries(client);
  try {
    const { snapshot, queryCount } = await introspectCatalog(client, { source: 'bench' });
    const ms = performance.now() - start;
    const peakRssMiB = process.resourceUsage().maxRSS / 1024;
    gc();
    const retainedHeapMiB = (process.memoryUsage().heapUsed - baseline.heapUsed) / MiB;
    const objectsByKind: Record<string, number> = {};
    for (const o of snapshot.objects) objectsByKind[o.kind] = (objectsByKind[o.kind] ?? 0) + 1;
    return {
      ms,
      queryCount,
      objects: snapshot.objects.length,
      objectsByKind,
      baselineRssMiB: baseline.rss / MiB,
      loadPeakRssMiB,
      peakRssMiB,
      retainedHeapMiB,
      snapshotJsonMiB: Buffer.byteLength(JSON.stringify(snapshot)) / MiB,
      queries: timings(),
    };
  } finally {
    await client.end();
  }
}

const url = process.env.BENCH_TARGET_URL;
if (!url) throw new Error('BENCH_TARGET_URL is not set: this script is run by bench/introspection.ts');
process.stdout.write(`${JSON.stringify(await introspectOnce(url))}\n`);
