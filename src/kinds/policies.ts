/**
 * `policy`. Everything pgparity knows about this kind, and where the rest lives:
 * - model: `PolicyObject` in src/model/objects.ts
 * - catalog: src/catalog/policies.ts (row → model), query src/catalog/sql/policies.sql
 */
import type { KindDescriptor } from './descriptor.js';

export const policy: KindDescriptor<'policy'> = {
  kind: 'policy',
  label: 'policy',
  relation: false,
  renameable: true,
  expressions: [
    ['using', 'expression'],
    ['withCheck', 'expression'],
  ],
  // `TO a, b` is a set of roles.
  unordered: ['roles'],
  labels: { using: 'USING expression', withCheck: 'WITH CHECK expression' },
  booleanWords: { permissive: ['PERMISSIVE', 'RESTRICTIVE'] },
};
