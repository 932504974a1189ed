/**
 * `pgparity preflight` on a live table of N rows (default 5 million) with a pending FOREIGN KEY,
 * SET NOT NULL and CHECK, next to the same three `SELECT count(*)` checks run by hand (psql when
 * on PATH, else the pg driver). preflight reads the table once for all three; by hand is one
 * scan per check. The fixed cost (scratch server, replay, measurement) is timed apart with
 * --max-scan-rows 1000 --no-examples, where live is only sampled. Prints timings; asserts nothing.
 */
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { connect } from '../src/db/connect.js';
import { targetUrl } from '../src/db/target.js';
import type { ScratchServer } from '../src/scratch/provider.js';
import type { SectionResult } from './introspection.js';
import { header, ratio, row, seconds, stats } from './stats.js';

const run = promisify(execFile);
const OPEN = { statementTimeoutMs: 0, lockTimeoutMs: 0, connectTimeoutMs: 10_000 };

const SCHEMA = `CREATE TABLE customers (id integer PRIMARY KEY, name text NOT NULL);
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id integer, amount numeric(10, 2), note text);
`;
const PENDING = `ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);
ALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL;
ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0);
`;
/** The same checks as a person would type them: one per constraint. */
const BY_HAND = [
  'select count(*) from orders where customer_id is null',
  'select count(*) from orders where (amount > 0) is false',
  'select count(*) from orders o where o.customer_id is not null and not exists (select 1 from customers c where c.id = o.customer_id)',
];

export interface PreflightBenchInput {
  readonly rows: number;
  readonly runs: number;
  readonly server: ScratchServer;
  readonly cli: string;
  readonly work: string;
  /** psql on PATH, if any. */
  readonly psql?: string;
}

export async function benchPreflight(input: PreflightBenchInput): Promise<SectionResult> {
  const db = await input.server.createDatabase();
  const admin = await connect(db.target, { readOnly: false, limits: OPEN });
  const loadStart = performance.now();
  try {
    await admin.query(SCHEMA);
    const customers = Math.max(1000, Math.round(input.rows / 50));
    await admin.query(`insert into customers select id, 'c' || id from generate_series(1, ${customers}) id`);
    // One row in 100,000 has no customer, one an unknown customer, one a negative amount.
    await admin.query(`insert into orders select id,
        case when id % 100000 = 1 then null when id % 100000 = 2 then ${customers} + id::int else (id % ${customers}) + 1 end,
        case when id % 100000 = 3 then -1 else id % 500 + 1 end, 'n' || id
      from generate_series(1, ${input.rows}) id`);
    await admin.query('analyze');
  } finally {
    await admin.end();
  }
  const loadMs = performance.now() - loadStart;
  const migrations = join(input.work, 'preflight-migrations');
  await mkdir(migrations, { recursive: true });
  await writeFile(join(migrations, '001_init.sql'), SCHEMA);
  await writeFile(join(migrations, '002_constraints.sql'), PENDING);
  const url = targetUrl(db.clientTarget);
  const preflightArgs = (maxScanRows: number, ...more: string[]): string[] => [
    input.cli,
    'preflight',
    '--url',
    url,
    '--migrations',
    migrations,
    '--since',
    '002',
    '--no-parity-check',
    '--statement-timeout',
    '3600',
    '--max-scan-rows',
    String(maxScanRows),
    '--format',
    'json',
    '--quiet',
    ...more,
  ];

  const full: number[] = [];
  const fixed: number[] = [];
  const hand: number[] = [];
  let counts: unknown;
  for (let i = 0; i < input.runs; i++) {
    let t = performance.now();
    // Exit 1: the violations make it unsafe, as intended.
    const { stdout } = await run(process.execPath, preflightArgs(input.rows + 1), { maxBuffer: 64 * 1024 * 1024 }).catch(
      (e: { stdout: string; code: number }) => {
        if (e.code !== 1) throw e;
        return e;
      },
    );
    full.push(performance.now() - t);
    const report = JSON.parse(stdout) as { pending: { statements: { violations: { constraint: string; rows: number }[] }[] }[] };
    counts = report.pending[0]!.statements.flatMap((s) => s.violations.map((v) => `${v.constraint}: ${v.rows}`));
    t = performance.now();
    await run(process.execPath, preflightArgs(1000, '--no-examples')).catch((e: { code: number }) => {
      if (e.code !== 1) throw e;
    });
    fixed.push(performance.now() - t);
    t = performance.now();
    if (input.psql) {
      await run(input.psql, ['-X', '-q', '-A', '-t', url, ...BY_HAND.flatMap((q) => ['-c', q])]);
    } else {
      const client = await connect(db.clientTarget, { readOnly: true, limits: OPEN });
      for (const q of BY_HAND) await client.query(q);
      await client.end();
    }
    hand.push(performance.now() - t);
  }
  const f = stats(full);
  const k = stats(fixed);
  const h = stats(hand);
  const liveMedian = Math.max(0, f.median - k.median);
  const by = input.psql ? 'psql' : 'the pg driver (no psql on PATH)';
  const lines = [
    `preflight — live orders table of ${input.rows.toLocaleString('en-US')} rows (loaded in ${seconds(loadMs)}), pending FK + SET NOT NULL + CHECK, ${input.runs} runs`,
    header(),
    row('pgparity preflight, whole run', f, `found ${(counts as string[]).join(', ')}`),
    row('  … fixed cost (scratch, replay, measure; live sampled, no examples)', k),
    row(`the 3 count(*) checks by hand (${by})`, h),
    `  live reading of preflight ≈ whole − fixed = ${seconds(liveMedian)} median: ${ratio(liveMedian / h.median)} the checks by hand; whole run ${ratio(f.median / h.median)}`,
  ];
  return {
    lines,
    json: {
      rows: input.rows,
      runs: input.runs,
      loadMs,
      preflight: f,
      fixed: k,
      byHand: h,
      byHandWith: input.psql ? 'psql' : 'pg',
      violations: counts,
      liveRatio: liveMedian / h.median,
      wholeRatio: f.median / h.median,
    },
  };
}
