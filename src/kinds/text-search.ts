/**
 * `text_search_parser`, `text_search_template`, `text_search_dictionary` and `text_search_configuration`. Everything pgparity knows about these
 * kinds, and where the rest lives:
 * - model: `TextSearchParserObject`, `TextSearchTemplateObject`, `TextSearchDictionaryObject`,
 *   `TextSearchConfigurationObject` in src/model/objects.ts
 * - catalog: src/catalog/text-search.ts (row → model), queries src/catalog/sql/text_search_*.sql
 */
import type { KindDescriptor } from './descriptor.js';

export const textSearchDictionary: KindDescriptor<'text_search_dictionary'> = {
  kind: 'text_search_dictionary',
  label: 'text search dictionary',
  relation: false,
  renameable: false,
  expressions: [],
  unordered: [],
  labels: { template: 'TEMPLATE' },
};

export const textSearchConfiguration: KindDescriptor<'text_search_configuration'> = {
  kind: 'text_search_configuration',
  label: 'text search configuration',
  relation: false,
  renameable: false,
  expressions: [],
  // In the parser's token order, which is the same on every server.
  unordered: [],
  labels: { parser: 'PARSER', mappings: 'token mappings' },
};

export const textSearchParser: KindDescriptor<'text_search_parser'> = {
  kind: 'text_search_parser',
  label: 'text search parser',
  relation: false,
  renameable: false,
  expressions: [],
  unordered: [],
  labels: { functions: 'functions' },
};

export const textSearchTemplate: KindDescriptor<'text_search_template'> = {
  kind: 'text_search_template',
  label: 'text search template',
  relation: false,
  renameable: false,
  expressions: [],
  unordered: [],
  labels: { functions: 'functions' },
};
