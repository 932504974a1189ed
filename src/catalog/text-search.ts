import type { TextSearchConfigurationObject, TextSearchDictionaryObject } from '../model/objects.js';
import { defineReader } from './reader.js';

interface DictionaryRow {
  readonly schema: string;
  readonly name: string;
  readonly template: string;
  readonly options: string | null;
  readonly comment: string | null;
}

interface ConfigurationRow {
  readonly schema: string;
  readonly name: string;
  readonly parser: string;
  readonly mappings: string[] | null;
  readonly comment: string | null;
}

export const textSearchDictionaryReader = defineReader<DictionaryRow>('text_search_dictionaries', (row): TextSearchDictionaryObject => ({
  kind: 'text_search_dictionary',
  key: `${row.schema}.${row.name}`,
  schema: row.schema,
  name: row.name,
  template: row.template,
  options: row.options,
  comment: row.comment,
}));

export const textSearchConfigurationReader = defineReader<ConfigurationRow>('text_search_configurations', (row): TextSearchConfigurationObject => ({
  kind: 'text_search_configuration',
  key: `${row.schema}.${row.name}`,
  schema: row.schema,
  name: row.name,
  parser: row.parser,
  mappings: row.mappings ?? [],
  comment: row.comment,
}));
