/**
 * `type`. Everything pgparity knows about this kind, and where the rest lives:
 * - model: `TypeObject` in src/model/objects.ts
 * - catalog: src/catalog/types.ts (row → model), query src/catalog/sql/types.sql
 * - variants: enum, domain, composite, range (`variant`); a field is set only for its variant.
 */
import type { KindDescriptor } from './descriptor.js';

export const type: KindDescriptor<'type'> = {
  kind: 'type',
  label: 'type',
  relation: false,
  renameable: false,
  expressions: [
    ['default', 'expression'],
    ['checks', 'constraint'],
  ],
  // A domain's CHECK constraints are a set.
  unordered: ['checks'],
  labels: { baseType: 'base type', values: 'labels', checks: 'CHECK constraints', rangeOptions: 'range options' },
  booleanWords: { notNull: ['NOT NULL', 'nullable'] },
};
