/**
 * What bounds introspection: pgparity's catalog queries (src/catalog/sql, the variants for the
 * server's major) run server-side only — rows fetched, nothing mapped — on one session, or on
 * BENCH_SESSIONS sessions that share one exported snapshot (pg_export_snapshot, as `pg_dump -j`
 * does), each pulling the next query from a queue ordered by cost. A measurement for the catalog's
 * owners, not a code path of pgparity. BENCH_TARGET_URL; prints one JSON line { ms, sessions }.
 */
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { catalogQueries } from '../src/catalog/introspect.js';
import { loadQuery } from '../src/catalog/sql-files.js';
import { connect } from '../src/db/connect.js';
import { parseTarget } from '../src/db/target.js';

/** Heaviest first (bench/results: columns, constraints, indexes, tables); the rest in name order. */
const FIRST = ['columns', 'constraints', 'indexes', 'tables', 'sequences'];
/** Read only with --include; its parameters differ. */
const LEFT_OUT = new Set(['access']);
const SETTINGS =
  "select set_config('search_path', '', true), set_config('max_parallel_workers_per_gather', '0', true), set_config('jit', 'off', true), set_config('work_mem', '64MB', true)";

const url = process.env.BENCH_TARGET_URL;
const sessions = Number(process.env.BENCH_SESSIONS ?? '1');
if (!url) throw new Error('BENCH_TARGET_URL is set by bench/introspection.ts');

const start = performance.now();
const clients = await Promise.all(Array.from({ length: sessions }, () => connect(parseTarget(url), { readOnly: true, applicationName: 'pgparity-bench' })));
try {
  const [first, ...others] = clients as [pg.Client, ...pg.Client[]];
  await first.query('begin isolation level repeatable read read only');
  const { rows } = await first.query<{ snapshot: string; major: number }>(
    "select pg_export_snapshot() as snapshot, current_setting('server_version_num')::int / 10000 as major",
  );
  const { snapshot, major } = rows[0]!;
  await Promise.all(
    others.map(async (c) => {
      await c.query('begin isolation level repeatable read read only');
      await c.query(`set transaction snapshot '${snapshot}'`);
    }),
  );
  await Promise.all(clients.map((c) => c.query(SETTINGS)));
  const queries = new Map(
    catalogQueries()
      .filter((q) => !LEFT_OUT.has(q.query))
      .map((q) => [q.query, q]),
  );
  const names = [...queries.keys()];
  const queue = [...FIRST.filter((n) => names.includes(n)), ...names.filter((n) => !FIRST.includes(n)).sort()];
  const texts = new Map(await Promise.all(queue.map(async (n) => [n, await loadQuery(n, major)] as const)));
  // The parameters introspect.ts passes for "every schema, every relation".
  const paramsOf = (name: string): unknown[] => {
    const q = queries.get(name);
    return q?.databaseWide ? [] : q?.relationBound ? [null, null, null] : [null, null];
  };
  await Promise.all(
    clients.map(async (client) => {
      for (let name = queue.shift(); name !== undefined; name = queue.shift()) await client.query(texts.get(name)!, paramsOf(name));
    }),
  );
  await Promise.all(clients.map((c) => c.query('commit')));
  process.stdout.write(`${JSON.stringify({ ms: performance.now() - start, sessions })}\n`);
} finally {
  await Promise.all(clients.map((c) => c.end()));
}
