/**
 * `cast`, database-wide, keyed `source AS target`. Everything pgparity knows about this kind, and
 * where the rest lives:
 * - model: `CastObject` in src/model/objects.ts
 * - catalog: src/catalog/casts.ts (row → model), query src/catalog/sql/casts.sql
 */
import type { KindDescriptor } from './descriptor.js';

export const cast: KindDescriptor<'cast'> = {
  kind: 'cast',
  label: 'cast',
  relation: false,
  renameable: false,
  expressions: [],
  unordered: [],
  labels: { function: 'function', method: 'method (WITH FUNCTION, WITHOUT FUNCTION, WITH INOUT)', context: 'context (AS IMPLICIT, AS ASSIGNMENT)' },
};
