/**
 * `table`. Everything pgparity knows about this kind, and where the rest lives:
 * - model: `TableObject` in src/model/objects.ts
 * - catalog: src/catalog/tables.ts (row → model), query src/catalog/sql/tables.sql (column order: src/catalog/table-columns.ts)
 * - its columns, constraints, indexes, triggers and policies belong to it (`relation`): a missing table
 *   reports them as part of itself (compare/cascade.ts), an excluded one excludes them (normalize/normalize.ts).
 * - `columnOrder` is compared on its own (compare/compare.ts), as the columns both sides have.
 */
import type { KindDescriptor } from './descriptor.js';

export const table: KindDescriptor<'table'> = {
  kind: 'table',
  label: 'table',
  relation: true,
  renameable: false,
  expressions: [
    ['partitionKey', 'partition_key'],
    ['partitionBound', 'partition_bound'],
  ],
  unordered: [],
  notCompared: ['columnOrder'],
  labels: {
    partitionKey: 'partition key',
    partitionOf: 'partition parent',
    partitionBound: 'partition bound',
    rowSecurity: 'row level security',
    forceRowSecurity: 'forced row level security',
    inherits: 'parents',
    detachPending: 'unfinished DETACH PARTITION CONCURRENTLY',
  },
  severities: { changed: { columnOrder: 'info' } },
};
