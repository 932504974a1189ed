/**
 * `rule`. Everything pgparity knows about this kind, and where the rest lives:
 * - model: `RuleObject` in src/model/objects.ts
 * - catalog: src/catalog/rules.ts (row → model), query src/catalog/sql/rules.sql
 * - belongs to its table or view (`table`): reported as part of a missing one.
 */
import type { KindDescriptor } from './descriptor.js';

export const rule: KindDescriptor<'rule'> = {
  kind: 'rule',
  label: 'rule',
  relation: false,
  renameable: false,
  expressions: [['definition', 'rule']],
  unordered: [],
  labels: { enabled: 'firing' },
};
