/**
 * `sequence`. Everything pgparity knows about this kind, and where the rest lives:
 * - model: `SequenceObject` in src/model/objects.ts
 * - catalog: src/catalog/sequences.ts (row → model), query src/catalog/sql/sequences.sql
 * - normalize/folds.ts: a hand-written serial (sequence OWNED BY a column + nextval default) is folded;
 *   an identity column's sequence is described by the column (normalize/normalize.ts).
 */
import type { KindDescriptor } from './descriptor.js';

export const sequence: KindDescriptor<'sequence'> = {
  kind: 'sequence',
  label: 'sequence',
  relation: false,
  // Only an owned sequence has an identity beyond its name: the column it serves.
  renameable: (s) => s.ownedBy !== null,
  expressions: [],
  unordered: [],
  labels: { ownedBy: 'OWNED BY', min: 'minimum', max: 'maximum' },
  booleanWords: { cycle: ['CYCLE', 'NO CYCLE'] },
  // Where a sequence starts and how many values a session caches do not change what the schema accepts.
  severities: { changed: { start: 'warning', cache: 'warning' } },
};
