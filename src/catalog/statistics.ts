import type { StatisticsObject } from '../model/objects.js';
import { defineReader } from './reader.js';

interface StatisticsRow {
  readonly schema: string;
  readonly name: string;
  readonly definition: string;
  readonly statistics_target: number | null;
  readonly comment: string | null;
}

export const statisticsReader = defineReader<StatisticsRow>('statistics', (row): StatisticsObject => ({
  kind: 'statistics',
  key: `${row.schema}.${row.name}`,
  schema: row.schema,
  name: row.name,
  definition: row.definition,
  ...(row.statistics_target !== null ? { statisticsTarget: row.statistics_target } : {}),
  comment: row.comment,
}));
