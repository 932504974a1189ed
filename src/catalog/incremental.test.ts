import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { connect } from '../db/connect.js';
import type { ConnectionTarget } from '../db/target.js';
import type { ScratchServer } from '../scratch/provider.js';
import { startMajor } from '../../test/matrix/support.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { serializeSnapshot } from './snapshot-file.js';
import { HOMES, IncrementalCatalog } from './incremental.js';
import { catalogQueries } from './introspect.js';
import { introspectCatalog } from './index.js';

/**
 * Each step changes the database; after it, the incremental read must equal a full read, and read
 * again no more relations than `reads` says (what makes it cheaper).
 */
const STEPS: readonly { readonly sql: string; readonly reads: number | 'full' }[] = [
  { sql: 'select 1', reads: 0 },
  { sql: 'create table app.c (id int)', reads: 1 },
  // With a: what depends on it and may show its names (b's foreign key, the view).
  { sql: 'alter table app.a add column extra int', reads: 3 },
  { sql: 'alter table app.a rename column n to label', reads: 3 },
  { sql: 'alter table app.a rename to a2', reads: 3 },
  { sql: 'alter type app.mood rename to feeling', reads: 1 },
  { sql: "alter type app.feeling rename value 'happy' to 'glad'", reads: 1 },
  { sql: 'alter function app.touch() rename to touched', reads: 1 },
  { sql: 'comment on column app.b.a_id is $$the parent$$', reads: 1 },
  { sql: 'comment on column app.b.a_id is null', reads: 1 },
  { sql: 'comment on index app.a_n_idx is $$by label$$', reads: 1 },
  { sql: 'drop index app.a_n_idx', reads: 1 },
  // The foreign key's triggers on a go with it.
  { sql: 'alter table app.b drop constraint b_a_id_fkey', reads: 2 },
  { sql: 'drop trigger b_touch on app.b', reads: 1 },
  { sql: 'drop policy a_own on app.a2', reads: 1 },
  { sql: 'drop rule b_protect on app.b', reads: 1 },
  { sql: 'alter table app.a2 alter column id set increment by 5', reads: 1 },
  // With b: the materialized view over it.
  { sql: 'alter table app.b set (fillfactor = 70, toast.autovacuum_enabled = false)', reads: 2 },
  { sql: 'alter table app.p detach partition app.p1', reads: 1 },
  { sql: 'alter table app.child no inherit app.parent', reads: 1 },
  { sql: 'alter table app.b rename constraint b_amount_check to b_amount_positive', reads: 1 },
  { sql: 'create index b_amount_idx on app.b (amount); alter table app.b cluster on b_amount_idx', reads: 1 },
  { sql: 'alter table app.b alter column amount drop default', reads: 2 },
  { sql: 'create or replace view app.v as select id, label as n, extra from app.a2', reads: 1 },
  { sql: 'drop table app.c', reads: 0 },
  // The sequence, and d whose default names it.
  { sql: 'alter sequence app.counter rename to tally', reads: 2 },
  { sql: 'create function app.lower_label(text) returns text immutable language sql as $$ select lower($1) $$', reads: 0 },
  { sql: 'create index d_code_idx on app.d (app.lower_label(code))', reads: 1 },
  { sql: 'alter function app.lower_label(text) rename to folded', reads: 1 },
  { sql: 'alter domain app.code rename to product_code', reads: 1 },
  // A's column of that type (a renamed label would show in its default).
  { sql: "alter type app.feeling add value 'calm'", reads: 1 },
  { sql: 'alter table app.d alter column id type bigint', reads: 1 },
  { sql: 'drop table app.d; create table app.d (id int primary key, code text)', reads: 1 },
  { sql: 'create index concurrently d_code_idx on app.d (code)', reads: 1 },
  { sql: "alter table app.p attach partition app.p1 for values from ('2026-01-01') to ('2027-01-01')", reads: 1 },
  // Kinds read only once they have objects, and again when those are gone.
  { sql: 'create collation app.german (provider = icu, locale = $$de$$)', reads: 0 },
  { sql: 'create statistics app.a_stats on id, label from app.a2', reads: 0 },
  { sql: 'create text search configuration app.simple_copy (copy = pg_catalog.simple)', reads: 0 },
  { sql: 'create operator app.=== (leftarg = int, rightarg = int, function = int4eq)', reads: 0 },
  { sql: 'create access method app_heap type table handler heap_tableam_handler', reads: 0 },
  { sql: 'create foreign data wrapper app_wrapper', reads: 0 },
  { sql: 'create publication app_pub for table app.b', reads: 0 },
  { sql: 'drop publication app_pub; drop foreign data wrapper app_wrapper; drop access method app_heap', reads: 0 },
  { sql: 'drop operator app.=== (int, int); drop text search configuration app.simple_copy; drop statistics app.a_stats', reads: 0 },
  { sql: 'drop collation app.german', reads: 0 },
  // Every relation of the schema names it.
  { sql: 'alter schema app rename to shop', reads: 10 },
  // Owners and policies name roles: a new or renamed role makes the read full.
  { sql: 'create role pgparity_incremental_r; create policy a_mine on shop.a2 to pgparity_incremental_r using (true)', reads: 'full' },
  { sql: 'alter role pgparity_incremental_r rename to pgparity_incremental_s', reads: 'full' },
  { sql: 'drop policy a_mine on shop.a2; drop role pgparity_incremental_s', reads: 'full' },
  { sql: 'drop view shop.v; drop materialized view shop.mv; drop table shop.b, shop.a2, shop.d cascade', reads: 0 },
];

const SETUP = `
  create schema app;
  create type app.mood as enum ('happy', 'sad');
  create function app.touch() returns trigger language plpgsql as $$ begin return new; end $$;
  create table app.a (id int generated always as identity primary key, m app.mood default 'happy', n text);
  create index a_n_idx on app.a (n);
  create table app.b (id int primary key, a_id int references app.a (id), amount numeric default 0 check (amount >= 0));
  create trigger b_touch before update on app.b for each row execute function app.touch();
  create rule b_protect as on delete to app.b do instead nothing;
  alter table app.a enable row level security;
  create policy a_own on app.a using (n = current_user);
  create view app.v as select id, n from app.a;
  create materialized view app.mv as select id from app.b;
  create sequence app.counter;
  create domain app.code as text check (value <> '');
  create table app.d (id int default nextval('app.counter'), code app.code);
  create table app.p (id int, at date) partition by range (at);
  create table app.p1 partition of app.p for values from ('2026-01-01') to ('2027-01-01');
  create table app.parent (id int);
  create table app.child (extra text) inherits (app.parent);
  comment on table app.a is 'the a';
`;

/** Replays STEPS on `target`: what each incremental read read again, in `step: count` form, after checking it equals a full read. */
async function replaySteps(target: ConnectionTarget): Promise<{ outcomes: string[]; expected: string[] }> {
  const applier = await connect(target, { readOnly: false });
  const reader = await connect(target, { readOnly: false });
  try {
    await applier.query(SETUP);
    const incremental = new IncrementalCatalog(reader, { source: 'test', prepared: true });
    await incremental.read();
    // Types and functions have objects (an enum, a domain, a trigger function); the other 13 kinds none.
    expect(incremental.stats).toMatchObject({ full: true, kindsSkipped: 13 });
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const step of STEPS) {
      await applier.query(step.sql);
      const found = await incremental.read();
      const full = await introspectCatalog(applier, { source: 'test' });
      expect(serializeSnapshot(found), step.sql).toBe(serializeSnapshot(full.snapshot));
      const stats = incremental.stats;
      outcomes.push(`${step.sql}: ${stats?.full ? 'full' : stats?.relationsRead}`);
      expected.push(`${step.sql}: ${step.reads}`);
    }
    return { outcomes, expected };
  } finally {
    await applier.query('drop role if exists pgparity_incremental_r; drop role if exists pgparity_incremental_s').catch(() => undefined);
    await applier.end();
    await reader.end();
  }
}

test("every kind other than relations' is read always (schemas, extensions) or says where its objects come from", () => {
  const others = catalogQueries()
    .filter((q) => !q.relationBound && q.query !== 'access')
    .map((q) => q.query);
  expect([...Object.keys(HOMES), 'schemas', 'extensions'].sort()).toEqual(others.sort());
});

describe('an incremental read equals a full read after every step, reading again only what changed', () => {
  let db: TestDatabase;
  let older: ScratchServer | string;
  beforeAll(async () => {
    db = await createTestDatabase();
    // The oldest major installed for tests: the catalog columns the changes query reads exist from 14 on.
    older = await startMajor(15);
  });
  afterAll(async () => {
    await db?.drop();
    if (typeof older === 'object') await older.close();
  });

  test('on the test server', async () => {
    const { outcomes, expected } = await replaySteps(db.target);
    expect(outcomes).toEqual(expected);
  });

  test('on PostgreSQL 15', async (context) => {
    if (typeof older === 'string') return context.skip(older);
    const { outcomes, expected } = await replaySteps((await older.createDatabase()).target);
    expect(outcomes).toEqual(expected);
  });
});
