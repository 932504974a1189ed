/**
 * `index`. Everything pgparity knows about this kind, and where the rest lives:
 * - model: `IndexObject` in src/model/objects.ts
 * - catalog: src/catalog/indexes.ts (row → model; the definition is parsed into parts by
 *   src/catalog/index-definition.ts), query src/catalog/sql/indexes.sql (PostgreSQL 15: indexes.pg15.sql)
 * - an index that carries its constraint's name is reported through the constraint (compare/cascade.ts).
 */
import type { KindDescriptor } from './descriptor.js';

export const INVALID_INDEX_NOTE = 'invalid: left by a failed CREATE INDEX CONCURRENTLY';

export const index: KindDescriptor<'index'> = {
  kind: 'index',
  label: 'index',
  relation: false,
  renameable: true,
  expressions: [
    ['definition', 'index'],
    ['keys', 'index_key'],
    ['predicate', 'expression'],
  ],
  unordered: [],
  labels: { include: 'INCLUDE columns', predicate: 'WHERE clause', method: 'access method' },
  booleanWords: {
    valid: ['valid', 'invalid'],
    unique: ['unique', 'not unique'],
    nullsNotDistinct: ['NULLS NOT DISTINCT', 'NULLS DISTINCT'],
  },
  derived: { from: 'definition', parts: ['method', 'unique', 'nullsNotDistinct', 'keys', 'include', 'predicate'] },
  extraNote: (i) => (i.valid ? undefined : INVALID_INDEX_NOTE),
  changedMessage: (subject, attribute, _expected, actual) =>
    attribute === 'valid' && actual === false ? `${subject} is invalid in live (left by a failed CREATE INDEX CONCURRENTLY): drop and rebuild it` : undefined,
};
