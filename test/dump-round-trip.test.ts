/**
 * A database restored from a dump of another is the same schema: the dump writes each definition
 * as the server prints it, and the server prints what it read back from that text differently
 * again (an IN list on a varchar column, a UNION branch with an unnamed column). Database B here
 * is built the way pg_dump builds it, from A's own `pg_get_constraintdef` and `pg_get_viewdef`,
 * so no pg_dump binary is needed; `diff A B` must report parity, and a real change still counts.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { connect } from '../src/db/connect.js';
import { runCli } from './support/cli.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

const SOURCE = `
create table entity_type (name varchar(50) not null, kind varchar(20) not null check (kind in ('area', 'artist', 'release_group')));
create table event (id int, year int, month int);
create table dated (id int, year int);
create view event_dates as
  select id, year, month from event
  union all
  select id, year, null::integer from dated;
`;

let a: TestDatabase;
const others: TestDatabase[] = [];

/** The DDL pg_dump would write for A's CHECK and view: the server's own text of each. */
async function dumpedDefinitions(): Promise<{ check: string; view: string }> {
  const client = await connect(a.target, { readOnly: true });
  try {
    const check = await client.query<{ def: string }>(
      "select pg_get_constraintdef(oid) as def from pg_constraint where conrelid = 'entity_type'::regclass and contype = 'c'",
    );
    const view = await client.query<{ def: string }>("select pg_get_viewdef('event_dates'::regclass) as def");
    return { check: check.rows[0]!.def, view: view.rows[0]!.def };
  } finally {
    await client.end();
  }
}

async function restored(edit: (sql: string) => string = (s) => s): Promise<TestDatabase> {
  const { check, view } = await dumpedDefinitions();
  const db = await createTestDatabase();
  others.push(db);
  await db.exec(
    edit(`
create table entity_type (name varchar(50) not null, kind varchar(20) not null, constraint entity_type_kind_check ${check});
create table event (id int, year int, month int);
create table dated (id int, year int);
create view event_dates as ${view}
`),
  );
  return db;
}

beforeAll(async () => {
  a = await createTestDatabase();
  await a.exec(SOURCE);
}, 60_000);

afterAll(async () => {
  for (const db of others) await db.drop();
  await a?.drop();
});

test("the server's text read back is the same CHECK and the same view: parity", async () => {
  const b = await restored();
  // The premise: the restored database prints both definitions differently from the original.
  const client = await connect(b.target, { readOnly: true });
  const printed = await client
    .query<{ def: string }>(
      "select pg_get_constraintdef(oid) as def from pg_constraint where conrelid = 'entity_type'::regclass and contype = 'c' union all select pg_get_viewdef('event_dates'::regclass)",
    )
    .finally(() => client.end());
  const { check, view } = await dumpedDefinitions();
  expect(printed.rows.map((r) => r.def)).not.toEqual([check, view]);

  const result = await runCli(['diff', '--from', a.url, '--to', b.url, '--format', 'json']);
  expect(result.stderr).toBe('');
  expect(JSON.parse(result.stdout).findings).toEqual([]);
  expect(result.code).toBe(0);
});

test('another value in the list, or another column name in the first branch, is still reported', async () => {
  const b = await restored((sql) => sql.replace("'release_group'", "'recording'").replace(/SELECT (event\.)?id,/, 'SELECT $1id AS event_id,'));
  const result = await runCli(['diff', '--from', a.url, '--to', b.url, '--format', 'json']);
  const findings = JSON.parse(result.stdout).findings as { change: string; kind: string; key: string; attribute?: string }[];
  expect(findings.map((f) => [f.change, f.kind, f.key, f.attribute])).toEqual([
    ['changed', 'constraint', 'public.entity_type.entity_type_kind_check', 'definition'],
    ['changed', 'view', 'public.event_dates', 'definition'],
  ]);
  expect(result.code).toBe(1);
});
