import { afterAll, beforeAll, expect, test } from 'vitest';
import { introspectCatalog } from '../src/catalog/index.js';
import { connect } from '../src/db/connect.js';
import { indexMigrations } from '../src/ddl/migration-index.js';
import { creatorOf } from '../src/ddl/schema-index.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

/** Unnamed constraints, indexes and sequences of every sort, long and multibyte names, name clashes. */
const SCRIPT = `
create table customers (id serial primary key, email text unique, age int check (age > 0), check (age < 200 and email <> ''));
create table customers_email_key2 (x int);
create table "Orders" (
  id bigint generated always as identity,
  customer_id int references customers,
  code text, region text,
  unique (customer_id, code),
  primary key (id)
);
create index on "Orders" (customer_id);
create index on "Orders" (customer_id);
create index on "Orders" (lower(code), (code || region), (region::varchar)) include (id);
create index on "Orders" ((1 + customer_id));
create table a_table_with_a_rather_long_name_that_goes_on_and_on_and_on (
  a_column_with_an_equally_long_name_that_keeps_going_and_going int unique,
  ünïcödé_cölümn_with_accents_everywhere_ééééééééééééééééééé int references customers,
  period int4range,
  exclude using gist (period with &&)
);
create unique index on a_table_with_a_rather_long_name_that_goes_on_and_on_and_on (a_column_with_an_equally_long_name_that_keeps_going_and_going);
alter table customers add unique (email);
alter table customers add check (email like '%@%');
alter table customers add column referrer int references customers;
`;

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await db.exec(SCRIPT);
});
afterAll(() => db.drop());

test('every name PostgreSQL generates is the name the migration index computes', async () => {
  const client = await connect(db.target, { readOnly: true });
  const { snapshot } = await introspectCatalog(client, { source: 'test' }).finally(() => client.end());
  const index = await indexMigrations([{ file: 'names.sql', sql: SCRIPT }]);
  const generated = snapshot.objects.filter((o) => o.kind === 'constraint' || o.kind === 'index' || o.kind === 'sequence');
  expect(generated.length).toBeGreaterThan(15);
  const unknown = generated.filter((o) => creatorOf(index, o.kind, o.key) === undefined).map((o) => `${o.kind} ${o.key}`);
  expect(unknown).toEqual([]);
});
