import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { connect } from '../db/connect.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import type { CatalogObject } from '../model/objects.js';
import type { Snapshot } from '../model/snapshot.js';
import { introspectCatalog, serializeSnapshot, type IntrospectOptions, type Introspection } from './index.js';
import { objectKey } from '../model/keys.js';

const RICH_SCHEMA = readFileSync(new URL('./test-fixtures/rich-schema.sql', import.meta.url), 'utf8');

async function introspect(db: TestDatabase, options: Partial<IntrospectOptions> = {}): Promise<Introspection> {
  const client = await connect(db.target, { readOnly: true });
  try {
    return await introspectCatalog(client, { source: 'test', ...options });
  } finally {
    await client.end();
  }
}

function find(snapshot: Snapshot, kind: CatalogObject['kind'], key: string): CatalogObject | undefined {
  return snapshot.objects.find((o) => o.kind === kind && o.key === key);
}

function keysOf(snapshot: Snapshot, kind: CatalogObject['kind']): string[] {
  return snapshot.objects.filter((o) => o.kind === kind).map((o) => o.key);
}

describe('a schema with every object kind', () => {
  let db: TestDatabase;
  let snapshot: Snapshot;
  let hasCitext = false;
  let serverVersionNum = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.exec(RICH_SCHEMA);
    // An index left invalid by a failed CREATE INDEX CONCURRENTLY (which cannot run in a transaction).
    await db.exec(`insert into app.cache values ('a', 'same'), ('b', 'same')`);
    await expect(db.exec('create unique index concurrently cache_v_unique on app.cache (v)')).rejects.toThrow(/duplicate|could not create/);
    const probe = await connect(db.target, { readOnly: true });
    try {
      const { rows } = await probe.query(`select 1 from pg_available_extensions where name = 'citext'`);
      hasCitext = rows.length > 0;
      const version = await probe.query<{ num: number }>(`select current_setting('server_version_num')::int as num`);
      serverVersionNum = version.rows[0]?.num ?? 0;
    } finally {
      await probe.end();
    }
    if (hasCitext) await db.exec('create extension citext schema public; create table app.tags (name public.citext primary key)');
    if (serverVersionNum >= 180000) await db.exec('create table app.doubled (a int, b int generated always as (a * 2) virtual)');
    snapshot = (await introspect(db)).snapshot;
  });
  afterAll(() => db?.drop());

  test('server and source', () => {
    expect(snapshot.formatVersion).toBe(1);
    expect(snapshot.source).toBe('test');
    expect(snapshot.server.version).toMatch(/^\d+(\.\d+)?/);
    expect(snapshot.server.version).not.toContain(' ');
    expect(snapshot.server.versionNum).toBeGreaterThanOrEqual(140000);
  });

  test('objects are sorted by kind order, then key by code point', () => {
    const kinds = [
      'schema',
      'extension',
      'collation',
      'type',
      'sequence',
      'table',
      'column',
      'constraint',
      'index',
      'view',
      'materialized_view',
      'function',
      'trigger',
      'policy',
      'rule',
      'statistics',
      'text_search_parser',
      'text_search_template',
      'text_search_dictionary',
      'text_search_configuration',
      'operator',
      'operator_family',
      'operator_class',
      'conversion',
      'access_method',
      'cast',
      'foreign_data_wrapper',
      'foreign_server',
      'publication',
      'event_trigger',
    ];
    const order = snapshot.objects.map((o) => [kinds.indexOf(o.kind), o.key] as const);
    const sorted = [...order].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    expect(order).toEqual(sorted);
  });

  test('schemas: user schemas only, with comments', () => {
    expect(keysOf(snapshot, 'schema')).toEqual(['"Odd Schema"', 'app', 'audit', 'public']);
    expect(find(snapshot, 'schema', 'app')).toEqual({ kind: 'schema', key: 'app', schema: 'app', name: 'app', comment: 'application schema' });
  });

  test('types: enum, domain, composite and range, but no array, row or multirange types', () => {
    expect(keysOf(snapshot, 'type')).toEqual(['app.address', 'app.float_range', 'app.mood', 'app.positive_int']);
    expect(find(snapshot, 'type', 'app.mood')).toEqual({
      kind: 'type',
      key: 'app.mood',
      schema: 'app',
      name: 'mood',
      variant: 'enum',
      values: ['sad', 'ok', 'happy'],
      comment: 'how it feels',
    });
    expect(find(snapshot, 'type', 'app.positive_int')).toEqual({
      kind: 'type',
      key: 'app.positive_int',
      schema: 'app',
      name: 'positive_int',
      variant: 'domain',
      baseType: 'integer',
      default: '1',
      notNull: true,
      checks: ['CHECK ((VALUE < 1000000))', 'CHECK ((VALUE > 0))'],
      comment: null,
    });
    expect(find(snapshot, 'type', 'app.address')).toEqual({
      kind: 'type',
      key: 'app.address',
      schema: 'app',
      name: 'address',
      variant: 'composite',
      attributes: ['street text', 'city text COLLATE pg_catalog."C"'],
      comment: null,
    });
    expect(find(snapshot, 'type', 'app.float_range')).toEqual({
      kind: 'type',
      key: 'app.float_range',
      schema: 'app',
      name: 'float_range',
      variant: 'range',
      subtype: 'double precision',
      rangeOptions: ['subtype_diff = app.float_range_diff', 'multirange_type_name = app.float_multirange'],
      comment: null,
    });
  });

  test('tables: variant, persistence, partitioning, inheritance, row security, column order', () => {
    expect(find(snapshot, 'table', 'app.users')).toEqual({
      kind: 'table',
      key: 'app.users',
      schema: 'app',
      name: 'users',
      variant: 'table',
      persistence: 'permanent',
      partitionKey: null,
      partitionOf: null,
      partitionBound: null,
      inherits: [],
      rowSecurity: true,
      forceRowSecurity: true,
      columnOrder: ['id', 'email', 'nickname', 'mood', 'email_lower', 'deleted_at'],
      comment: 'people',
    });
    expect(find(snapshot, 'table', 'app.events')).toMatchObject({ variant: 'partitioned_table', partitionKey: 'RANGE (at)', partitionOf: null });
    expect(find(snapshot, 'table', 'app.events_2024')).toMatchObject({
      variant: 'table',
      partitionOf: 'app.events',
      partitionBound: "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
      inherits: [],
    });
    expect(find(snapshot, 'table', 'app.events_default')).toMatchObject({ partitionOf: 'app.events', partitionBound: 'DEFAULT' });
    expect(find(snapshot, 'table', 'app.login_log')).toMatchObject({
      inherits: ['app.base_log', 'app.extra_log'],
      columnOrder: ['logged_at', 'source', 'user_id'],
    });
    expect(find(snapshot, 'table', 'app.cache')).toMatchObject({ persistence: 'unlogged' });
    // A migration history table is an ordinary table here: filtering it is someone else's job.
    expect(find(snapshot, 'table', 'public.alembic_version')).toBeDefined();
  });

  test('columns: identity, serial, generated, collation, domain and enum types', () => {
    expect(find(snapshot, 'column', 'app.users.id')).toEqual({
      kind: 'column',
      key: 'app.users.id',
      schema: 'app',
      table: 'users',
      name: 'id',
      position: 1,
      type: 'bigint',
      collation: null,
      notNull: true,
      default: null,
      identity: { generation: 'always', type: 'bigint', start: '100', increment: '10', min: '1', max: '9223372036854775807', cache: '5', cycle: false },
      generated: null,
      comment: null,
    });
    expect(find(snapshot, 'column', 'app.users.email')).toMatchObject({ position: 2, type: 'text', notNull: true, comment: 'login' });
    expect(find(snapshot, 'column', 'app.users.nickname')).toMatchObject({ collation: 'pg_catalog."C"' });
    expect(find(snapshot, 'column', 'app.users.mood')).toMatchObject({ type: 'app.mood', default: "'ok'::app.mood", collation: null });
    expect(find(snapshot, 'column', 'app.users.email_lower')).toEqual({
      kind: 'column',
      key: 'app.users.email_lower',
      schema: 'app',
      table: 'users',
      name: 'email_lower',
      position: 5,
      type: 'text',
      collation: null,
      notNull: false,
      default: null,
      identity: null,
      generated: 'lower(email)',
      generatedStorage: 'stored',
      comment: null,
    });
    expect(find(snapshot, 'column', 'app.orders.id')).toMatchObject({ type: 'integer', default: "nextval('app.orders_id_seq'::regclass)", identity: null });
    expect(find(snapshot, 'column', 'app.orders.quantity')).toMatchObject({ type: 'app.positive_int' });
    expect(find(snapshot, 'column', 'app.orders.note')).toMatchObject({ type: 'character varying(200)' });
    expect(find(snapshot, 'column', 'app.events.id')).toMatchObject({ identity: { generation: 'by_default', start: '7' } });
    if (snapshot.server.versionNum >= 170000) {
      // From 17 a partition's identity column shares its root's sequence.
      expect(find(snapshot, 'column', 'app.events_2024.id')).toMatchObject({ identity: { generation: 'by_default', start: '7' } });
    }
  });

  test('a virtual generated column (PostgreSQL 18)', (ctx) => {
    if (serverVersionNum < 180000) ctx.skip();
    expect(find(snapshot, 'column', 'app.doubled.b')).toMatchObject({ default: null, generated: '(a * 2)', generatedStorage: 'virtual' });
  });

  test('no columns of views, materialized views or composite types', () => {
    const tables = new Set(keysOf(snapshot, 'table'));
    for (const column of snapshot.objects.filter((o) => o.kind === 'column')) {
      expect(tables.has(objectKey(column.schema, column.table!))).toBe(true);
    }
  });

  test('constraints: primary key, foreign keys, checks, unique, exclusion; no NOT NULL rows', () => {
    expect(find(snapshot, 'constraint', 'app.orders.orders_user_id_fkey')).toEqual({
      kind: 'constraint',
      key: 'app.orders.orders_user_id_fkey',
      schema: 'app',
      table: 'orders',
      name: 'orders_user_id_fkey',
      type: 'foreign_key',
      definition: 'FOREIGN KEY (user_id) REFERENCES app.users(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED',
      columns: ['user_id'],
      validated: true,
      deferrable: true,
      initiallyDeferred: true,
      references: { table: 'app.users', columns: ['id'], onDelete: 'cascade', onUpdate: 'no action', match: 'simple' },
      comment: null,
    });
    expect(find(snapshot, 'constraint', 'app.order_lines.order_lines_order_id_fkey')).toMatchObject({
      definition: 'FOREIGN KEY (order_id) REFERENCES app.orders(id) MATCH FULL ON UPDATE RESTRICT',
      references: { table: 'app.orders', columns: ['id'], onDelete: 'no action', onUpdate: 'restrict', match: 'full' },
    });
    expect(find(snapshot, 'constraint', 'app.orders.orders_amount_small')).toEqual({
      kind: 'constraint',
      key: 'app.orders.orders_amount_small',
      schema: 'app',
      table: 'orders',
      name: 'orders_amount_small',
      type: 'check',
      definition: 'CHECK ((amount < (1000000)::numeric)) NOT VALID',
      columns: ['amount'],
      validated: false,
      deferrable: false,
      initiallyDeferred: false,
      comment: null,
    });
    expect(find(snapshot, 'constraint', 'app.users.users_email_key')).toMatchObject({
      type: 'unique',
      definition: 'UNIQUE NULLS NOT DISTINCT (email)',
      columns: ['email'],
    });
    expect(find(snapshot, 'constraint', 'app.orders.orders_no_overlap')).toMatchObject({
      type: 'exclusion',
      definition: 'EXCLUDE USING gist (during WITH &&)',
      columns: ['during'],
    });
    expect(find(snapshot, 'constraint', 'app.order_lines.order_lines_pkey')).toMatchObject({
      type: 'primary_key',
      definition: 'PRIMARY KEY (order_id, line)',
      columns: ['order_id', 'line'],
    });
    const types = new Set(snapshot.objects.filter((o) => o.kind === 'constraint').map((o) => o.type));
    expect([...types].sort()).toEqual(['check', 'exclusion', 'foreign_key', 'primary_key', 'unique']);
  });

  test('constraints on partitions are listed; the hidden clones of a foreign key to a partitioned table are not', () => {
    expect(find(snapshot, 'constraint', 'app.events_2024.events_2024_pkey')).toMatchObject({ definition: 'PRIMARY KEY (id, at)' });
    expect(keysOf(snapshot, 'constraint').filter((key) => key.startsWith('app.event_refs.'))).toEqual([
      'app.event_refs.event_refs_event_id_event_at_fkey',
      'app.event_refs.event_refs_pkey',
    ]);
  });

  test('indexes: expression, partial, INCLUDE, ordering, opclass, invalid; none backing a constraint', () => {
    expect(find(snapshot, 'index', 'app.users.users_live_email')).toEqual({
      kind: 'index',
      key: 'app.users.users_live_email',
      schema: 'app',
      table: 'users',
      name: 'users_live_email',
      definition: 'CREATE UNIQUE INDEX ON app.users USING btree (lower(email)) WHERE (deleted_at IS NULL)',
      method: 'btree',
      unique: true,
      nullsNotDistinct: false,
      keys: ['lower(email)'],
      include: [],
      predicate: '(deleted_at IS NULL)',
      valid: true,
      comment: null,
    });
    expect(find(snapshot, 'index', 'app.orders.orders_user_covering')).toMatchObject({ keys: ['user_id'], include: ['amount', 'note'] });
    expect(find(snapshot, 'index', 'app.orders.orders_note_desc')).toMatchObject({ keys: ['note DESC NULLS LAST', 'amount'] });
    expect(find(snapshot, 'index', 'app.orders.orders_note_pattern')).toMatchObject({
      keys: ['note text_pattern_ops'],
      comment: 'LIKE prefix search',
    });
    expect(find(snapshot, 'index', 'app.cache.cache_v_unique')).toMatchObject({ valid: false, unique: true });
    expect(find(snapshot, 'index', 'app.order_totals.order_totals_user')).toMatchObject({ table: 'order_totals', unique: true });
    expect(find(snapshot, 'index', 'app.events.events_payload')).toMatchObject({
      definition: 'CREATE INDEX ON ONLY app.events USING gin (payload)',
      method: 'gin',
    });
    expect(find(snapshot, 'index', '"Odd Schema"."Weird, Table"."Weird ""Index"""')).toEqual({
      kind: 'index',
      key: '"Odd Schema"."Weird, Table"."Weird ""Index"""',
      schema: 'Odd Schema',
      table: 'Weird, Table',
      name: 'Weird "Index"',
      definition: `CREATE INDEX ON "Odd Schema"."Weird, Table" USING btree ("Col (1)" COLLATE "C" DESC, ((COALESCE("select", 0) + 1))) WHERE ("Col (1)" <> 'a, (b)'::text)`,
      method: 'btree',
      unique: false,
      nullsNotDistinct: false,
      keys: ['"Col (1)" COLLATE "C" DESC', '((COALESCE("select", 0) + 1))'],
      include: [],
      predicate: `("Col (1)" <> 'a, (b)'::text)`,
      valid: true,
      comment: null,
    });
    const indexKeys = keysOf(snapshot, 'index');
    expect(indexKeys.filter((key) => /_pkey$|_key$|_excl$|orders_no_overlap$/.test(key))).toEqual([]);
  });

  test('an index predicate is exactly what pg_get_expr prints', async () => {
    const client = await connect(db.target, { readOnly: true });
    try {
      await client.query('begin');
      await client.query(`set local search_path = ''`);
      const { rows } = await client.query<{ name: string; predicate: string }>(
        `select c.relname as name, pg_get_expr(i.indpred, i.indrelid) as predicate
         from pg_index i join pg_class c on c.oid = i.indexrelid where i.indpred is not null`,
      );
      await client.query('commit');
      expect(rows.length).toBe(2);
      for (const row of rows) {
        const index = snapshot.objects.find((o) => o.kind === 'index' && o.name === row.name);
        expect(index).toMatchObject({ predicate: row.predicate });
      }
    } finally {
      await client.end();
    }
  });

  test('sequences: standalone and OWNED BY, never identity sequences', () => {
    expect(keysOf(snapshot, 'sequence')).toEqual(['app.invoice_number', 'app.orders_id_seq']);
    expect(find(snapshot, 'sequence', 'app.invoice_number')).toEqual({
      kind: 'sequence',
      key: 'app.invoice_number',
      schema: 'app',
      name: 'invoice_number',
      type: 'integer',
      start: '1000',
      increment: '2',
      min: '1000',
      max: '999999',
      cache: '1',
      cycle: true,
      ownedBy: null,
      comment: null,
    });
    expect(find(snapshot, 'sequence', 'app.orders_id_seq')).toMatchObject({ ownedBy: 'app.orders.id', max: '2147483647' });
  });

  test('views and materialized views with their options', () => {
    // Before PostgreSQL 16 the deparsed query prefixes every column with its table.
    const prefixed = snapshot.server.versionNum < 160000;
    const column = (table: string, name: string): string => (prefixed ? `${table}.${name}` : name);
    expect(find(snapshot, 'view', 'app.active_users')).toEqual({
      kind: 'view',
      key: 'app.active_users',
      schema: 'app',
      name: 'active_users',
      definition: `SELECT ${column('users', 'id')},\n    ${column('users', 'email')}\n   FROM app.users\n  WHERE ${column('users', 'deleted_at')} IS NULL;`,
      options: ['security_barrier=true'],
      comment: null,
    });
    expect(find(snapshot, 'view', 'app.big_orders')).toMatchObject({ options: ['check_option=local'] });
    expect(find(snapshot, 'materialized_view', 'app.order_totals')).toMatchObject({
      kind: 'materialized_view',
      definition: `SELECT ${column('orders', 'user_id')},\n    sum(${column('orders', 'amount')}) AS total\n   FROM app.orders\n  GROUP BY ${column('orders', 'user_id')};`,
    });
  });

  test('functions, procedures and aggregates, keyed by argument types; range constructors are implied by their type', () => {
    expect(keysOf(snapshot, 'function')).toEqual([
      'app.add(integer, integer)',
      'app.archive(date, integer)',
      'app.float_range_diff(double precision, double precision)',
      'app.split(text)',
      'app.total(integer)',
      'app.touch()',
    ]);
    expect(find(snapshot, 'function', 'app.touch()')).toEqual({
      kind: 'function',
      key: 'app.touch()',
      schema: 'app',
      name: 'touch',
      signature: 'touch()',
      argumentTypes: [],
      argumentNames: [],
      argumentDefaults: null,
      variant: 'function',
      returns: 'trigger',
      language: 'plpgsql',
      volatility: 'volatile',
      strict: false,
      securityDefiner: true,
      parallel: 'unsafe',
      config: ['search_path=pg_catalog, app'],
      body: 'begin\n  new.deleted_at := now();\n  return new;\nend;',
      comment: null,
    });
    expect(find(snapshot, 'function', 'app.add(integer, integer)')).toMatchObject({
      signature: 'add(integer, integer)',
      argumentTypes: ['integer', 'integer'],
      argumentNames: ['a', 'b'],
      argumentDefaults: '1',
      language: 'sql',
      volatility: 'immutable',
      strict: true,
      parallel: 'safe',
      body: 'RETURN (a + b)',
    });
    expect(find(snapshot, 'function', 'app.archive(date, integer)')).toMatchObject({
      variant: 'procedure',
      returns: null,
      argumentTypes: ['date', 'INOUT integer'],
      argumentNames: ['cutoff', 'removed'],
    });
    expect(find(snapshot, 'function', 'app.split(text)')).toMatchObject({
      returns: 'record',
      argumentTypes: ['text', 'OUT text', 'OUT text'],
      argumentNames: ['whole', 'head', 'tail'],
    });
    expect(find(snapshot, 'function', 'app.total(integer)')).toMatchObject({ variant: 'aggregate', body: "SFUNC = int4pl, STYPE = integer, INITCOND = '0'" });
  });

  test('triggers: WHEN, UPDATE OF, disabled; a partition does not repeat its parent trigger', () => {
    expect(find(snapshot, 'trigger', 'app.users.users_touch')).toEqual({
      kind: 'trigger',
      key: 'app.users.users_touch',
      schema: 'app',
      table: 'users',
      name: 'users_touch',
      definition:
        'CREATE TRIGGER BEFORE UPDATE OF email, nickname ON app.users FOR EACH ROW WHEN ((old.email IS DISTINCT FROM new.email)) EXECUTE FUNCTION app.touch()',
      timing: 'before',
      events: ['update'],
      columns: ['email', 'nickname'],
      level: 'row',
      when: '(old.email IS DISTINCT FROM new.email)',
      function: 'app.touch',
      arguments: [],
      referencing: [],
      constraintTrigger: false,
      deferrable: false,
      initiallyDeferred: false,
      enabled: 'origin',
      comment: null,
    });
    expect(find(snapshot, 'trigger', 'app.orders.orders_touch')).toMatchObject({
      enabled: 'disabled',
      timing: 'after',
      events: ['insert', 'delete'],
      level: 'statement',
      arguments: ["it's", 'b'],
      referencing: [],
    });
    expect(keysOf(snapshot, 'trigger')).toEqual(['app.events.events_touch', 'app.orders.orders_touch', 'app.users.users_touch']);
  });

  test('policies: permissive and restrictive', () => {
    expect(find(snapshot, 'policy', 'app.users.users_no_deleted')).toEqual({
      kind: 'policy',
      key: 'app.users.users_no_deleted',
      schema: 'app',
      table: 'users',
      name: 'users_no_deleted',
      permissive: false,
      command: 'all',
      roles: ['public'],
      using: '(deleted_at IS NULL)',
      withCheck: '(deleted_at IS NULL)',
      comment: null,
    });
    expect(find(snapshot, 'policy', 'app.users.users_self')).toMatchObject({
      permissive: true,
      command: 'select',
      using: "(id = (current_setting('app.user_id'::text))::bigint)",
      withCheck: null,
    });
  });

  test('collations: user-defined ones, with provider, locale and determinism', () => {
    expect(keysOf(snapshot, 'collation')).toEqual(['app.nocase']);
    expect(find(snapshot, 'collation', 'app.nocase')).toEqual({
      kind: 'collation',
      key: 'app.nocase',
      schema: 'app',
      name: 'nocase',
      provider: 'icu',
      locale: 'und-u-ks-level2',
      ctype: null,
      deterministic: false,
      rules: null,
      comment: 'case-insensitive',
    });
  });

  test('owners and privileges only when asked for', async () => {
    await db.exec('grant select, update on app.users to public; grant insert (email) on app.users to public; revoke truncate on app.users from postgres');
    try {
      const { snapshot: withAccess } = await introspect(db, { include: ['owner', 'privileges'] });
      const owner = (await introspect(db, { include: ['owner'] })).snapshot;
      const users = find(withAccess, 'table', 'app.users');
      expect(users?.owner).toBe('postgres');
      // The owner's own defaults are not listed (MAINTAIN joined them in 17), what was revoked from them is.
      expect(users?.privileges).toEqual(['PUBLIC: SELECT, UPDATE', 'postgres (revoked): TRUNCATE']);
      expect(find(withAccess, 'column', 'app.users.email')).toMatchObject({ privileges: ['PUBLIC: INSERT'] });
      expect(find(withAccess, 'column', 'app.users.nickname')).toMatchObject({ privileges: [] });
      expect(find(withAccess, 'function', 'app.touch()')).toMatchObject({ owner: 'postgres', privileges: ['PUBLIC: EXECUTE'] });
      expect(find(withAccess, 'index', 'app.users.users_live_email')).not.toHaveProperty('owner');
      expect(find(owner, 'table', 'app.users')).not.toHaveProperty('privileges');
      expect(find(owner, 'schema', 'app')).toMatchObject({ owner: 'postgres' });
    } finally {
      await db.exec('revoke all on app.users from public; revoke insert (email) on app.users from public; grant truncate on app.users to postgres');
    }
  });

  test('an extension is listed, its members are not', (ctx) => {
    expect(find(snapshot, 'extension', 'plpgsql')).toMatchObject({ schema: 'pg_catalog' });
    if (!hasCitext) ctx.skip();
    expect(find(snapshot, 'extension', 'citext')).toMatchObject({ kind: 'extension', schema: 'public', name: 'citext' });
    expect(find(snapshot, 'column', 'app.tags.name')).toMatchObject({ type: 'public.citext' });
    expect(snapshot.objects.filter((o) => o.schema === 'public' && (o.kind === 'function' || o.kind === 'type'))).toEqual([]);
  });

  test('no object carries an OID or anything time-dependent', () => {
    const text = serializeSnapshot(snapshot);
    expect(text).not.toMatch(/"(oid|relfilenode|owner|attnum)"/);
    expect(text).not.toMatch(/pgparity_scratch_/);
  });

  test('snapshotting twice gives byte-identical output', async () => {
    const again = (await introspect(db)).snapshot;
    expect(serializeSnapshot(again)).toBe(serializeSnapshot(snapshot));
    expect(serializeSnapshot(snapshot).endsWith('}\n')).toBe(true);
  });

  test('schemas can be included and excluded', async () => {
    const onlyApp = (await introspect(db, { schemas: ['app'] })).snapshot;
    expect(new Set(onlyApp.objects.filter((o) => o.kind !== 'extension').map((o) => o.schema))).toEqual(new Set(['app']));
    expect(keysOf(onlyApp, 'extension')).toEqual([]);
    const withoutApp = (await introspect(db, { excludeSchemas: ['app', 'Odd Schema'] })).snapshot;
    expect(keysOf(withoutApp, 'schema')).toEqual(['audit', 'public']);
    expect(keysOf(withoutApp, 'table')).toEqual(['audit.entries', 'public.alembic_version']);
    const both = (await introspect(db, { schemas: ['app', 'audit'], excludeSchemas: ['app'] })).snapshot;
    expect(keysOf(both, 'table')).toEqual(['audit.entries']);
    // A foreign key to a table outside the schemas read still names the referenced columns.
    const refs = (await introspect(db, { schemas: ['app'], excludeSchemas: [] })).snapshot;
    expect(find(refs, 'constraint', 'app.orders.orders_user_id_fkey')).toMatchObject({ references: { columns: ['id'] } });
  });
});
