import type { SequenceObject } from '../model/objects.js';
import * as col from './row.js';
import { defineReader } from './reader.js';
import { objectKey } from '../model/keys.js';

const SEQUENCE_COLUMNS = {
  schema: col.text,
  name: col.text,
  type: col.text,
  start: col.text,
  increment: col.text,
  min: col.text,
  max: col.text,
  cache: col.text,
  cycle: col.bool,
  owned_by: col.nameParts,
  comment: col.textOrNull,
} satisfies col.Columns;

export const sequenceReader = defineReader(
  'sequences',
  SEQUENCE_COLUMNS,
  (row): SequenceObject => ({
    kind: 'sequence',
    key: objectKey(row.schema, row.name),
    schema: row.schema,
    name: row.name,
    type: row.type,
    start: row.start,
    increment: row.increment,
    min: row.min,
    max: row.max,
    cache: row.cache,
    cycle: row.cycle,
    ownedBy: row.owned_by && objectKey(...row.owned_by),
    comment: row.comment,
  }),
  { relationBound: true },
);
