import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { connect } from '../db/connect.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { ReplayError } from '../model/errors.js';
import { replayMigrations } from './apply.js';
import { discoverMigrations } from './discover.js';

const FIX = ' — fix the migration or check the order of files';

let dir: string;
let db: TestDatabase;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pgparity-replay-'));
  db = await createTestDatabase();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
  await db.drop();
});

async function write(files: Record<string, string>): Promise<void> {
  for (const [name, sql] of Object.entries(files)) await writeFile(join(dir, name), sql);
}

async function replay(files: Record<string, string>): Promise<void> {
  await write(files);
  await replayMigrations(db.target, await discoverMigrations(dir));
}

async function replayFailure(files: Record<string, string>): Promise<ReplayError> {
  const error = await replay(files).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ReplayError);
  return error as ReplayError;
}

/** Which of these relations exist. */
async function existing(...names: string[]): Promise<string[]> {
  const client = await connect(db.target, { readOnly: true });
  try {
    const { rows } = await client.query<{ name: string }>('select name from unnest($1::text[]) name where to_regclass(name) is not null', [names]);
    return rows.map((r) => r.name);
  } finally {
    await client.end();
  }
}

describe('replay', () => {
  test('applies a history in order, one transaction per file', async () => {
    const progress: string[] = [];
    await write({
      '1_init.sql': 'create schema app;\ncreate table app.users (id int primary key, email text not null);\n',
      '2_orders.sql': `create table app.orders (id int primary key, user_id int references app.users);\ncreate index on app.orders (user_id);\n
        create function app.touch() returns trigger language plpgsql as $$ begin new.id := new.id; return new; end $$;`,
      '10_later.sql': 'alter table app.users add column name text;\n-- only a comment after\n',
      '11_empty.sql': '-- nothing to do\n',
    });
    await replayMigrations(db.target, await discoverMigrations(dir), { onProgress: (done, total, m) => progress.push(`${done}/${total} ${m.id}`) });
    expect(await existing('app.users', 'app.orders', 'app.orders_user_id_idx')).toEqual(['app.users', 'app.orders', 'app.orders_user_id_idx']);
    expect(progress).toEqual(['1/4 1_init', '2/4 2_orders', '3/4 10_later', '4/4 11_empty']);
  });

  test('runs a file that manages its own transactions', async () => {
    await replay({
      '1_wrapped.sql': 'BEGIN;\ncreate table a (x int);\ncreate table b (x int);\nCOMMIT;\n',
      '2_two_steps.sql': 'begin;\ncreate table c (x int);\ncommit;\nstart transaction;\ncreate table d (x int);\nend;\ncreate table e (x int);\n',
      '3_after.sql': 'create table f (x int);',
    });
    expect(await existing('a', 'b', 'c', 'd', 'e', 'f')).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  test('runs CREATE INDEX CONCURRENTLY outside a transaction', async () => {
    await replay({
      '1_table.sql': 'create table t (a int, b int);',
      '2_index.sql': '-- needs no transaction\ncreate index concurrently t_a on t (a);\ncreate unique index concurrently t_b on t (b);\n',
    });
    expect(await existing('t_a', 't_b')).toEqual(['t_a', 't_b']);
  });

  test('starts each file from a fresh session', async () => {
    await replay({
      // What pg_dump writes at the top of a baseline.
      '1_baseline.sql': "select pg_catalog.set_config('search_path', '', false);\ncreate table public.a (x int);\nset role none;\n",
      '2_next.sql': 'create table b (x int);',
    });
    expect(await existing('public.a', 'public.b')).toEqual(['public.a', 'public.b']);
  });
});

describe('psql meta-commands', () => {
  test("pg_dump's \\restrict / \\unrestrict lines are skipped, positions kept", async () => {
    const error = await replayFailure({
      '001_dump.sql': '\\restrict AbC123\nCREATE TABLE a (id int);\nCREATE TABL b (id int);\n\\unrestrict AbC123\n',
    });
    expect(error.message).toBe(`migration ${join(dir, '001_dump.sql')}:3:8 failed: syntax error at or near "TABL"${FIX}`);
  });

  test('a dump with \\restrict replays', async () => {
    await replay({ '001_dump.sql': "\\restrict AbC123\nSET search_path = '';\nCREATE TABLE public.a (id int);\n\\unrestrict AbC123\n" });
    const client = await connect(db.target, { readOnly: true });
    expect((await client.query("select to_regclass('public.a')::text as t")).rows).toEqual([{ t: 'a' }]);
    await client.end();
  });

  test('any other meta-command stops the replay with its location', async () => {
    const error = await replayFailure({ '001_x.sql': 'CREATE TABLE a (id int);\n\\connect other\n' });
    expect(error.message).toBe(
      `migration ${join(dir, '001_x.sql')}:2:1 uses the psql meta-command \\connect, which is not SQL: remove it, or replay with --replay-cmd "psql -v ON_ERROR_STOP=1 -f ${join(dir, '001_x.sql')}"`,
    );
  });
});

describe('failures', () => {
  test('a syntax error gives file:line:col, the server message and a caret', async () => {
    const error = await replayFailure({
      '001_init.sql': 'create table a (x int);',
      '002_bad.sql': '-- users\ncreate table b (x int);\ncreate TABL users (id int);\n',
      '003_after.sql': 'create table c (x int);',
    });
    const file = join(dir, '002_bad.sql');
    expect(error.message).toBe(`migration ${file}:3:8 failed: syntax error at or near "TABL"${FIX}`);
    expect(error.position).toEqual({ file, line: 3, column: 8 });
    expect(error.excerpt).toBe('3 | create TABL users (id int);\n  |        ^');
    expect(await existing('a', 'b', 'c')).toEqual(['a']);
  });

  test('an error without a position points at the failing statement', async () => {
    const error = await replayFailure({
      '1_ok.sql': 'create table a (x int);',
      '2_alter.sql': 'create table b (x int);\n\n-- add a column\n  alter table missing_table add column y int;\ncreate table c (x int);\n',
    });
    const file = join(dir, '2_alter.sql');
    expect(error.message).toBe(`migration ${file}:4:3 failed: relation "missing_table" does not exist${FIX}`);
    expect(error.excerpt).toBe('4 |   alter table missing_table add column y int;\n  |   ^');
    // The failing file is rolled back whole, also after locating the statement.
    expect(await existing('a', 'b', 'c')).toEqual(['a']);
  });

  test('counts columns in characters after multibyte text', async () => {
    const error = await replayFailure({
      '1_multibyte.sql': "-- café 😀 ünïcödé\ncomment on schema public is 'naïve 🎉';\n/* é😀 */ create TABL x ();\n",
    });
    expect(error.position).toEqual({ file: join(dir, '1_multibyte.sql'), line: 3, column: 17 });
    // The emoji is drawn two columns wide.
    expect(error.excerpt).toBe('3 | /* é😀 */ create TABL x ();\n  |                  ^');
  });

  test('a file in its own BEGIN … COMMIT is located and rolled back the same way', async () => {
    const error = await replayFailure({
      '1_wrapped.sql': 'begin;\ncreate table a (x int);\nalter table nope add column y int;\ncommit;\n',
    });
    expect(error.message).toBe(`migration ${join(dir, '1_wrapped.sql')}:3:1 failed: relation "nope" does not exist${FIX}`);
    expect(await existing('a')).toEqual([]);
  });

  test('an error in the first file leaves the later ones unapplied', async () => {
    const error = await replayFailure({
      '1_bad.sql': 'create table a (x int);\nselect 1/0;\n',
      '2_good.sql': 'create table b (x int);',
    });
    expect(error.message).toBe(`migration ${join(dir, '1_bad.sql')}:2:1 failed: division by zero${FIX}`);
    expect(await existing('a', 'b')).toEqual([]);
  });

  test('an exception raised in PL/pgSQL points at the DO block, with its context', async () => {
    const error = await replayFailure({
      '1_do.sql': "create table a (x int);\ndo $$\nbegin\n  raise exception 'boom' using hint = 'try again';\nend $$;\n",
    });
    expect(error.message).toBe(`migration ${join(dir, '1_do.sql')}:2:1 failed: boom (PL/pgSQL function inline_code_block line 3 at RAISE)${FIX}`);
    expect(error.excerpt).toBe('2 | do $$\n  | ^\nHINT: try again');
  });

  test('a failing query inside PL/pgSQL points into the function body', async () => {
    const error = await replayFailure({
      '1_do.sql': 'do $$\nbegin\n  insert into nowhere values (1);\nend $$;\n',
    });
    expect(error.message).toBe(
      `migration ${join(dir, '1_do.sql')}:3:15 failed: relation "nowhere" does not exist (PL/pgSQL function inline_code_block line 3 at SQL statement: insert into nowhere values (1))${FIX}`,
    );
  });

  test('a failing statement of a file run statement by statement', async () => {
    const error = await replayFailure({
      '1_table.sql': 'create table t (a int);',
      '2_index.sql': 'begin;\ncreate table u (b int);\ncommit;\ncreate index concurrently t_a on t (a);\nselect a,\n  nope from t;\n',
    });
    expect(error.message).toBe(`migration ${join(dir, '2_index.sql')}:6:3 failed: column "nope" does not exist${FIX}`);
    // Like psql -f: what ran before the failing statement stays.
    expect(await existing('t', 'u', 't_a')).toEqual(['t', 'u', 't_a']);
  });

  test('never shows the password', async () => {
    const password = db.target.password!;
    expect(password).not.toBe('');
    const error = await replayFailure({ '1_secret.sql': `do $$ begin raise exception 'leaked %', '${password}'; end $$;` });
    expect(error.message).not.toContain(password);
    expect(error.message).toContain('leaked ***');
    expect(error.excerpt ?? '').not.toContain(password);
  });
});
