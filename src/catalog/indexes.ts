import type { IndexObject } from '../model/objects.js';
import * as col from './row.js';
import { indexParts, withoutIndexName } from './index-definition.js';
import { defineReader } from './reader.js';
import { objectKey } from '../model/keys.js';

const INDEX_COLUMNS = {
  schema: col.text,
  table_name: col.text,
  name: col.text,
  quoted_table: col.text,
  definition: col.text,
  method: col.text,
  is_unique: col.bool,
  nulls_not_distinct: col.bool,
  key_count: col.int,
  include_count: col.int,
  partial: col.bool,
  valid: col.bool,
  comment: col.textOrNull,
} satisfies col.Columns;

export const indexReader = defineReader(
  'indexes',
  INDEX_COLUMNS,
  (row): IndexObject => {
    const definition = withoutIndexName(row.definition);
    const parts = indexParts(definition, row.quoted_table, row.method);
    // A definition the parser does not understand still compares in full through `definition`.
    const understood =
      parts !== undefined && parts.keys.length === row.key_count && parts.include.length === row.include_count && (parts.predicate !== null) === row.partial;
    return {
      kind: 'index',
      key: objectKey(row.schema, row.table_name, row.name),
      schema: row.schema,
      table: row.table_name,
      name: row.name,
      definition,
      method: row.method,
      unique: row.is_unique,
      nullsNotDistinct: row.nulls_not_distinct,
      keys: understood ? parts.keys : [],
      include: understood ? parts.include : [],
      predicate: understood ? parts.predicate : null,
      valid: row.valid,
      comment: row.comment,
    };
  },
  { relationBound: true },
);
