/**
 * `constraint`. Everything pgparity knows about this kind, and where the rest lives:
 * - model: `ConstraintObject` in src/model/objects.ts
 * - catalog: src/catalog/constraints.ts (row → model), query src/catalog/sql/constraints.sql
 * - the index of a primary key, unique or exclusion constraint is reported through the constraint (compare/cascade.ts).
 */
import type { KindDescriptor } from './descriptor.js';

/**
 * `pg_get_constraintdef` appends these flags, which `validated` / `deferrable` /
 * `initiallyDeferred` already report: the definition is compared without them.
 */
const CONSTRAINT_FLAGS = /(?: NOT VALID| NOT DEFERRABLE| DEFERRABLE| INITIALLY DEFERRED| INITIALLY IMMEDIATE)+$/;

export const constraint: KindDescriptor<'constraint'> = {
  kind: 'constraint',
  label: 'constraint',
  relation: false,
  renameable: true,
  expressions: [['definition', 'constraint']],
  unordered: [],
  labels: { references: 'reference' },
  booleanWords: {
    validated: ['validated', 'NOT VALID'],
    deferrable: ['DEFERRABLE', 'NOT DEFERRABLE'],
    initiallyDeferred: ['INITIALLY DEFERRED', 'INITIALLY IMMEDIATE'],
  },
  derived: { from: 'definition', parts: ['type', 'columns', 'references'] },
  comparable: { definition: (definition) => definition.replace(CONSTRAINT_FLAGS, '') },
};
