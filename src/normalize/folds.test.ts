import { describe, expect, test } from 'vitest';
import { column, sequence, snapshot, table } from '../../test/support/objects.js';
import type { CatalogObject, ColumnObject, SequenceObject } from '../model/objects.js';
import { nextvalSequence } from './folds.js';
import { normalizeSnapshot } from './normalize.js';

function normalized(objects: readonly CatalogObject[], include: readonly ('owner' | 'privileges')[] = []): CatalogObject[] {
  return [...normalizeSnapshot(snapshot(objects), { include }).objects];
}

const identity = {
  generation: 'by_default',
  type: 'bigint',
  start: '1',
  increment: '1',
  min: '1',
  max: '9223372036854775807',
  cache: '1',
  cycle: false,
} as const;

describe('folds', () => {
  test("a partition's identity is its root's: compared on the root only (PostgreSQL 17+ reports it on partitions too)", () => {
    const objects = [
      table('public.events', ['id'], { variant: 'partitioned_table', partitionKey: 'RANGE (id)' }),
      table('public.events_1', ['id'], { partitionOf: 'public.events', partitionBound: 'DEFAULT' }),
      column('public.events.id', 'bigint', { identity }),
      column('public.events_1.id', 'bigint', { identity }),
    ];
    const columns = normalized(objects).filter((o): o is ColumnObject => o.kind === 'column');
    expect(columns.map((c) => [c.key, c.identity?.generation ?? null])).toEqual([
      ['public.events.id', 'by_default'],
      ['public.events_1.id', null],
    ]);
  });

  test('serial written out by hand: a bigint sequence owned by an integer column narrows to the column type, the default to the owned sequence', () => {
    const handWritten = [
      table('public.t', ['id']),
      column('public.t.id', 'integer', { notNull: true, default: `nextval('public.t_ids'::regclass)` }),
      sequence('public.t_ids', { type: 'bigint', max: '9223372036854775807', ownedBy: 'public.t.id' }),
    ];
    const [seq, , col] = normalized(handWritten) as [SequenceObject, CatalogObject, ColumnObject];
    expect(seq).toMatchObject({ type: 'integer', max: '2147483647' });
    expect(col.default).toBe(`nextval('public.t_ids'::regclass)`);
    expect(col.canonical).toEqual({ default: 'nextval(<sequence owned by public.t.id>)' });
  });

  test('a sequence that is not the column default, or not owned by it, is left as it is', () => {
    const objects = [
      column('public.t.id', 'integer', { default: `nextval('public.other'::regclass)` }),
      sequence('public.other', { type: 'bigint', max: '9223372036854775807' }),
      sequence('public.owned', { type: 'bigint', max: '9223372036854775807', ownedBy: 'public.t.id' }),
    ];
    const out = normalized(objects);
    expect(out.filter((o) => o.kind === 'sequence').map((o) => (o as SequenceObject).type)).toEqual(['bigint', 'bigint']);
    expect(out.find((o) => o.kind === 'column')?.canonical).toBeUndefined();
  });

  test('nextval literals, quoted names included', () => {
    expect(nextvalSequence(`nextval('public.t_id_seq'::regclass)`)).toBe('public.t_id_seq');
    expect(nextvalSequence(`nextval('"Odd Schema"."It''s ""seq"""'::regclass)`)).toBe(`"Odd Schema"."It's ""seq"""`);
    expect(nextvalSequence(`nextval('Public.T'::regclass)`)).toBe('public.t');
    expect(nextvalSequence(`now()`)).toBeUndefined();
    expect(nextvalSequence(null)).toBeUndefined();
  });

  test('owners and privileges are kept only when included', () => {
    const objects = [table('public.t', [], { owner: 'app', privileges: ['reader: SELECT', 'PUBLIC: SELECT'] })];
    expect(normalized(objects)[0]).not.toHaveProperty('owner');
    expect(normalized(objects)[0]).not.toHaveProperty('privileges');
    expect(normalized(objects, ['owner'])[0]).toMatchObject({ owner: 'app' });
    expect(normalized(objects, ['privileges'])[0]).toMatchObject({ privileges: ['PUBLIC: SELECT', 'reader: SELECT'] });
    expect(normalized(objects, ['privileges'])[0]).not.toHaveProperty('owner');
  });
});
