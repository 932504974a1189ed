/**
 * Every real difference found, and only it: live starts as a copy of the rich schema (a database
 * made from it as a template), gets exactly one change, and the comparison must report exactly
 * one finding naming that object, that attribute and both values. And changes that do not change
 * what the schema does (whitespace in a function body, serial written out by hand) report nothing.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { introspectCatalog } from '../src/catalog/index.js';
import { compareSchemas } from '../src/compare/pipeline.js';
import { connect } from '../src/db/connect.js';
import type { ConnectionTarget } from '../src/db/target.js';
import type { Finding } from '../src/model/finding.js';
import type { AccessDetail } from '../src/model/objects.js';
import type { Snapshot } from '../src/model/snapshot.js';
import { dropDatabaseOn } from '../src/scratch/server-admin.js';
import { ROOT } from './support/cli.js';
import { adminTarget, createTestDatabase, type TestDatabase } from './support/database.js';

const UNLIMITED = { statementTimeoutMs: 0, lockTimeoutMs: 0, connectTimeoutMs: 10_000 };

let base: TestDatabase;
let expected: Snapshot;
let expectedWithAccess: Snapshot;
const copies: string[] = [];

async function introspect(target: ConnectionTarget, include: readonly AccessDetail[] = []): Promise<Snapshot> {
  const client = await connect(target, { readOnly: true });
  try {
    return (await introspectCatalog(client, { source: target.database, include })).snapshot;
  } finally {
    await client.end();
  }
}

async function exec(target: ConnectionTarget, sql: string): Promise<void> {
  const client = await connect(target, { readOnly: false, limits: UNLIMITED });
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  base = await createTestDatabase();
  await base.exec(await readFile(join(ROOT, 'test', 'rich-schema.sql'), 'utf8'));
  expected = await introspect(base.target);
  expectedWithAccess = await introspect(base.target, ['owner', 'privileges']);
}, 120_000);

afterAll(async () => {
  const admin = adminTarget();
  for (const name of copies) await dropDatabaseOn(admin, name);
  await base?.drop();
});

/** The findings for live = the rich schema + `change`, expected = the rich schema. */
async function findingsAfter(change: string, include: readonly AccessDetail[] = []): Promise<Finding[]> {
  const admin = adminTarget();
  const name = `pgparity_change_${randomBytes(4).toString('hex')}`;
  copies.push(name);
  await exec(admin, `create database ${name} template ${base.target.database}`);
  const live: ConnectionTarget = { ...base.target, database: name };
  await exec(live, change);
  const actual = await introspect(live, include);
  const { report } = await compareSchemas(include.length > 0 ? expectedWithAccess : expected, actual, { include });
  return [...report.findings];
}

interface Case {
  readonly kind: Finding['kind'];
  readonly key: string;
  readonly attribute: string;
  readonly expected: unknown;
  readonly actual: unknown;
  readonly change: string;
  readonly severity?: Finding['severity'];
}

const CASES: readonly Case[] = [
  {
    kind: 'schema',
    key: 'billing',
    attribute: 'comment',
    expected: 'Invoices and payments',
    actual: 'Money',
    severity: 'info',
    change: `comment on schema billing is 'Money'`,
  },
  {
    kind: 'extension',
    key: 'pg_trgm',
    attribute: 'comment',
    expected: 'text similarity measurement and index searching based on trigrams',
    actual: null,
    severity: 'info',
    change: 'comment on extension pg_trgm is null',
  },
  {
    kind: 'collation',
    key: 'billing.german',
    attribute: 'locale',
    expected: 'de',
    actual: 'de-AT',
    change: `drop collation billing.german; create collation billing.german (provider = icu, locale = 'de-AT')`,
  },
  {
    kind: 'collation',
    key: 'billing.natural_order',
    attribute: 'locale',
    expected: 'und-u-kf-lower-kn-true',
    actual: 'und-u-kf-lower-kn-false',
    change: `drop collation billing.natural_order; create collation billing.natural_order (provider = icu, locale = '@colCaseFirst=lower;colNumeric=no')`,
  },
  {
    kind: 'type',
    key: 'billing.invoice_state',
    attribute: 'values',
    expected: ['draft', 'sent', 'paid', 'void'],
    actual: ['draft', 'sent', 'paid', 'void', 'refunded'],
    change: `alter type billing.invoice_state add value 'refunded'`,
  },
  { kind: 'type', key: 'billing.money_amount', attribute: 'default', expected: '0', actual: '1', change: 'alter domain billing.money_amount set default 1' },
  { kind: 'type', key: 'billing.code', attribute: 'notNull', expected: false, actual: true, change: 'alter domain billing.code set not null' },
  {
    kind: 'type',
    key: 'billing.code',
    attribute: 'checks',
    expected: [`CHECK ((VALUE ~ '^[A-Z]{3}$'::text))`],
    actual: [`CHECK ((VALUE ~ '^[A-Z]{4}$'::text))`],
    change: `alter domain billing.code drop constraint code_check; alter domain billing.code add constraint code_check check (value ~ '^[A-Z]{4}$')`,
  },
  {
    kind: 'type',
    key: 'billing.address',
    attribute: 'attributes',
    expected: ['street text', 'city text COLLATE pg_catalog."C"', 'zip character varying(10)'],
    actual: ['street text', 'city text COLLATE pg_catalog."C"', 'zip character varying(10)', 'country text'],
    change: 'alter type billing.address add attribute country text',
  },
  {
    kind: 'type',
    key: 'billing.price_range',
    attribute: 'rangeOptions',
    expected: ['multirange_type_name = billing.price_multirange'],
    actual: ['multirange_type_name = billing.price_ranges'],
    change: 'drop type billing.price_range; create type billing.price_range as range (subtype = numeric, multirange_type_name = billing.price_ranges)',
  },
  {
    // The column's default names the sequence the same way on both sides: only the ownership differs.
    kind: 'sequence',
    key: 'public.notes_id_seq',
    attribute: 'ownedBy',
    expected: 'public.notes.id',
    actual: null,
    change: 'alter sequence public.notes_id_seq owned by none',
  },
  {
    kind: 'sequence',
    key: 'public.ticket_seq',
    attribute: 'increment',
    expected: '-1',
    actual: '-2',
    change: 'alter sequence public.ticket_seq increment by -2',
  },
  {
    kind: 'table',
    key: 'billing.invoices',
    attribute: 'forceRowSecurity',
    expected: true,
    actual: false,
    change: 'alter table billing.invoices no force row level security',
  },
  {
    kind: 'table',
    key: 'billing.payments',
    attribute: 'rowSecurity',
    expected: true,
    actual: false,
    change: 'alter table billing.payments disable row level security',
  },
  {
    kind: 'table',
    key: 'public.events_2026',
    attribute: 'partitionBound',
    expected: "FOR VALUES FROM ('2026-01-01 00:00:00+00') TO ('2027-01-01 00:00:00+00')",
    actual: "FOR VALUES FROM ('2026-01-01 00:00:00+00') TO ('2026-07-01 00:00:00+00')",
    change: `alter table public.events detach partition public.events_2026;
             alter table public.events attach partition public.events_2026 for values from ('2026-01-01 00:00:00+00') to ('2026-07-01 00:00:00+00')`,
  },
  {
    kind: 'table',
    key: 'reporting.login_log',
    attribute: 'inherits',
    expected: ['reporting.base_log', 'reporting.extra_log'],
    actual: ['reporting.base_log'],
    change: 'alter table reporting.login_log no inherit reporting.extra_log',
  },
  {
    kind: 'table',
    key: 'public.customers',
    attribute: 'comment',
    expected: 'People and companies we bill',
    actual: 'People',
    severity: 'info',
    change: `comment on table public.customers is 'People'`,
  },
  {
    kind: 'column',
    key: 'billing.payments.method',
    attribute: 'default',
    expected: "'card'::text",
    actual: "'cash'::text",
    change: `alter table billing.payments alter method set default 'cash'`,
  },
  {
    kind: 'column',
    key: 'public.customers.deleted_at',
    attribute: 'nullable',
    expected: true,
    actual: false,
    change: 'alter table public.customers alter deleted_at set not null',
  },
  {
    kind: 'column',
    key: 'public.cache_entries.value',
    attribute: 'type',
    expected: 'bytea',
    actual: 'text',
    change: 'alter table public.cache_entries alter value type text',
  },
  {
    kind: 'column',
    key: 'public.cache_entries.key',
    attribute: 'collation',
    expected: null,
    actual: 'billing.german',
    change: 'alter table public.cache_entries alter key type text collate billing.german',
  },
  {
    kind: 'column',
    key: 'public.customers.id',
    attribute: 'identity',
    expected: { generation: 'always', type: 'bigint', start: '1000', increment: '1', min: '1', max: '9223372036854775807', cache: '1', cycle: false },
    actual: { generation: 'always', type: 'bigint', start: '1000', increment: '2', min: '1', max: '9223372036854775807', cache: '1', cycle: false },
    change: 'alter table public.customers alter id set increment by 2',
  },
  {
    kind: 'column',
    key: 'public.customers.email',
    attribute: 'comment',
    expected: 'Login e-mail',
    actual: 'E-mail',
    severity: 'info',
    change: `comment on column public.customers.email is 'E-mail'`,
  },
  {
    kind: 'constraint',
    key: 'billing.invoices.invoices_state_check',
    attribute: 'definition',
    expected: `CHECK ((state = ANY (ARRAY['draft'::billing.invoice_state, 'sent'::billing.invoice_state, 'paid'::billing.invoice_state, 'void'::billing.invoice_state])))`,
    actual: `CHECK ((state = ANY (ARRAY['draft'::billing.invoice_state, 'sent'::billing.invoice_state, 'paid'::billing.invoice_state])))`,
    change: `alter table billing.invoices drop constraint invoices_state_check, add constraint invoices_state_check check (state in ('draft', 'sent', 'paid'))`,
  },
  {
    kind: 'constraint',
    key: 'billing.invoices.invoices_total_positive',
    attribute: 'validated',
    expected: false,
    actual: true,
    change: 'alter table billing.invoices validate constraint invoices_total_positive',
  },
  {
    kind: 'constraint',
    key: 'billing.invoices.invoices_customer_fk',
    attribute: 'initiallyDeferred',
    expected: true,
    actual: false,
    change: 'alter table billing.invoices alter constraint invoices_customer_fk deferrable initially immediate',
  },
  {
    kind: 'index',
    key: 'public.customers.customers_created_idx',
    attribute: 'definition',
    expected: 'CREATE INDEX ON public.customers USING btree (created_at DESC NULLS LAST) INCLUDE (name)',
    actual: 'CREATE INDEX ON public.customers USING btree (created_at DESC NULLS LAST) INCLUDE (name, email)',
    change:
      'drop index public.customers_created_idx; create index customers_created_idx on public.customers (created_at desc nulls last) include (name, email)',
  },
  {
    kind: 'view',
    key: 'public.active_customers',
    attribute: 'definition',
    expected: 'SELECT id,\n    email,\n    name\n   FROM public.customers\n  WHERE deleted_at IS NULL;',
    actual: 'SELECT id,\n    email,\n    name\n   FROM public.customers\n  WHERE deleted_at IS NOT NULL;',
    change:
      'create or replace view public.active_customers with (security_barrier = true) as select id, email, name from public.customers where deleted_at is not null',
  },
  {
    kind: 'view',
    key: 'billing.open_invoices',
    attribute: 'options',
    expected: [],
    actual: ['security_barrier=true'],
    change: 'alter view billing.open_invoices set (security_barrier = true)',
  },
  {
    kind: 'materialized_view',
    key: 'reporting.invoice_totals',
    attribute: 'options',
    expected: [],
    actual: ['fillfactor=50'],
    change: 'alter materialized view reporting.invoice_totals set (fillfactor = 50)',
  },
  {
    kind: 'function',
    key: 'public.greeting(text)',
    attribute: 'argumentNames',
    expected: ['name'],
    actual: ['who'],
    change: `drop function public.greeting(text); create function public.greeting(who text) returns text language sql immutable as $$ SELECT 'hello ' || $1 $$`,
  },
  {
    kind: 'function',
    key: 'public.normalize_email(text)',
    attribute: 'volatility',
    expected: 'immutable',
    actual: 'stable',
    change: 'alter function public.normalize_email(text) stable',
  },
  {
    kind: 'function',
    key: 'public.touch_updated_at()',
    attribute: 'securityDefiner',
    expected: true,
    actual: false,
    change: 'alter function public.touch_updated_at() security invoker',
  },
  {
    kind: 'function',
    key: 'billing.float_diff(double precision, double precision)',
    attribute: 'strict',
    expected: true,
    actual: false,
    change: 'alter function billing.float_diff called on null input',
  },
  {
    kind: 'function',
    key: 'billing.add_tax(numeric, numeric)',
    attribute: 'parallel',
    expected: 'safe',
    actual: 'restricted',
    change: 'alter function billing.add_tax parallel restricted',
  },
  {
    kind: 'function',
    key: 'public.touch_updated_at()',
    attribute: 'config',
    expected: ['search_path=pg_catalog, public'],
    actual: ['search_path=public'],
    change: 'alter function public.touch_updated_at() set search_path = public',
  },
  {
    kind: 'function',
    key: 'billing.add_tax(numeric, numeric)',
    attribute: 'argumentDefaults',
    expected: '0.2',
    actual: '0.25',
    change:
      'create or replace function billing.add_tax(amount numeric, rate numeric default 0.25) returns numeric language sql immutable strict parallel safe return round(amount * (1 + rate), 2)',
  },
  {
    kind: 'function',
    key: 'public.block_write()',
    attribute: 'body',
    expected: "BEGIN RAISE EXCEPTION 'read only'; END",
    actual: "BEGIN RAISE EXCEPTION 'read-only'; END",
    change: `create or replace function public.block_write() returns trigger language plpgsql as $$ BEGIN RAISE EXCEPTION 'read-only'; END $$`,
  },
  {
    kind: 'trigger',
    key: 'billing.payments.payments_check',
    attribute: 'when',
    expected: '(new.amount > (10000)::numeric)',
    actual: '(new.amount > (20000)::numeric)',
    change: `drop trigger payments_check on billing.payments;
             create constraint trigger payments_check after insert or update on billing.payments deferrable initially deferred
               for each row when (new.amount > 20000) execute function public.log_change('large')`,
  },
  {
    kind: 'trigger',
    key: 'billing.payments.payments_block',
    attribute: 'enabled',
    expected: 'disabled',
    actual: 'origin',
    change: 'alter table billing.payments enable trigger payments_block',
  },
  {
    kind: 'trigger',
    key: 'public.events.events_log',
    attribute: 'events',
    expected: ['insert'],
    actual: ['insert', 'update'],
    change: `drop trigger events_log on public.events;
             create trigger events_log after insert or update on public.events for each row execute function public.log_change('event');
             alter table public.events enable always trigger events_log`,
  },
  {
    kind: 'trigger',
    key: 'billing.payments.payments_block',
    attribute: 'function',
    expected: 'public.block_write',
    actual: 'public.log_change',
    change: `drop trigger payments_block on billing.payments;
             create trigger payments_block before delete on billing.payments for each row execute function public.log_change();
             alter table billing.payments disable trigger payments_block`,
  },
  {
    kind: 'policy',
    key: 'billing.invoices.invoices_own',
    attribute: 'using',
    expected: "(customer_id = (current_setting('app.customer_id'::text))::bigint)",
    actual: '(customer_id = 0)',
    change: 'alter policy invoices_own on billing.invoices using (customer_id = 0)',
  },
  {
    kind: 'policy',
    key: 'billing.invoices.invoices_not_void',
    attribute: 'roles',
    expected: ['pg_read_all_data', 'pg_write_all_data'],
    actual: ['pg_read_all_data'],
    change: 'alter policy invoices_not_void on billing.invoices to pg_read_all_data',
  },
  {
    kind: 'policy',
    key: 'billing.payments.payments_insert',
    attribute: 'permissive',
    expected: true,
    actual: false,
    change:
      'drop policy payments_insert on billing.payments; create policy payments_insert on billing.payments as restrictive for insert with check (amount > 0)',
  },
  // What pg_dump writes with ALTER TABLE: replica identity, storage parameters, column settings.
  {
    kind: 'table',
    key: 'public.customers',
    attribute: 'replicaIdentity',
    expected: 'USING INDEX customers_email_key',
    actual: 'FULL',
    change: 'alter table public.customers replica identity full',
  },
  {
    kind: 'table',
    key: 'billing.payments',
    attribute: 'replicaIdentity',
    expected: 'FULL',
    actual: null,
    change: 'alter table billing.payments replica identity default',
  },
  {
    kind: 'table',
    key: 'public.events_2026',
    attribute: 'replicaIdentity',
    expected: 'NOTHING',
    actual: 'FULL',
    change: 'alter table public.events_2026 replica identity full',
  },
  {
    kind: 'table',
    key: 'billing.payments',
    severity: 'warning',
    attribute: 'storageParameters',
    expected: ['autovacuum_vacuum_scale_factor=0.05', 'fillfactor=70', 'toast.autovacuum_enabled=false'],
    actual: ['autovacuum_vacuum_scale_factor=0.05', 'fillfactor=80', 'toast.autovacuum_enabled=false'],
    change: 'alter table billing.payments set (fillfactor = 80)',
  },
  {
    kind: 'table',
    key: 'billing.payments',
    severity: 'warning',
    attribute: 'storageParameters',
    expected: ['autovacuum_vacuum_scale_factor=0.05', 'fillfactor=70', 'toast.autovacuum_enabled=false'],
    actual: ['autovacuum_vacuum_scale_factor=0.05', 'fillfactor=70'],
    change: 'alter table billing.payments reset (toast.autovacuum_enabled)',
  },
  {
    kind: 'table',
    key: 'public.cache_entries',
    severity: 'warning',
    attribute: 'storageParameters',
    expected: null,
    actual: ['autovacuum_enabled=false'],
    change: 'alter table public.cache_entries set (autovacuum_enabled = false)',
  },
  {
    kind: 'table',
    key: 'reporting.daily_counts',
    severity: 'warning',
    attribute: 'accessMethod',
    expected: 'heap_copy',
    actual: null,
    change: 'alter table reporting.daily_counts set access method heap',
  },
  {
    kind: 'table',
    key: 'reporting.address_book',
    attribute: 'ofType',
    expected: 'reporting.contact',
    actual: null,
    change: 'alter table reporting.address_book not of',
  },
  {
    kind: 'materialized_view',
    key: 'reporting.daily_totals',
    severity: 'warning',
    attribute: 'accessMethod',
    expected: 'heap_copy',
    actual: null,
    change: 'alter materialized view reporting.daily_totals set access method heap',
  },
  {
    kind: 'table',
    key: 'reporting.archived_events',
    attribute: 'foreignOptions',
    expected: ['file=events.csv'],
    actual: ['file=old.csv'],
    change: `alter foreign table reporting.archived_events options (set file 'old.csv')`,
  },
  {
    kind: 'column',
    key: 'billing.invoices.lines',
    severity: 'warning',
    attribute: 'storage',
    expected: 'main',
    actual: null,
    change: 'alter table billing.invoices alter lines set storage extended',
  },
  {
    kind: 'column',
    key: 'billing.invoices.lines',
    severity: 'warning',
    attribute: 'compression',
    expected: 'pglz',
    actual: null,
    change: 'alter table billing.invoices alter lines set compression default',
  },
  {
    kind: 'table',
    key: 'public.customers',
    severity: 'warning',
    attribute: 'clusterOn',
    expected: 'customers_email_pattern_idx',
    actual: null,
    change: 'alter table public.customers set without cluster',
  },
  {
    kind: 'column',
    key: 'public.customers.name',
    severity: 'warning',
    attribute: 'options',
    expected: ['n_distinct=-0.5'],
    actual: ['n_distinct=100'],
    change: 'alter table public.customers alter name set (n_distinct = 100)',
  },
  {
    kind: 'column',
    key: 'public.customers.email',
    severity: 'warning',
    attribute: 'statisticsTarget',
    expected: 500,
    actual: 50,
    change: 'alter table public.customers alter email set statistics 50',
  },
  {
    kind: 'column',
    key: 'reporting.archived_events.id',
    attribute: 'foreignOptions',
    expected: ['column_name=event_id'],
    actual: ['column_name=id'],
    change: `alter foreign table reporting.archived_events alter id options (set column_name 'id')`,
  },
  // Object kinds beyond tables.
  {
    kind: 'statistics',
    key: 'billing.invoices_state_customer',
    severity: 'warning',
    attribute: 'definition',
    expected: '(ndistinct, dependencies) ON customer_id, state FROM billing.invoices',
    actual: '(ndistinct) ON customer_id, state FROM billing.invoices',
    change: `drop statistics billing.invoices_state_customer;
             create statistics billing.invoices_state_customer (ndistinct) on state, customer_id from billing.invoices;
             comment on statistics billing.invoices_state_customer is 'state depends on the customer'`,
  },
  {
    kind: 'statistics',
    key: 'public.customers_name_email',
    severity: 'warning',
    attribute: 'statisticsTarget',
    expected: 200,
    actual: 300,
    change: 'alter statistics public.customers_name_email set statistics 300',
  },
  {
    kind: 'rule',
    key: 'public.tenants.tenants_keep',
    attribute: 'enabled',
    expected: 'origin',
    actual: 'disabled',
    change: 'alter table public.tenants disable rule tenants_keep',
  },
  {
    kind: 'rule',
    key: 'public.tenants.tenants_keep',
    attribute: 'definition',
    expected: 'ON DELETE TO public.tenants DO INSTEAD NOTHING;',
    actual: 'ON DELETE TO public.tenants\n   WHERE old.id > 0 DO INSTEAD NOTHING;',
    change: 'create or replace rule tenants_keep as on delete to public.tenants where old.id > 0 do instead nothing',
  },
  {
    kind: 'text_search_parser',
    key: 'public.default_copy',
    attribute: 'functions',
    expected: ['START = prsd_start', 'GETTOKEN = prsd_nexttoken', 'END = prsd_end', 'LEXTYPES = prsd_lextype', 'HEADLINE = prsd_headline'],
    actual: ['START = prsd_start', 'GETTOKEN = prsd_nexttoken', 'END = prsd_end', 'LEXTYPES = prsd_lextype', 'HEADLINE = -'],
    change:
      'drop text search parser public.default_copy; create text search parser public.default_copy (start = prsd_start, gettoken = prsd_nexttoken, end = prsd_end, lextypes = prsd_lextype)',
  },
  {
    kind: 'text_search_template',
    key: 'public.simple_copy',
    attribute: 'functions',
    expected: ['INIT = dsimple_init', 'LEXIZE = dsimple_lexize'],
    actual: ['INIT = -', 'LEXIZE = dsimple_lexize'],
    change: `drop text search template public.simple_copy; create text search template public.simple_copy (lexize = dsimple_lexize); comment on text search template public.simple_copy is 'simple, for tests'`,
  },
  {
    kind: 'conversion',
    key: 'public.utf8_latin1',
    attribute: 'default',
    expected: false,
    actual: true,
    change: `drop conversion public.utf8_latin1; create default conversion public.utf8_latin1 for 'UTF8' to 'LATIN1' from utf8_to_iso8859_1`,
  },
  {
    kind: 'text_search_dictionary',
    key: 'public.english_simple',
    attribute: 'options',
    expected: "stopwords = 'english'",
    actual: "stopwords = 'english', accept = 'false'",
    change: 'alter text search dictionary public.english_simple (accept = false)',
  },
  {
    kind: 'operator',
    key: 'public.=~=(text,text)',
    attribute: 'restrict',
    expected: 'eqsel',
    actual: 'scalarltsel',
    change: 'alter operator public.=~= (text, text) set (restrict = scalarltsel)',
  },
  {
    kind: 'operator_class',
    key: 'public.text_length_ops USING hash',
    attribute: 'comment',
    expected: null,
    actual: 'by length',
    severity: 'info',
    change: `comment on operator class public.text_length_ops using hash is 'by length'`,
  },
  {
    kind: 'cast',
    key: 'billing.address AS text',
    attribute: 'context',
    expected: 'assignment',
    actual: 'implicit',
    change: 'drop cast (billing.address as text); create cast (billing.address as text) with function billing.address_text(billing.address) as implicit',
  },
  {
    kind: 'access_method',
    key: 'heap_copy',
    attribute: 'comment',
    expected: 'heap, for tests',
    actual: null,
    severity: 'info',
    change: 'comment on access method heap_copy is null',
  },
  {
    kind: 'foreign_data_wrapper',
    key: 'archive_fdw',
    attribute: 'options',
    expected: ['format=csv'],
    actual: ['format=json'],
    change: `alter foreign data wrapper archive_fdw options (set format 'json')`,
  },
  { kind: 'foreign_server', key: 'archive', attribute: 'version', expected: '2', actual: '3', change: `alter server archive version '3'` },
  {
    kind: 'publication',
    key: 'billing_changes',
    attribute: 'operations',
    expected: ['insert', 'update'],
    actual: ['insert'],
    change: `alter publication billing_changes set (publish = 'insert')`,
  },
  {
    kind: 'publication',
    key: 'billing_changes',
    attribute: 'tables',
    expected: ['billing.invoices', 'billing.payments'],
    actual: ['billing.invoices'],
    change: 'alter publication billing_changes drop table billing.payments',
  },
  { kind: 'event_trigger', key: 'note_ddl', attribute: 'enabled', expected: 'disabled', actual: 'origin', change: 'alter event trigger note_ddl enable' },
  {
    kind: 'event_trigger',
    key: 'note_ddl',
    attribute: 'tags',
    expected: ['CREATE TABLE', 'DROP TABLE'],
    actual: ['CREATE TABLE'],
    change: `drop event trigger note_ddl; create event trigger note_ddl on ddl_command_end when tag in ('CREATE TABLE') execute function public.note_ddl(); alter event trigger note_ddl disable`,
  },
];

describe('one change in live, one finding', () => {
  test.for(CASES)('$kind $key: $attribute', { timeout: 30_000 }, async (c) => {
    const findings = await findingsAfter(c.change);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      change: 'changed',
      kind: c.kind,
      key: c.key,
      attribute: c.attribute,
      expected: c.expected,
      actual: c.actual,
      severity: c.severity ?? 'error',
    });
  });

  test('the raw texts say what differs: no canonical forms beside them', async () => {
    const [finding] = await findingsAfter(`alter table billing.payments alter method set default 'cash'`);
    expect(finding).toMatchObject({ expected: "'card'::text", actual: "'cash'::text" });
    expect(finding).not.toHaveProperty('normalized');
  });

  test('a renamed function parameter is a change of the function keyed by its argument types, not another function', async () => {
    const findings = await findingsAfter(
      `drop function public.greeting(text); create function public.greeting(who text) returns text language sql immutable as $$ SELECT 'hello ' || $1 $$`,
    );
    expect(findings.map((f) => `${f.change} ${f.key}`)).toEqual(['changed public.greeting(text)']);
  });

  test('a detached partition', async () => {
    const findings = await findingsAfter('alter table public.sessions detach partition public.sessions_1');
    expect(findings.map((f) => [f.key, f.attribute, f.expected, f.actual])).toEqual([
      ['public.sessions_1', 'partitionBound', 'FOR VALUES WITH (modulus 2, remainder 1)', null],
      ['public.sessions_1', 'partitionOf', 'public.sessions', null],
    ]);
  });

  test('owners and privileges, when included', async () => {
    const role = `pgparity_owner_${randomBytes(3).toString('hex')}`;
    await exec(adminTarget(), `create role ${role}`);
    try {
      const owner = await findingsAfter(`alter table public.cache_entries owner to ${role}`, ['owner']);
      expect(owner).toEqual([expect.objectContaining({ kind: 'table', key: 'public.cache_entries', attribute: 'owner', actual: role })]);
      const privileges = await findingsAfter(`grant select, insert on public.cache_entries to ${role}`, ['privileges']);
      expect(privileges).toEqual([expect.objectContaining({ kind: 'table', key: 'public.cache_entries', attribute: 'privileges' })]);
      expect(privileges[0]?.actual).toContain(`${role}: INSERT, SELECT`);
      // Left out by default.
      expect(await findingsAfter(`grant select on public.cache_entries to ${role}`)).toEqual([]);
    } finally {
      await exec(adminTarget(), `drop owned by ${role}; drop role ${role}`).catch(() => undefined);
    }
  });
});

describe('what pg_dump writes beyond tables, one change each', () => {
  const only = async (change: string): Promise<Finding> => {
    const findings = await findingsAfter(change);
    expect(findings).toHaveLength(1);
    return findings[0]!;
  };

  test('a text search configuration mapping', async () => {
    const f = await only('alter text search configuration public.notes_search alter mapping for asciiword with english_stem');
    expect(f).toMatchObject({ change: 'changed', kind: 'text_search_configuration', key: 'public.notes_search', attribute: 'mappings', severity: 'error' });
    expect(f.expected).toContain('asciiword: public.english_simple, pg_catalog.english_stem');
    expect(f.actual).toContain('asciiword: pg_catalog.english_stem');
    expect(f.message).toBe('text search configuration public.notes_search: token mappings differ between migrations and live');
  });

  test('an operator family member (its new support function is an extra function)', async () => {
    const findings = await findingsAfter(`
      create function public.length_hash_extended(t text, seed bigint) returns bigint language sql immutable strict as 'SELECT hashint8extended(length(t), seed)';
      alter operator family public.text_length_ops using hash add function 2 (text, text) public.length_hash_extended(text, bigint)`);
    expect(findings.map((f) => [f.change, f.kind, f.key, f.attribute ?? null])).toEqual([
      ['extra', 'function', 'public.length_hash_extended(text, bigint)', null],
      ['changed', 'operator_family', 'public.text_length_ops USING hash', 'members'],
    ]);
    expect(findings[1]).toMatchObject({
      expected: ['FUNCTION 1 (text, text) public.length_hash(text)', 'OPERATOR 1 public.=~=(text,text)'],
      actual: [
        'FUNCTION 1 (text, text) public.length_hash(text)',
        'FUNCTION 2 (text, text) public.length_hash_extended(text,bigint)',
        'OPERATOR 1 public.=~=(text,text)',
      ],
    });
  });

  test('publications: schemas, partition root, all tables', async () => {
    expect(await only('alter publication billing_changes add tables in schema reporting')).toMatchObject({
      kind: 'publication',
      key: 'billing_changes',
      object: { schema: '', name: 'billing_changes' },
      attribute: 'schemas',
      expected: [],
      actual: ['reporting'],
      message: 'publication billing_changes: schemas (TABLES IN SCHEMA) are (reporting) in live, () in migrations',
    });
    expect(await only('alter publication billing_changes set (publish_via_partition_root = true)')).toMatchObject({
      attribute: 'viaRoot',
      expected: false,
      actual: true,
      message: 'publication billing_changes is published via its partition root in live, published per partition in migrations',
    });
  });

  test('a replica identity message says DEFAULT for the default', async () => {
    expect((await only('alter table billing.payments replica identity default')).message).toBe(
      'table billing.payments: replica identity is DEFAULT in live, FULL in migrations',
    );
  });

  test('an extra publication and a missing event trigger', async () => {
    const findings = await findingsAfter('create publication audit_all for all tables; drop event trigger note_ddl');
    expect(findings.map((f) => [f.change, f.kind, f.key, f.severity, f.message])).toEqual([
      ['extra', 'publication', 'audit_all', 'error', 'publication audit_all exists in live but no migration creates it'],
      ['missing', 'event_trigger', 'note_ddl', 'error', 'event trigger note_ddl is missing in live (the migrations create it)'],
    ]);
  });
});

describe('what reads differently but does the same reports nothing', () => {
  test('a function body with other whitespace, comments and keyword case', async () => {
    const findings = await findingsAfter(`create or replace function public.block_write() returns trigger language plpgsql as $$
      begin
        raise exception 'read only';  -- refuse every write
      end
    $$`);
    expect(findings).toEqual([]);
  });

  test('serial written out by hand: an integer column, an owned sequence, a nextval default', async () => {
    const findings = await findingsAfter(`
      drop table public.notes;
      create sequence public.note_ids;
      create table public.notes (id integer not null default nextval('public.note_ids'), body text not null, primary key (id));
      alter sequence public.note_ids owned by public.notes.id`);
    // The same column, its sequence under another name: one rename, a warning.
    expect(findings.map((f) => [f.kind, f.key, f.attribute, f.expected, f.actual, f.severity])).toEqual([
      ['sequence', 'public.notes_id_seq', 'name', 'notes_id_seq', 'note_ids', 'warning'],
    ]);
  });

  test('but an identity column is not a serial one', async () => {
    const findings = await findingsAfter(`alter table billing.payments alter id drop default;
      drop sequence billing.payments_id_seq;
      alter table billing.payments alter id add generated by default as identity`);
    expect(findings.map((f) => [f.change, f.kind, f.key, f.attribute ?? null])).toEqual([
      ['missing', 'sequence', 'billing.payments_id_seq', null],
      ['changed', 'column', 'billing.payments.id', 'default'],
      ['changed', 'column', 'billing.payments.id', 'identity'],
    ]);
  });
});
