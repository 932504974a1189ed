import type { SchemaObject } from '../model/objects.js';
import * as col from './row.js';
import { defineReader } from './reader.js';
import { quoteIdent } from '../model/keys.js';

const SCHEMA_COLUMNS = {
  name: col.text,
  comment: col.textOrNull,
} satisfies col.Columns;

export const schemaReader = defineReader(
  'schemas',
  SCHEMA_COLUMNS,
  (row): SchemaObject => ({
    kind: 'schema',
    key: quoteIdent(row.name),
    schema: row.name,
    name: row.name,
    comment: row.comment,
  }),
);
