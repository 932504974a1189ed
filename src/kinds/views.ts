/**
 * `view` and `materialized_view`. Everything pgparity knows about this kind, and where the rest lives:
 * - model: `ViewObject` in src/model/objects.ts
 * - catalog: src/catalog/views.ts (row → model), query src/catalog/sql/views.sql
 */
import type { KindDescriptor } from './descriptor.js';

export const view: KindDescriptor<'view'> = {
  kind: 'view',
  label: 'view',
  relation: true,
  renameable: false,
  expressions: [['definition', 'query']],
  unordered: ['options'],
  labels: {},
};

export const materializedView: KindDescriptor<'materialized_view'> = {
  ...view,
  kind: 'materialized_view',
  label: 'materialized view',
};
