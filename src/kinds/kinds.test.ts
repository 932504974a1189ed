import { describe, expect, test } from 'vitest';
import { DEFAULT_SEVERITIES } from '../compare/severity.js';
import { OBJECT_KINDS } from '../model/objects.js';
import { attributeLabel, booleanWords, isRelationKind, isRenameable, kindOf } from './index.js';
import { column, index, sequence, table } from '../../test/support/objects.js';

describe('kind descriptors', () => {
  test('every kind has one, under its own name', () => {
    for (const k of OBJECT_KINDS) expect(kindOf(k).kind).toBe(k);
    expect(kindOf('materialized_view').label).toBe('materialized view');
  });

  test('relations are the table-like kinds; hazard kinds are none', () => {
    expect(OBJECT_KINDS.filter(isRelationKind)).toEqual(['table', 'view', 'materialized_view']);
    expect(isRelationKind('runtime_writer')).toBe(false);
  });

  test('a sequence is renameable only when a column owns it', () => {
    expect(isRenameable(sequence('public.s'))).toBe(false);
    expect(isRenameable(sequence('public.s', { ownedBy: 'public.t.id' }))).toBe(true);
    expect(isRenameable(index('public.t.i', 'CREATE INDEX ON public.t USING btree (a)'))).toBe(true);
    expect(isRenameable(table('public.t'))).toBe(false);
    expect(isRenameable(column('public.t.a'))).toBe(false);
  });

  test('labels and adjectives are looked up per kind', () => {
    expect(attributeLabel('index', 'predicate')).toBe('WHERE clause');
    expect(attributeLabel('policy', 'withCheck')).toBe('WITH CHECK expression');
    expect(attributeLabel('column', 'predicate')).toBe('predicate');
    // STORED or VIRTUAL (PostgreSQL 18) reads as words, not as the model's field name.
    expect(attributeLabel('column', 'generatedStorage')).toBe('generated column storage');
    expect(booleanWords('column', 'nullable')).toEqual(['nullable', 'NOT NULL']);
    expect(booleanWords('type', 'notNull')).toEqual(['NOT NULL', 'nullable']);
    expect(booleanWords('policy', 'permissive')).toEqual(['PERMISSIVE', 'RESTRICTIVE']);
    expect(booleanWords('table', 'rowSecurity')).toBeUndefined();
  });

  test('the default severities: the general rules and each kind’s own', () => {
    expect(DEFAULT_SEVERITIES).toEqual({
      missing: 'error',
      extra: 'error',
      changed: 'error',
      'extra.extension': 'warning',
      'changed.extension.version': 'warning',
      'changed.*.comment': 'info',
      'changed.*.name': 'warning',
      'changed.table.columnOrder': 'info',
      'changed.sequence.start': 'warning',
      'changed.sequence.cache': 'warning',
      'changed.table.storageParameters': 'warning',
      'changed.table.clusterOn': 'warning',
      'changed.table.accessMethod': 'warning',
      'changed.materialized_view.accessMethod': 'warning',
      'changed.column.storage': 'warning',
      'changed.column.compression': 'warning',
      'changed.column.statisticsTarget': 'warning',
      'changed.column.options': 'warning',
      'missing.statistics': 'warning',
      'extra.statistics': 'warning',
      'changed.statistics.definition': 'warning',
      'changed.statistics.statisticsTarget': 'warning',
      hazard: 'warning',
    });
  });
});
