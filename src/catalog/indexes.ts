import type { IndexObject } from '../model/objects.js';
import { indexParts, withoutIndexName } from './index-definition.js';
import { defineReader } from './reader.js';
import { objectKey } from '../model/keys.js';

interface IndexRow {
  readonly schema: string;
  readonly table_name: string;
  readonly name: string;
  readonly quoted_table: string;
  readonly definition: string;
  readonly method: string;
  readonly is_unique: boolean;
  readonly nulls_not_distinct: boolean;
  readonly key_count: number;
  readonly include_count: number;
  readonly partial: boolean;
  readonly valid: boolean;
  readonly comment: string | null;
}

export const indexReader = defineReader<IndexRow>('indexes', (row): IndexObject => {
  const definition = withoutIndexName(row.definition);
  const parts = indexParts(definition, row.quoted_table, row.method);
  // A definition the parser does not understand still compares in full through `definition`.
  const understood =
    parts !== undefined &&
    parts.keys.length === row.key_count &&
    parts.include.length === row.include_count &&
    (parts.predicate !== null) === row.partial;
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
});
