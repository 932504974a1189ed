import type { ConversionObject } from '../model/objects.js';
import { objectKey } from '../model/keys.js';
import * as col from './row.js';
import { defineReader } from './reader.js';

const CONVERSION_COLUMNS = {
  schema: col.text,
  name: col.text,
  source: col.text,
  target: col.text,
  function: col.text,
  is_default: col.bool,
  comment: col.textOrNull,
} satisfies col.Columns;

export const conversionReader = defineReader(
  'conversions',
  CONVERSION_COLUMNS,
  (row): ConversionObject => ({
    kind: 'conversion',
    key: objectKey(row.schema, row.name),
    schema: row.schema,
    name: row.name,
    source: row.source,
    target: row.target,
    function: row.function,
    default: row.is_default,
    comment: row.comment,
  }),
);
