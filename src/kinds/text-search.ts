/**
 * `text_search_dictionary` and `text_search_configuration`. Everything pgparity knows about these
 * kinds, and where the rest lives:
 * - model: `TextSearchDictionaryObject`, `TextSearchConfigurationObject` in src/model/objects.ts
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
