import { describe, expect, test } from 'vitest';
import type { CatalogObject } from '../model/objects.js';
import { compareSnapshots } from './compare.js';
import {
  column,
  constraint,
  enumType,
  extension,
  index,
  schema,
  sequence,
  snapshot,
  table,
  tableWithColumns,
  trigger,
  view,
} from '../../test/support/objects.js';

/** users(id serial PK, email UNIQUE NOT NULL, nickname), events(id, created_at) with an index. */
function base(): CatalogObject[] {
  return [
    schema('public'),
    sequence('public.users_id_seq', { ownedBy: 'public.users.id' }),
    table('public.users', ['id', 'email', 'nickname']),
    column('public.users.id', 'integer', { position: 1, notNull: true, default: "nextval('public.users_id_seq'::regclass)" }),
    column('public.users.email', 'text', { position: 2, notNull: true }),
    column('public.users.nickname', 'text', { position: 3 }),
    constraint('public.users.users_pkey', 'primary_key', 'PRIMARY KEY (id)'),
    constraint('public.users.users_email_key', 'unique', 'UNIQUE (email)'),
    ...tableWithColumns('public.events', ['id', 'created_at']),
    index('public.events.events_created_idx', 'CREATE INDEX ON public.events USING btree (created_at)'),
  ];
}

/** `base()` with the objects whose key is given replaced (or removed when the replacement is null). */
function edit(objects: CatalogObject[], changes: Record<string, CatalogObject | null>, added: CatalogObject[] = []): CatalogObject[] {
  const kept = objects.flatMap((o) => {
    const c = changes[`${o.kind}:${o.key}`];
    return c === undefined ? [o] : c === null ? [] : [c];
  });
  return [...kept, ...added];
}

function compare(expected: CatalogObject[], actual: CatalogObject[], options = {}) {
  return compareSnapshots(snapshot(expected, 'migrations'), snapshot(actual, 'live'), options);
}

const users = { schema: 'public', table: 'users' };

describe('compareSnapshots', () => {
  test('identical snapshots give no findings', () => {
    expect(compare(base(), base())).toEqual([]);
  });

  test('a missing and an extra table are one finding each, not one per column, constraint, index or sequence', () => {
    const auditLog = [
      ...tableWithColumns('public.audit_log', ['id', 'at']),
      sequence('public.audit_log_id_seq', { ownedBy: 'public.audit_log.id' }),
      index('public.audit_log.audit_log_at_idx', 'CREATE INDEX ON public.audit_log USING btree (at)'),
      constraint('public.audit_log.audit_log_pkey', 'primary_key', 'PRIMARY KEY (id)'),
      trigger('public.audit_log.audit_log_stamp', 'CREATE TRIGGER BEFORE INSERT ON public.audit_log FOR EACH ROW EXECUTE FUNCTION stamp()'),
    ];
    const sessions = [
      ...tableWithColumns('public.sessions', ['token', 'user_id']),
      constraint('public.sessions.sessions_pkey', 'primary_key', 'PRIMARY KEY (token)'),
    ];
    expect(compare([...base(), ...auditLog], [...base(), ...sessions])).toEqual([
      {
        change: 'missing',
        kind: 'table',
        key: 'public.audit_log',
        object: { schema: 'public', name: 'audit_log' },
        severity: 'error',
        message: 'table public.audit_log is missing in live (the migrations create it)',
      },
      {
        change: 'extra',
        kind: 'table',
        key: 'public.sessions',
        object: { schema: 'public', name: 'sessions' },
        severity: 'error',
        message: 'table public.sessions exists in live but no migration creates it',
      },
    ]);
  });

  test('a missing schema is one finding that counts what it holds', () => {
    const billing = [
      schema('billing'),
      enumType('billing.status', ['open', 'paid']),
      ...tableWithColumns('billing.invoices', ['id']),
      ...tableWithColumns('billing.payments', ['id']),
      view('billing.open_invoices', ' SELECT id FROM billing.invoices;'),
    ];
    expect(compare([...base(), ...billing], base())).toEqual([
      {
        change: 'missing',
        kind: 'schema',
        key: 'billing',
        object: { schema: 'billing', name: 'billing' },
        severity: 'error',
        message: 'schema billing is missing in live (the migrations create it, with 1 type, 2 tables, 1 view)',
      },
    ]);
    expect(compare(base(), [...base(), ...billing])[0]?.message).toBe(
      'schema billing exists in live but no migration creates it (with 1 type, 2 tables, 1 view)',
    );
  });

  test('a column nullable in live but NOT NULL in migrations: the contract example', () => {
    const actual = edit(base(), { 'column:public.users.email': column('public.users.email', 'text', { position: 2, notNull: false }) });
    expect(compare(base(), actual)).toEqual([
      {
        change: 'changed',
        kind: 'column',
        key: 'public.users.email',
        object: { ...users, name: 'email' },
        attribute: 'nullable',
        expected: false,
        actual: true,
        severity: 'error',
        message: 'column public.users.email is nullable in live, NOT NULL in migrations',
      },
    ]);
  });

  test('a column type change', () => {
    const actual = edit(base(), { 'column:public.users.nickname': column('public.users.nickname', 'character varying(50)', { position: 3 }) });
    expect(compare(base(), actual)).toEqual([
      {
        change: 'changed',
        kind: 'column',
        key: 'public.users.nickname',
        object: { ...users, name: 'nickname' },
        attribute: 'type',
        expected: 'text',
        actual: 'character varying(50)',
        severity: 'error',
        message: 'column public.users.nickname: type is character varying(50) in live, text in migrations',
      },
    ]);
  });

  test('a default added in live', () => {
    const actual = edit(base(), { 'column:public.users.nickname': column('public.users.nickname', 'text', { position: 3, default: "'anon'::text" }) });
    expect(compare(base(), actual)).toEqual([
      {
        change: 'changed',
        kind: 'column',
        key: 'public.users.nickname',
        object: { ...users, name: 'nickname' },
        attribute: 'default',
        expected: null,
        actual: "'anon'::text",
        severity: 'error',
        message: "column public.users.nickname: default is 'anon'::text in live, none in migrations",
      },
    ]);
  });

  test('an identity column that live lacks', () => {
    const identity = {
      generation: 'always',
      type: 'bigint',
      start: '1',
      increment: '1',
      min: '1',
      max: '9223372036854775807',
      cache: '1',
      cycle: false,
    } as const;
    const expected = edit(base(), { 'column:public.users.id': column('public.users.id', 'integer', { position: 1, notNull: true, identity }) });
    const actual = edit(base(), {
      'column:public.users.id': column('public.users.id', 'integer', { position: 1, notNull: true, identity: { ...identity, cache: '20' } }),
    });
    expect(compare(expected, actual).map((f) => f.message)).toEqual([
      'column public.users.id: identity is GENERATED ALWAYS AS IDENTITY (CACHE 20) in live, GENERATED ALWAYS AS IDENTITY (CACHE 1) in migrations',
    ]);
  });

  test('a missing index', () => {
    const actual = edit(base(), { 'index:public.events.events_created_idx': null });
    expect(compare(base(), actual)).toEqual([
      {
        change: 'missing',
        kind: 'index',
        key: 'public.events.events_created_idx',
        object: { schema: 'public', table: 'events', name: 'events_created_idx' },
        severity: 'error',
        message: 'index public.events.events_created_idx is missing in live (the migrations create it)',
      },
    ]);
  });

  test('a constraint under another name is one rename warning', () => {
    const actual = edit(base(), {
      'constraint:public.users.users_email_key': constraint('public.users.uq_users_email', 'unique', 'UNIQUE (email)'),
    });
    expect(compare(base(), actual)).toEqual([
      {
        change: 'changed',
        kind: 'constraint',
        key: 'public.users.users_email_key',
        object: { ...users, name: 'users_email_key' },
        attribute: 'name',
        expected: 'users_email_key',
        actual: 'uq_users_email',
        severity: 'warning',
        message: 'constraint public.users.users_email_key is named uq_users_email in live',
      },
    ]);
  });

  test("a constraint's own index follows the constraint: one rename, not two", () => {
    const withIndex = (name: string): CatalogObject[] => [
      constraint(`public.users.${name}`, 'unique', 'UNIQUE (email)'),
      index(`public.users.${name}`, 'CREATE UNIQUE INDEX ON public.users USING btree (email)'),
    ];
    const expected = [...edit(base(), { 'constraint:public.users.users_email_key': null }), ...withIndex('users_email_key')];
    const actual = [...edit(base(), { 'constraint:public.users.users_email_key': null }), ...withIndex('uq_users_email')];
    expect(compare(expected, actual).map((f) => [f.kind, f.attribute])).toEqual([['constraint', 'name']]);
    // And a missing unique constraint is one finding, not also a missing index.
    expect(compare(expected, edit(base(), { 'constraint:public.users.users_email_key': null })).map((f) => `${f.change} ${f.kind}`)).toEqual([
      'missing constraint',
    ]);
  });

  test('renamed look-alikes are paired in name order, whatever the input order', () => {
    const expected = [...base(), constraint('public.users.c_a', 'check', 'CHECK ((id > 0))'), constraint('public.users.c_b', 'check', 'CHECK ((id > 0))')];
    const actual = [...base(), constraint('public.users.z_2', 'check', 'CHECK ((id > 0))'), constraint('public.users.z_1', 'check', 'CHECK ((id > 0))')];
    const result = compare(expected, actual).map((f) => `${f.key} -> ${String(f.actual)}`);
    expect(result).toEqual(['public.users.c_a -> z_1', 'public.users.c_b -> z_2']);
    expect(compare(expected, [...actual].reverse())).toEqual(compare(expected, actual));
  });

  test('an index under another name is one rename warning', () => {
    const actual = edit(base(), {
      'index:public.events.events_created_idx': index('public.events.idx_events_created_at', 'CREATE INDEX ON public.events USING btree (created_at)'),
    });
    expect(compare(base(), actual)).toEqual([
      {
        change: 'changed',
        kind: 'index',
        key: 'public.events.events_created_idx',
        object: { schema: 'public', table: 'events', name: 'events_created_idx' },
        attribute: 'name',
        expected: 'events_created_idx',
        actual: 'idx_events_created_at',
        severity: 'warning',
        message: 'index public.events.events_created_idx is named idx_events_created_at in live',
      },
    ]);
  });

  test('an index definition change is one finding, not one per derived attribute', () => {
    const actual = edit(base(), {
      'index:public.events.events_created_idx': index(
        'public.events.events_created_idx',
        'CREATE UNIQUE INDEX ON public.events USING btree (created_at) WHERE (id > 0)',
        {
          predicate: '(id > 0)',
        },
      ),
    });
    expect(compare(base(), actual)).toEqual([
      {
        change: 'changed',
        kind: 'index',
        key: 'public.events.events_created_idx',
        object: { schema: 'public', table: 'events', name: 'events_created_idx' },
        attribute: 'definition',
        expected: 'CREATE INDEX ON public.events USING btree (created_at)',
        actual: 'CREATE UNIQUE INDEX ON public.events USING btree (created_at) WHERE (id > 0)',
        severity: 'error',
        message: 'index public.events.events_created_idx: definition differs between migrations and live',
      },
    ]);
  });

  test('a NOT VALID constraint is reported once, as validated', () => {
    const actual = edit(base(), {
      'constraint:public.users.users_email_key': constraint('public.users.users_email_key', 'unique', 'UNIQUE (email) NOT VALID', { validated: false }),
    });
    expect(compare(base(), actual)).toEqual([
      {
        change: 'changed',
        kind: 'constraint',
        key: 'public.users.users_email_key',
        object: { ...users, name: 'users_email_key' },
        attribute: 'validated',
        expected: true,
        actual: false,
        severity: 'error',
        message: 'constraint public.users.users_email_key is NOT VALID in live, validated in migrations',
      },
    ]);
  });

  test('a different column order is one info finding on the table', () => {
    const actual = [
      ...edit(base(), { 'table:public.users': table('public.users', ['id', 'nickname', 'email', 'added_later']) }),
      column('public.users.added_later', 'text', { position: 4 }),
    ];
    expect(compare(base(), actual)).toEqual([
      {
        change: 'changed',
        kind: 'table',
        key: 'public.users',
        object: { schema: 'public', name: 'users' },
        attribute: 'columnOrder',
        expected: ['id', 'email', 'nickname'],
        actual: ['id', 'nickname', 'email'],
        severity: 'info',
        message: 'table public.users: column order is id, nickname, email in live, id, email, nickname in migrations',
      },
      {
        change: 'extra',
        kind: 'column',
        key: 'public.users.added_later',
        object: { ...users, name: 'added_later' },
        severity: 'error',
        message: 'column public.users.added_later exists in live but no migration creates it',
      },
    ]);
    expect(compare(base(), actual, { ignoreColumnOrder: true }).map((f) => f.attribute ?? f.change)).toEqual(['extra']);
  });

  test('a long column order is summarised by its first difference', () => {
    const columns = Array.from({ length: 12 }, (_, i) => `column_${i + 1}`);
    const moved = [...columns.slice(0, 3), columns[11]!, ...columns.slice(3, 11)];
    const [finding] = compare(tableWithColumns('public.wide', columns), tableWithColumns('public.wide', moved));
    expect(finding?.message).toBe('table public.wide: column order differs from position 4 (column_12 in live, column_4 in migrations)');
    expect(finding?.actual).toEqual(moved);
  });

  test('an extension: newer version is a warning, extra is a warning, missing is an error', () => {
    const expected = [...base(), extension('pgcrypto', '1.3'), extension('citext', '1.6')];
    const actual = [...base(), extension('pgcrypto', '1.4'), extension('pg_stat_statements', '1.11')];
    expect(compare(expected, actual)).toEqual([
      {
        change: 'missing',
        kind: 'extension',
        key: 'citext',
        object: { schema: 'public', name: 'citext' },
        severity: 'error',
        message: 'extension citext is missing in live (the migrations create it)',
      },
      {
        change: 'extra',
        kind: 'extension',
        key: 'pg_stat_statements',
        object: { schema: 'public', name: 'pg_stat_statements' },
        severity: 'warning',
        message: 'extension pg_stat_statements exists in live but no migration creates it',
      },
      {
        change: 'changed',
        kind: 'extension',
        key: 'pgcrypto',
        object: { schema: 'public', name: 'pgcrypto' },
        attribute: 'version',
        expected: '1.3',
        actual: '1.4',
        severity: 'warning',
        message: 'extension pgcrypto: version is 1.4 in live, 1.3 in migrations',
      },
    ]);
  });

  test('a comment is info, and can be ignored', () => {
    const actual = edit(base(), { 'table:public.users': table('public.users', ['id', 'email', 'nickname'], { comment: 'Registered users' }) });
    expect(compare(base(), actual)).toEqual([
      {
        change: 'changed',
        kind: 'table',
        key: 'public.users',
        object: { schema: 'public', name: 'users' },
        attribute: 'comment',
        expected: null,
        actual: 'Registered users',
        severity: 'info',
        message: 'table public.users: comment is "Registered users" in live, none in migrations',
      },
    ]);
    expect(compare(base(), actual, { ignoreComments: true })).toEqual([]);
  });

  test('an index left invalid by a failed CREATE INDEX CONCURRENTLY', () => {
    const invalid = index('public.events.events_created_idx', 'CREATE INDEX ON public.events USING btree (created_at)', { valid: false });
    expect(compare(base(), edit(base(), { 'index:public.events.events_created_idx': invalid }))).toEqual([
      {
        change: 'changed',
        kind: 'index',
        key: 'public.events.events_created_idx',
        object: { schema: 'public', table: 'events', name: 'events_created_idx' },
        attribute: 'valid',
        expected: true,
        actual: false,
        severity: 'error',
        message: 'index public.events.events_created_idx is invalid in live (left by a failed CREATE INDEX CONCURRENTLY): drop and rebuild it',
      },
    ]);
    const stray = index('public.events.events_at_idx', 'CREATE INDEX ON public.events USING btree (id)', { valid: false });
    expect(compare(base(), [...base(), stray])[0]?.message).toBe(
      'index public.events.events_at_idx exists in live but no migration creates it (invalid: left by a failed CREATE INDEX CONCURRENTLY)',
    );
  });

  test('sequences: start and cache are warnings, the sequence of a missing column is not reported', () => {
    const actual = edit(base(), {
      'sequence:public.users_id_seq': sequence('public.users_id_seq', { ownedBy: 'public.users.id', start: '1000', cache: '10' }),
    });
    expect(compare(base(), actual).map((f) => [f.attribute, f.severity, f.message])).toEqual([
      ['cache', 'warning', 'sequence public.users_id_seq: cache is 10 in live, 1 in migrations'],
      ['start', 'warning', 'sequence public.users_id_seq: start is 1000 in live, 1 in migrations'],
    ]);
    const noSerial = edit(base(), { 'column:public.users.id': null, 'sequence:public.users_id_seq': null });
    expect(compare(base(), noSerial).map((f) => `${f.change} ${f.kind} ${f.key}`)).toEqual(['missing column public.users.id']);
  });

  test('a multi-line view definition gets a one-line message', () => {
    const actual = [...base(), view('public.active', ' SELECT users.id,\n    users.email\n   FROM public.users\n  WHERE users.email IS NOT NULL;')];
    const expected = [...base(), view('public.active', ' SELECT users.id,\n    users.email\n   FROM public.users;')];
    expect(compare(expected, actual).map((f) => f.message)).toEqual(['view public.active: definition differs between migrations and live']);
  });

  test('severities can be overridden per rule', () => {
    const actual = edit(base(), { 'column:public.users.nickname': column('public.users.nickname', 'text', { position: 3, default: "''::text" }) });
    expect(compare(base(), actual, { severities: { 'changed.column.default': 'warning' } })[0]?.severity).toBe('warning');
  });

  test('the order of findings does not depend on the order of the input', () => {
    const expected = [...base(), ...tableWithColumns('public.a', ['x']), ...tableWithColumns('app.z', ['y']), enumType('public.mood', ['ok'])];
    const actual = [
      ...edit(base(), {
        'column:public.users.email': column('public.users.email', 'citext', { position: 2, notNull: true }),
        'index:public.events.events_created_idx': null,
      }),
      ...tableWithColumns('public.b', ['x']),
      schema('app'),
      extension('pgcrypto', '1.3'),
    ];
    const sorted = compare(expected, actual);
    const shuffle = <T>(xs: T[]): T[] =>
      xs
        .map((x, i) => [((i * 7919) % 13) + i / 1000, x] as const)
        .sort((p, q) => p[0] - q[0])
        .map(([, x]) => x);
    expect(compare(shuffle(expected), shuffle(actual))).toEqual(sorted);
    expect(compare([...expected].reverse(), [...actual].reverse())).toEqual(sorted);
    expect(sorted.map((f) => `${f.change} ${f.kind} ${f.key}${f.attribute ? ` ${f.attribute}` : ''}`)).toEqual([
      'extra schema app',
      'missing table app.z',
      'extra extension pgcrypto',
      'missing type public.mood',
      'missing table public.a',
      'extra table public.b',
      'missing index public.events.events_created_idx',
      'changed column public.users.email type',
    ]);
  });
});
