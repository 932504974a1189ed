import type { IndexObject } from '../model/objects.js';
import { indexColumns, withoutIndexName } from './index-definition.js';
import { defineReader } from './reader.js';

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
  readonly predicate: string | null;
  readonly valid: boolean;
  readonly comment: string | null;
}

export const indexReader = defineReader<IndexRow>('indexes', (row): IndexObject => {
  const definition = withoutIndexName(row.definition);
  const columns = indexColumns(definition, row.quoted_table, row.method);
  // A definition the parser does not understand still compares in full through `definition`.
  const understood = columns && columns.keys.length === row.key_count && columns.include.length === row.include_count;
  return {
    kind: 'index',
    key: `${row.schema}.${row.table_name}.${row.name}`,
    schema: row.schema,
    table: row.table_name,
    name: row.name,
    definition,
    method: row.method,
    unique: row.is_unique,
    nullsNotDistinct: row.nulls_not_distinct,
    keys: understood ? columns.keys : [],
    include: understood ? columns.include : [],
    predicate: row.predicate,
    valid: row.valid,
    comment: row.comment,
  };
});
