import type { TextSearchConfigurationObject, TextSearchDictionaryObject, TextSearchParserObject, TextSearchTemplateObject } from '../model/objects.js';
import { defineReader, type CatalogReader } from './reader.js';

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

interface ParserOrTemplateRow {
  readonly variant: 'parser' | 'template';
  readonly schema: string;
  readonly name: string;
  readonly functions: string[];
  readonly comment: string | null;
}

/** Text search parsers and templates, from one query. */
export const textSearchTemplateReader: CatalogReader = {
  query: 'text_search_templates',
  mapRows: (rows) =>
    (rows as readonly ParserOrTemplateRow[]).map((row): TextSearchParserObject | TextSearchTemplateObject => ({
      kind: row.variant === 'parser' ? 'text_search_parser' : 'text_search_template',
      key: `${row.schema}.${row.name}`,
      schema: row.schema,
      name: row.name,
      functions: row.functions,
      comment: row.comment,
    })),
};
