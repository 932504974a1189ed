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
  { kind: 'schema', key: 'billing', attribute: 'comment', expected: 'Invoices and payments', actual: 'Money', severity: 'info', change: `comment on schema billing is 'Money'` },
  { kind: 'extension', key: 'pg_trgm', attribute: 'comment', expected: 'text similarity measurement and index searching based on trigrams', actual: null, severity: 'info', change: 'comment on extension pg_trgm is null' },
  {
    kind: 'collation', key: 'billing.german', attribute: 'locale', expected: 'de', actual: 'de-AT',
    change: `drop collation billing.german; create collation billing.german (provider = icu, locale = 'de-AT')`,
  },
  {
    kind: 'type', key: 'billing.invoice_state', attribute: 'values', expected: ['draft', 'sent', 'paid', 'void'], actual: ['draft', 'sent', 'paid', 'void', 'refunded'],
    change: `alter type billing.invoice_state add value 'refunded'`,
  },
  { kind: 'type', key: 'billing.money_amount', attribute: 'default', expected: '0', actual: '1', change: 'alter domain billing.money_amount set default 1' },
  { kind: 'type', key: 'billing.code', attribute: 'notNull', expected: false, actual: true, change: 'alter domain billing.code set not null' },
  {
    kind: 'type', key: 'billing.code', attribute: 'checks', expected: [`CHECK ((VALUE ~ '^[A-Z]{3}$'::text))`], actual: [`CHECK ((VALUE ~ '^[A-Z]{4}$'::text))`],
    change: `alter domain billing.code drop constraint code_check; alter domain billing.code add constraint code_check check (value ~ '^[A-Z]{4}$')`,
  },
  {
    kind: 'type', key: 'billing.address', attribute: 'attributes', expected: ['street text', 'city text COLLATE pg_catalog."C"', 'zip character varying(10)'],
    actual: ['street text', 'city text COLLATE pg_catalog."C"', 'zip character varying(10)', 'country text'],
    change: 'alter type billing.address add attribute country text',
  },
  {
    kind: 'type', key: 'billing.price_range', attribute: 'rangeOptions', expected: ['multirange_type_name = billing.price_multirange'], actual: ['multirange_type_name = billing.price_ranges'],
    change: 'drop type billing.price_range; create type billing.price_range as range (subtype = numeric, multirange_type_name = billing.price_ranges)',
  },
  { kind: 'sequence', key: 'public.ticket_seq', attribute: 'increment', expected: '-1', actual: '-2', change: 'alter sequence public.ticket_seq increment by -2' },
  { kind: 'table', key: 'billing.invoices', attribute: 'forceRowSecurity', expected: true, actual: false, change: 'alter table billing.invoices no force row level security' },
  { kind: 'table', key: 'billing.payments', attribute: 'rowSecurity', expected: true, actual: false, change: 'alter table billing.payments disable row level security' },
  {
    kind: 'table', key: 'public.events_2026', attribute: 'partitionBound',
    expected: "FOR VALUES FROM ('2026-01-01 00:00:00+00') TO ('2027-01-01 00:00:00+00')", actual: "FOR VALUES FROM ('2026-01-01 00:00:00+00') TO ('2026-07-01 00:00:00+00')",
    change: `alter table public.events detach partition public.events_2026;
             alter table public.events attach partition public.events_2026 for values from ('2026-01-01 00:00:00+00') to ('2026-07-01 00:00:00+00')`,
  },
  {
    kind: 'table', key: 'reporting.login_log', attribute: 'inherits', expected: ['reporting.base_log', 'reporting.extra_log'], actual: ['reporting.base_log'],
    change: 'alter table reporting.login_log no inherit reporting.extra_log',
  },
  { kind: 'table', key: 'public.customers', attribute: 'comment', expected: 'People and companies we bill', actual: 'People', severity: 'info', change: `comment on table public.customers is 'People'` },
  { kind: 'column', key: 'billing.payments.method', attribute: 'default', expected: "'card'::text", actual: "'cash'::text", change: `alter table billing.payments alter method set default 'cash'` },
  { kind: 'column', key: 'public.customers.deleted_at', attribute: 'nullable', expected: true, actual: false, change: 'alter table public.customers alter deleted_at set not null' },
  { kind: 'column', key: 'public.cache_entries.value', attribute: 'type', expected: 'bytea', actual: 'text', change: 'alter table public.cache_entries alter value type text' },
  {
    kind: 'column', key: 'public.cache_entries.key', attribute: 'collation', expected: null, actual: 'billing.german',
    change: 'alter table public.cache_entries alter key type text collate billing.german',
  },
  {
    kind: 'column', key: 'public.customers.id', attribute: 'identity',
    expected: { generation: 'always', type: 'bigint', start: '1000', increment: '1', min: '1', max: '9223372036854775807', cache: '1', cycle: false },
    actual: { generation: 'always', type: 'bigint', start: '1000', increment: '2', min: '1', max: '9223372036854775807', cache: '1', cycle: false },
    change: 'alter table public.customers alter id set increment by 2',
  },
  { kind: 'column', key: 'public.customers.email', attribute: 'comment', expected: 'Login e-mail', actual: 'E-mail', severity: 'info', change: `comment on column public.customers.email is 'E-mail'` },
  {
    kind: 'constraint', key: 'billing.invoices.invoices_state_check', attribute: 'definition',
    expected: `CHECK ((state = ANY (ARRAY['draft'::billing.invoice_state, 'sent'::billing.invoice_state, 'paid'::billing.invoice_state, 'void'::billing.invoice_state])))`,
    actual: `CHECK ((state = ANY (ARRAY['draft'::billing.invoice_state, 'sent'::billing.invoice_state, 'paid'::billing.invoice_state])))`,
    change: `alter table billing.invoices drop constraint invoices_state_check, add constraint invoices_state_check check (state in ('draft', 'sent', 'paid'))`,
  },
  { kind: 'constraint', key: 'billing.invoices.invoices_total_positive', attribute: 'validated', expected: false, actual: true, change: 'alter table billing.invoices validate constraint invoices_total_positive' },
  {
    kind: 'constraint', key: 'billing.invoices.invoices_customer_fk', attribute: 'initiallyDeferred', expected: true, actual: false,
    change: 'alter table billing.invoices alter constraint invoices_customer_fk deferrable initially immediate',
  },
  {
    kind: 'index', key: 'public.customers.customers_created_idx', attribute: 'definition',
    expected: 'CREATE INDEX ON public.customers USING btree (created_at DESC NULLS LAST) INCLUDE (name)',
    actual: 'CREATE INDEX ON public.customers USING btree (created_at DESC NULLS LAST) INCLUDE (name, email)',
    change: 'drop index public.customers_created_idx; create index customers_created_idx on public.customers (created_at desc nulls last) include (name, email)',
  },
  {
    kind: 'view', key: 'public.active_customers', attribute: 'definition',
    expected: 'SELECT id,\n    email,\n    name\n   FROM public.customers\n  WHERE deleted_at IS NULL;',
    actual: 'SELECT id,\n    email,\n    name\n   FROM public.customers\n  WHERE deleted_at IS NOT NULL;',
    change: 'create or replace view public.active_customers with (security_barrier = true) as select id, email, name from public.customers where deleted_at is not null',
  },
  { kind: 'view', key: 'billing.open_invoices', attribute: 'options', expected: [], actual: ['security_barrier=true'], change: 'alter view billing.open_invoices set (security_barrier = true)' },
  { kind: 'materialized_view', key: 'reporting.invoice_totals', attribute: 'options', expected: [], actual: ['fillfactor=50'], change: 'alter materialized view reporting.invoice_totals set (fillfactor = 50)' },
  {
    kind: 'function', key: 'public.greeting(text)', attribute: 'argumentNames', expected: ['name'], actual: ['who'],
    change: `drop function public.greeting(text); create function public.greeting(who text) returns text language sql immutable as $$ SELECT 'hello ' || $1 $$`,
  },
  { kind: 'function', key: 'public.normalize_email(text)', attribute: 'volatility', expected: 'immutable', actual: 'stable', change: 'alter function public.normalize_email(text) stable' },
  { kind: 'function', key: 'public.touch_updated_at()', attribute: 'securityDefiner', expected: true, actual: false, change: 'alter function public.touch_updated_at() security invoker' },
  { kind: 'function', key: 'billing.float_diff(double precision, double precision)', attribute: 'strict', expected: true, actual: false, change: 'alter function billing.float_diff called on null input' },
  { kind: 'function', key: 'billing.add_tax(numeric, numeric)', attribute: 'parallel', expected: 'safe', actual: 'restricted', change: 'alter function billing.add_tax parallel restricted' },
  { kind: 'function', key: 'public.touch_updated_at()', attribute: 'config', expected: ['search_path=pg_catalog, public'], actual: ['search_path=public'], change: 'alter function public.touch_updated_at() set search_path = public' },
  {
    kind: 'function', key: 'billing.add_tax(numeric, numeric)', attribute: 'argumentDefaults', expected: '0.2', actual: '0.25',
    change: 'create or replace function billing.add_tax(amount numeric, rate numeric default 0.25) returns numeric language sql immutable strict parallel safe return round(amount * (1 + rate), 2)',
  },
  {
    kind: 'function', key: 'public.block_write()', attribute: 'body', expected: "BEGIN RAISE EXCEPTION 'read only'; END", actual: "BEGIN RAISE EXCEPTION 'read-only'; END",
    change: `create or replace function public.block_write() returns trigger language plpgsql as $$ BEGIN RAISE EXCEPTION 'read-only'; END $$`,
  },
  {
    kind: 'trigger', key: 'billing.payments.payments_check', attribute: 'when', expected: '(new.amount > (10000)::numeric)', actual: '(new.amount > (20000)::numeric)',
    change: `drop trigger payments_check on billing.payments;
             create constraint trigger payments_check after insert or update on billing.payments deferrable initially deferred
               for each row when (new.amount > 20000) execute function public.log_change('large')`,
  },
  { kind: 'trigger', key: 'billing.payments.payments_block', attribute: 'enabled', expected: 'disabled', actual: 'origin', change: 'alter table billing.payments enable trigger payments_block' },
  {
    kind: 'trigger', key: 'public.events.events_log', attribute: 'events', expected: ['insert'], actual: ['insert', 'update'],
    change: `drop trigger events_log on public.events;
             create trigger events_log after insert or update on public.events for each row execute function public.log_change('event');
             alter table public.events enable always trigger events_log`,
  },
  {
    kind: 'trigger', key: 'billing.payments.payments_block', attribute: 'function', expected: 'public.block_write', actual: 'public.log_change',
    change: `drop trigger payments_block on billing.payments;
             create trigger payments_block before delete on billing.payments for each row execute function public.log_change();
             alter table billing.payments disable trigger payments_block`,
  },
  {
    kind: 'policy', key: 'billing.invoices.invoices_own', attribute: 'using',
    expected: "(customer_id = (current_setting('app.customer_id'::text))::bigint)", actual: '(customer_id = 0)',
    change: 'alter policy invoices_own on billing.invoices using (customer_id = 0)',
  },
  {
    kind: 'policy', key: 'billing.invoices.invoices_not_void', attribute: 'roles', expected: ['pg_read_all_data', 'pg_write_all_data'], actual: ['pg_read_all_data'],
    change: 'alter policy invoices_not_void on billing.invoices to pg_read_all_data',
  },
  {
    kind: 'policy', key: 'billing.payments.payments_insert', attribute: 'permissive', expected: true, actual: false,
    change: 'drop policy payments_insert on billing.payments; create policy payments_insert on billing.payments as restrictive for insert with check (amount > 0)',
  },
];

describe('one change in live, one finding', () => {
  test.for(CASES)('$kind $key: $attribute', { timeout: 30_000 }, async (c) => {
    const findings = await findingsAfter(c.change);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      change: 'changed', kind: c.kind, key: c.key, attribute: c.attribute, expected: c.expected, actual: c.actual, severity: c.severity ?? 'error',
    });
  });

  test('the raw texts say what differs: no canonical forms beside them', async () => {
    const [finding] = await findingsAfter(`alter table billing.payments alter method set default 'cash'`);
    expect(finding).toMatchObject({ expected: "'card'::text", actual: "'cash'::text" });
    expect(finding).not.toHaveProperty('normalized');
  });

  test('a renamed function parameter is a change of the function keyed by its argument types, not another function', async () => {
    const findings = await findingsAfter(`drop function public.greeting(text); create function public.greeting(who text) returns text language sql immutable as $$ SELECT 'hello ' || $1 $$`);
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
