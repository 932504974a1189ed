/**
 * `collation`. Everything pgparity knows about this kind, and where the rest lives:
 * - model: `CollationObject` in src/model/objects.ts
 * - catalog: src/catalog/collations.ts (row → model), query src/catalog/sql/collations.sql
 */
import type { KindDescriptor } from './descriptor.js';

export const collation: KindDescriptor<'collation'> = {
  kind: 'collation',
  label: 'collation',
  relation: false,
  renameable: false,
  expressions: [],
  unordered: [],
  labels: { ctype: 'LC_CTYPE', rules: 'ICU rules' },
  booleanWords: { deterministic: ['deterministic', 'nondeterministic'] },
};
