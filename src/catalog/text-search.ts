import type { TextSearchConfigurationObject, TextSearchDictionaryObject, TextSearchParserObject, TextSearchTemplateObject } from '../model/objects.js';
import { objectKey } from '../model/keys.js';
import { defineReader, type CatalogReader } from './reader.js';
import * as col from './row.js';

const DICTIONARY_COLUMNS = {
  schema: col.text,
  name: col.text,
  template: col.text,
  options: col.textOrNull,
  comment: col.textOrNull,
} satisfies col.Columns;

const CONFIGURATION_COLUMNS = {
  schema: col.text,
  name: col.text,
  parser: col.text,
  mappings: col.texts,
  comment: col.textOrNull,
} satisfies col.Columns;

const PARSER_OR_TEMPLATE_COLUMNS = {
  variant: col.text,
  schema: col.text,
  name: col.text,
  functions: col.texts,
  comment: col.textOrNull,
} satisfies col.Columns;

export const textSearchDictionaryReader = defineReader(
  'text_search_dictionaries',
  DICTIONARY_COLUMNS,
  (row): TextSearchDictionaryObject => ({
    kind: 'text_search_dictionary',
    key: objectKey(row.schema, row.name),
    schema: row.schema,
    name: row.name,
    template: row.template,
    options: row.options,
    comment: row.comment,
  }),
);

export const textSearchConfigurationReader = defineReader(
  'text_search_configurations',
  CONFIGURATION_COLUMNS,
  (row): TextSearchConfigurationObject => ({
    kind: 'text_search_configuration',
    key: objectKey(row.schema, row.name),
    schema: row.schema,
    name: row.name,
    parser: row.parser,
    mappings: row.mappings ?? [],
    comment: row.comment,
  }),
);

/** Text search parsers and templates, from one query. */
export const textSearchTemplateReader: CatalogReader = defineReader(
  'text_search_templates',
  PARSER_OR_TEMPLATE_COLUMNS,
  (row): TextSearchParserObject | TextSearchTemplateObject => ({
    kind: row.variant === 'parser' ? 'text_search_parser' : 'text_search_template',
    key: objectKey(row.schema, row.name),
    schema: row.schema,
    name: row.name,
    functions: row.functions ?? [],
    comment: row.comment,
  }),
);
