import { describe, expect, test } from 'vitest';
import type { CatalogObject, FunctionObject } from '../model/objects.js';
import {
  column,
  constraint,
  extension,
  index,
  policy,
  schema,
  sequence,
  snapshot,
  table,
  tableWithColumns,
  trigger,
  view,
} from '../../test/support/objects.js';
import { findHistoryTable } from './history.js';
import { normalizeSnapshot, type NormalizeOptions } from './normalize.js';

function keys(objects: readonly CatalogObject[], options: NormalizeOptions = {}): string[] {
  return normalizeSnapshot(snapshot(objects), options).objects.map((o) => `${o.kind}:${o.key}`);
}

/** A table with everything that hangs off it: columns, PK, index, trigger, policy, serial sequence. */
function fullTable(qualified: string, columns: readonly string[] = ['id', 'name']): CatalogObject[] {
  return [
    ...tableWithColumns(qualified, columns),
    sequence(`${qualified}_id_seq`, { ownedBy: `${qualified}.id` }),
    constraint(`${qualified}.pk`, 'primary_key', 'PRIMARY KEY (id)'),
    index(`${qualified}.name_idx`, `CREATE INDEX ON ${qualified} USING btree (name)`),
    trigger(`${qualified}.stamp`, `CREATE TRIGGER BEFORE UPDATE ON ${qualified} FOR EACH ROW EXECUTE FUNCTION stamp()`),
    policy(`${qualified}.mine`),
  ];
}

const users = fullTable('public.users');

describe('normalizeSnapshot: migration history', () => {
  test('history tables are left out with their columns, constraints, indexes, triggers, policies and sequences', () => {
    const objects = [
      schema('public'),
      ...users,
      ...fullTable('public.alembic_version', ['id', 'name']),
      ...fullTable('app.flyway_schema_history', ['id', 'name']),
    ];
    expect(keys(objects)).toEqual(keys([schema('public'), ...users]));
    expect(keys(objects, { includeHistoryTables: true })).toHaveLength(objects.length);
  });

  test('a table named `migrations` is history only in a known shape', () => {
    const typeorm = tableWithColumns('public.migrations', ['id', 'timestamp', 'name']);
    const knex = tableWithColumns('public.migrations', ['id', 'name', 'batch', 'migration_time']);
    const application = tableWithColumns('public.migrations', ['id', 'source_system', 'started_at']);
    expect(keys(typeorm)).toEqual([]);
    expect(keys(knex)).toEqual([]);
    expect(keys(application)).toEqual(application.map((o) => `${o.kind}:${o.key}`));
    expect(findHistoryTable('migrations', ['name', 'timestamp', 'id'])?.tool).toBe('typeorm');
  });

  test('the graphile_migrate schema is left out whole', () => {
    const objects = [schema('graphile_migrate'), ...tableWithColumns('graphile_migrate.current', ['hash']), schema('public')];
    expect(keys(objects)).toEqual(['schema:public']);
  });
});

describe('normalizeSnapshot: schemas and tables', () => {
  const objects = [
    schema('app'),
    schema('public'),
    extension('pgcrypto', '1.3', { schema: 'extensions' }),
    ...tableWithColumns('app.orders', ['id']),
    ...tableWithColumns('public.users', ['id']),
    view('public.active_users', ' SELECT 1;'),
  ];

  test('--schema keeps only those schemas, extensions included', () => {
    expect(keys(objects, { schemas: ['app'] })).toEqual(['schema:app', 'table:app.orders', 'column:app.orders.id']);
    expect(keys(objects, { schemas: ['app', 'extensions'] })).toContain('extension:pgcrypto');
  });

  test('--exclude-schema leaves a schema out, but not the extensions installed in it', () => {
    expect(keys(objects, { excludeSchemas: ['public', 'extensions'] })).toEqual([
      'schema:app',
      'extension:pgcrypto',
      'table:app.orders',
      'column:app.orders.id',
    ]);
  });

  test('excluded tables go with their children and their sequences; patterns match schema.name or name', () => {
    const all = [...users, ...fullTable('public.audit_log'), ...fullTable('app.audit_trail'), ...fullTable('app.orders')];
    expect(keys(all, { excludeTables: ['audit_*'] })).toEqual(keys([...users, ...fullTable('app.orders')]));
    expect(keys(all, { excludeTables: ['public.audit_*'] })).toEqual(keys([...users, ...fullTable('app.audit_trail'), ...fullTable('app.orders')]));
    expect(keys(all, { excludeTables: ['app.*', 'user?'] })).toEqual(keys(fullTable('public.audit_log')));
  });
});

describe('normalizeSnapshot: folding', () => {
  test("an identity column's sequence is left out: the column's identity describes it", () => {
    const identity = { generation: 'always', type: 'integer', start: '1', increment: '1', min: '1', max: '2147483647', cache: '1', cycle: false } as const;
    const objects = [table('public.t', ['id']), column('public.t.id', 'integer', { identity }), sequence('public.t_id_seq1', { ownedBy: 'public.t.id' })];
    expect(keys(objects)).toEqual(['table:public.t', 'column:public.t.id']);
  });

  test('unordered lists are sorted, objects are sorted by kind then key, and the input is left alone', () => {
    const fn: FunctionObject = {
      kind: 'function',
      key: 'public.f()',
      schema: 'public',
      name: 'f',
      signature: 'f()',
      argumentTypes: [],
      argumentNames: [],
      argumentDefaults: null,
      variant: 'function',
      returns: 'integer',
      language: 'sql',
      volatility: 'stable',
      strict: false,
      securityDefiner: true,
      parallel: 'unsafe',
      config: ['statement_timeout=5s', 'search_path=public'],
      body: 'select 1',
    };
    const objects: CatalogObject[] = [
      fn,
      policy('public.users.mine', { roles: ['writer', 'reader'] }),
      view('public.v', ' SELECT 1;', { options: ['security_barrier=true', 'check_option=local'] }),
      table('public.users'),
    ];
    const before = JSON.stringify(objects);
    const normalized = normalizeSnapshot(snapshot(objects), {}).objects;
    expect(JSON.stringify(objects)).toBe(before);
    expect(normalized.map((o) => o.kind)).toEqual(['table', 'view', 'function', 'policy']);
    expect(normalized.find((o) => o.kind === 'policy')).toMatchObject({ roles: ['reader', 'writer'] });
    expect(normalized.find((o) => o.kind === 'view')).toMatchObject({ options: ['check_option=local', 'security_barrier=true'] });
    expect(normalized.find((o) => o.kind === 'function')).toMatchObject({ config: ['search_path=public', 'statement_timeout=5s'] });
  });
});
