import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type pg from 'pg';
import { connect } from '../db/connect.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { introspectCatalog, type IntrospectOptions, type Introspection } from './index.js';

async function introspect(db: TestDatabase, options: Partial<IntrospectOptions> = {}): Promise<Introspection> {
  const client = await connect(db.target, { readOnly: true });
  try {
    return await introspectCatalog(client, { source: 'test', ...options });
  } finally {
    await client.end();
  }
}

describe('the reading session', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await db.exec('create schema app; create table app.t (id int primary key)');
  });
  afterAll(() => db?.drop());

  test('is read-only and repeatable read, and rolled back when a query fails', async () => {
    const client = await connect(db.target, { readOnly: false });
    const seen: string[] = [];
    const spy = new Proxy(client, {
      get(target, property, receiver) {
        if (property !== 'query') return Reflect.get(target, property, receiver) as unknown;
        // Catalog queries come as pg.Query objects, whose rows stream.
        return async (query: string | (pg.Query & { text: string }), values?: unknown[]) => {
          if ((typeof query === 'string' ? query : query.text).startsWith('-- Schemas:')) {
            const { rows } = await target.query<{ ro: string; iso: string }>(
              `select current_setting('transaction_read_only') as ro, current_setting('transaction_isolation') as iso`,
            );
            seen.push(`${rows[0]?.ro} ${rows[0]?.iso}`);
            await expect(target.query('create table app.nope (a int)')).rejects.toThrow(/read-only transaction/);
          }
          return typeof query === 'string' ? target.query(query, values) : target.query(query);
        };
      },
    });
    try {
      await expect(introspectCatalog(spy as pg.ClientBase, { source: 'spy' })).rejects.toThrow(/current transaction is aborted/);
      expect(seen).toEqual(['on repeatable read']);
      // The failed write aborted the transaction; introspectCatalog rolled it back.
      const { rows } = await client.query<{ search_path: string }>('show search_path');
      expect(rows[0]?.search_path).toBe('"$user", public');
    } finally {
      await client.end();
    }
  });
});

describe('the same schema built another way', () => {
  let first: TestDatabase;
  let second: TestDatabase;

  beforeAll(async () => {
    [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  });
  afterAll(async () => {
    await Promise.all([first?.drop(), second?.drop()]);
  });

  test('gives identical objects, whatever the statement order', async () => {
    await first.exec(`
      create schema s;
      create type s.status as enum ('new', 'done');
      create table s.parent (id int primary key, code text not null unique);
      create table s.child (
        id bigint generated always as identity primary key,
        parent_id int not null references s.parent (id) on delete cascade,
        status s.status not null default 'new',
        amount numeric(10, 2) check (amount > 0),
        note text
      );
      create index child_parent on s.child (parent_id) where status <> 'done';
      comment on table s.child is 'children';
      create view s.open_children as select id, parent_id from s.child where status = 'new';
    `);
    // Types and tables created in another order, constraints added later, a column dropped and
    // re-added (so attnums differ), the index created before the foreign key.
    await second.exec(`
      create schema s;
      create table s.parent (id int, code text, scratch int);
      alter table s.parent drop column scratch;
      alter table s.parent alter column code set not null;
      create type s.status as enum ('new', 'done');
      create table s.child (id bigint generated always as identity, gone int, parent_id int not null);
      alter table s.child drop column gone;
      alter table s.child add column status s.status not null default 'new';
      alter table s.child add column amount numeric(10, 2);
      alter table s.child add column note text;
      create index child_parent on s.child (parent_id) where status <> 'done';
      alter table s.parent add constraint parent_pkey primary key (id);
      alter table s.parent add constraint parent_code_key unique (code);
      alter table s.child add constraint child_pkey primary key (id);
      alter table s.child add constraint child_amount_check check (amount > 0);
      alter table s.child add constraint child_parent_id_fkey foreign key (parent_id) references s.parent (id) on delete cascade;
      comment on table s.child is 'children';
      create view s.open_children as select id, parent_id from s.child where status = 'new';
    `);
    const [a, b] = await Promise.all([introspect(first, { schemas: ['s'] }), introspect(second, { schemas: ['s'] })]);
    expect(b.snapshot.objects).toEqual(a.snapshot.objects);
  });
});

describe('query count', () => {
  let small: TestDatabase;
  let large: TestDatabase;

  const tables = (count: number): string =>
    Array.from({ length: count }, (_, i) => {
      const reference = i === 0 ? '' : `, parent_id int references t${i - 1} (id)`;
      return `create table t${i} (id int primary key, name text not null default 'x' check (name <> '')${reference});
        create index t${i}_name on t${i} (lower(name));
        create statistics t${i}_stats on id, name from t${i};
        create rule t${i}_keep as on delete to t${i} do instead nothing;`;
    }).join('\n');

  beforeAll(async () => {
    [small, large] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    await Promise.all([small.exec(tables(3)), large.exec(tables(60))]);
  });
  afterAll(async () => {
    await Promise.all([small?.drop(), large?.drop()]);
  });

  test('does not grow with the number of tables', async () => {
    const [a, b] = await Promise.all([introspect(small), introspect(large)]);
    expect(a.snapshot.objects.filter((o) => o.kind === 'table')).toHaveLength(3);
    expect(b.snapshot.objects.filter((o) => o.kind === 'table')).toHaveLength(60);
    expect(b.queryCount).toBe(a.queryCount);
    // begin, settings, server version, one query per object family, commit.
    expect(a.queryCount).toBe(30);
  });

  test('owners and privileges take one more query, whatever the size', async () => {
    const [a, b] = await Promise.all([introspect(small, { include: ['owner', 'privileges'] }), introspect(large, { include: ['owner'] })]);
    expect([a.queryCount, b.queryCount]).toEqual([31, 31]);
  });
});
