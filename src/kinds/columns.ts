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
  labels: {
    generated: 'generation expression',
    generatedStorage: 'generated column storage',
    storage: 'STORAGE',
    compression: 'COMPRESSION',
    statisticsTarget: 'statistics target',
    foreignOptions: 'foreign column options',
    options: 'attribute options',
  },
  defaults: { storage: "the type's default", compression: 'the default', statisticsTarget: 'the default' },
  // Storage and planner settings change how fast, not what the application reads or writes.
  severities: { changed: { storage: 'warning', compression: 'warning', statisticsTarget: 'warning', options: 'warning' } },
  reportedAs: { notNull: { name: 'nullable', words: ['nullable', 'NOT NULL'] } },
};
