/**
 * `column`. Everything pgparity knows about this kind, and where the rest lives:
 * - model: `ColumnObject` in src/model/objects.ts
 * - catalog: src/catalog/columns.ts (row → model), query src/catalog/sql/columns.sql
 * - normalize/folds.ts: identity of a partition's column, hand-written serial.
 * - messages: `identity` is described as GENERATED … AS IDENTITY (compare/messages.ts).
 */
import type { KindDescriptor } from './descriptor.js';

export const column: KindDescriptor<'column'> = {
  kind: 'column',
  label: 'column',
  relation: false,
  renameable: false,
  expressions: [
    ['default', 'column_default'],
    ['generated', 'expression'],
  ],
  unordered: [],
  // Compared as the table's `columnOrder`: a column added in another place shifts every position after it.
  notCompared: ['position'],
  labels: { generated: 'generation expression' },
  reportedAs: { notNull: { name: 'nullable', words: ['nullable', 'NOT NULL'] } },
};
