import { join } from 'node:path';
import { expect, test } from 'vitest';
import { connect } from '../db/connect.js';
import { useReplayDir } from '../../test/support/replay-dir.js';
import { ReplayError } from '../model/errors.js';

/**
 * The replay's fast paths (files planned while the previous one runs, files without any
 * transaction-control word sent without parsing, the session reset sent with BEGIN) must not
 * change what a replay does or how a failure is reported.
 */
const scratch = useReplayDir('pgparity-replay-');
const replay = scratch.replay;

async function tables(): Promise<string[]> {
  const client = await connect(scratch.db.target, { readOnly: true });
  try {
    const { rows } = await client.query<{ name: string }>(
      "select relname as name from pg_class where relkind = 'r' and relnamespace = 'public'::regnamespace order by 1",
    );
    return rows.map((r) => r.name);
  } finally {
    await client.end();
  }
}

test("a failure located after the rollback sees a reset session, not the previous file's settings", async () => {
  const error = await replay({
    // Session-level: committed with this file, reset before the next one.
    '1_empty_path.sql': "select pg_catalog.set_config('search_path', '', false);\ncreate table public.a (x int);\n",
    // No position from the server: the statement is found by re-running the file. With the first
    // file's empty search_path still in force, `create table b` would be blamed instead.
    '2_fails.sql': 'create table b (x int);\nalter table missing add column y int;\n',
  });
  expect(error).toBeInstanceOf(ReplayError);
  expect((error as ReplayError).position).toEqual({ file: join(scratch.dir, '2_fails.sql'), line: 2, column: 1 });
  expect(await tables()).toEqual(['a']);
});

test('many files, with and without transaction control and parse errors, replay in order', async () => {
  const files: Record<string, string> = {};
  for (let i = 1; i <= 30; i++) files[`${i}_t.sql`] = `create table t${i} (id int primary key${i > 1 ? `, prev int references t${i - 1}` : ''});\n`;
  files['31_own_transaction.sql'] = 'begin;\ncreate table u (x int);\ncommit;\n';
  files['32_concurrently.sql'] = 'create index concurrently u_x on u (x);\n';
  files['33_comments_only.sql'] = '-- nothing\n/* at all */\n';
  // Words that merely look like transaction control make the file parsed, not run differently.
  files['34_words.sql'] = "create table v (starts_at int, ends int);\ncomment on table v is 'begin … end';\n";
  await expect(replay(files)).resolves.toBeUndefined();
  expect(await tables()).toEqual([...Array.from({ length: 30 }, (_, i) => `t${i + 1}`).sort(), 'u', 'v']);
});

test('a file that fails to parse later in the history stops the replay at that file', async () => {
  const error = await replay({ '1_a.sql': 'create table a (x int);\n', '2_b.sql': 'create table b (x int);\n', '3_bad.sql': 'create tabel c (x int);\n' });
  expect(error).toBeInstanceOf(ReplayError);
  expect((error as ReplayError).message).toMatch(/^migration .*3_bad\.sql:1:8 failed: syntax error at or near "tabel"/);
  expect(await tables()).toEqual(['a', 'b']);
});
