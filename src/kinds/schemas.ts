/**
 * `schema`. Everything pgparity knows about this kind, and where the rest lives:
 * - model: `SchemaObject` in src/model/objects.ts
 * - catalog: src/catalog/schemas.ts (row → model), query src/catalog/sql/schemas.sql
 */
import type { KindDescriptor } from './descriptor.js';

export const schema: KindDescriptor<'schema'> = {
  kind: 'schema',
  label: 'schema',
  relation: false,
  renameable: false,
  expressions: [],
  unordered: [],
  labels: {},
};
