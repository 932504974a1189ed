import { join } from 'node:path';
import { expect, test } from 'vitest';
import { connect } from '../db/connect.js';
import { useReplayDir } from '../../test/support/replay-dir.js';
import { ReplayError } from '../model/errors.js';
import { STATEMENTS_PER_TRANSACTION } from './apply.js';

/**
 * A long file (a baseline dump) is committed every STATEMENTS_PER_TRANSACTION statements rather
 * than in one transaction, unless it says it relies on one; what it creates and how its failures
 * are reported stay the same.
 */
const scratch = useReplayDir('pgparity-replay-long-');
const replay = scratch.replay;

/** How many tables of `schema` there are, and in how many transactions they were created. */
async function created(schema = 'public'): Promise<{ tables: number; transactions: number }> {
  const client = await connect(scratch.db.target, { readOnly: true });
  try {
    const { rows } = await client.query<{ tables: number; transactions: number }>(
      "select count(*)::int as tables, count(distinct xmin::text)::int as transactions from pg_class where relkind = 'r' and relnamespace = $1::regnamespace",
      [schema],
    );
    return rows[0]!;
  } finally {
    await client.end();
  }
}

const tables = (count: number, from = 1): string => Array.from({ length: count }, (_, i) => `create table t${from + i} (id int);`).join('\n');
const N = 2 * STATEMENTS_PER_TRANSACTION + 100;

test('a long file replays whole, committed every STATEMENTS_PER_TRANSACTION statements', async () => {
  expect(await replay({ '1_baseline.sql': `${tables(N)}\n`, '2_next.sql': 'create table after_it (id int);\n' })).toBeUndefined();
  expect(await created()).toEqual({ tables: N + 1, transactions: 4 });
});

test('a file of STATEMENTS_PER_TRANSACTION statements is still one transaction', async () => {
  expect(await replay({ '1_baseline.sql': tables(STATEMENTS_PER_TRANSACTION) })).toBeUndefined();
  expect(await created()).toEqual({ tables: STATEMENTS_PER_TRANSACTION, transactions: 1 });
});

test('a long file that may rely on one transaction (SET LOCAL, temporary tables, deferred constraints, savepoints) keeps it', async () => {
  const files = {
    '1_local.sql': `set local work_mem = '8MB';\n${tables(N)}`,
    '2_temp.sql': `create temporary table scratch (x int) on commit drop;\n${tables(N, N + 1)}`,
    '3_deferred.sql': `set constraints all deferred;\n${tables(N, 2 * N + 1)}`,
    '4_savepoint.sql': `savepoint s;\n${tables(N, 3 * N + 1)}`,
    '5_set_config.sql': `select set_config('work_mem', '8MB', true);\n${tables(N, 4 * N + 1)}`,
  };
  expect(await replay(files)).toBeUndefined();
  expect(await created()).toEqual({ tables: 5 * N, transactions: 5 });
});

test("session settings of a long file's first part hold in its later parts", async () => {
  const sql = `create schema app;\nselect pg_catalog.set_config('search_path', 'app', false);\n${tables(N)}\n`;
  expect(await replay({ '1_baseline.sql': sql })).toBeUndefined();
  expect(await created('app')).toEqual({ tables: N, transactions: 3 });
});

test('an error at a position in a later part of a long file gives its file:line:col; nothing after it is applied', async () => {
  const line = STATEMENTS_PER_TRANSACTION + 51;
  const sql = `${tables(line - 1)}\ncreate table broken (id no_such_type);\n${tables(100, line)}\n`;
  const error = await replay({ '1_baseline.sql': sql, '2_next.sql': 'create table after_it (id int);\n' });
  expect(error).toBeInstanceOf(ReplayError);
  expect((error as ReplayError).position).toEqual({ file: join(scratch.dir, '1_baseline.sql'), line, column: 25 });
  expect((error as ReplayError).message).toMatch(new RegExp(`^migration .*1_baseline\\.sql:${line}:25 failed: type "no_such_type" does not exist`));
  // The parts before the failing one were committed: the scratch database is thrown away after a failure.
  expect((await created()).tables).toBe(STATEMENTS_PER_TRANSACTION);
});

test('a long file our parser rejects goes to the server whole, in one transaction', async () => {
  const line = STATEMENTS_PER_TRANSACTION + 51;
  const sql = `${tables(line - 1)}\ncreate tabel broken (id int);\n${tables(100, line)}\n`;
  const error = await replay({ '1_baseline.sql': sql });
  expect((error as ReplayError).message).toMatch(new RegExp(`^migration .*1_baseline\\.sql:${line}:8 failed: syntax error at or near "tabel"`));
  expect((await created()).tables).toBe(0);
});

test('an error without a position in a later part points at the failing statement', async () => {
  const line = STATEMENTS_PER_TRANSACTION + 51;
  const sql = `${tables(line - 1)}\nalter table missing add column y int;\n${tables(100, line)}\n`;
  const error = await replay({ '1_baseline.sql': sql });
  expect(error).toBeInstanceOf(ReplayError);
  expect((error as ReplayError).position).toEqual({ file: join(scratch.dir, '1_baseline.sql'), line, column: 1 });
  expect((error as ReplayError).message).toMatch(/relation "missing" does not exist/);
});
