/**
 * `statistics` (CREATE STATISTICS). Everything pgparity knows about this kind, and where the rest lives:
 * - model: `StatisticsObject` in src/model/objects.ts
 * - catalog: src/catalog/statistics.ts (row → model), query src/catalog/sql/statistics.sql
 */
import type { KindDescriptor } from './descriptor.js';

export const statistics: KindDescriptor<'statistics'> = {
  kind: 'statistics',
  label: 'statistics',
  relation: false,
  renameable: false,
  expressions: [],
  unordered: [],
  labels: { statisticsTarget: 'statistics target' },
  defaults: { statisticsTarget: 'the default' },
  // Planner input only: a missing one can make plans worse, never results wrong.
  severities: { missing: 'warning', extra: 'warning', changed: { definition: 'warning', statisticsTarget: 'warning' } },
};
