import type { StatisticsObject } from '../model/objects.js';
import { objectKey } from '../model/keys.js';
import * as col from './row.js';
import { defineReader } from './reader.js';

const STATISTICS_COLUMNS = {
  schema: col.text,
  name: col.text,
  definition: col.text,
  statistics_target: col.intOrNull,
  comment: col.textOrNull,
} satisfies col.Columns;

export const statisticsReader = defineReader(
  'statistics',
  STATISTICS_COLUMNS,
  (row): StatisticsObject => ({
    kind: 'statistics',
    key: objectKey(row.schema, row.name),
    schema: row.schema,
    name: row.name,
    definition: row.definition,
    ...(row.statistics_target !== null ? { statisticsTarget: row.statistics_target } : {}),
    comment: row.comment,
  }),
);
