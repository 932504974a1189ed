/**
 * `publication`, database-wide. Everything pgparity knows about this kind, and where the rest lives:
 * - model: `PublicationObject` in src/model/objects.ts
 * - catalog: src/catalog/publications.ts (row → model), queries src/catalog/sql/publications.sql
 *   (PostgreSQL 14) and publications.pg15.sql (schemas, column lists, row filters)
 */
import type { KindDescriptor } from './descriptor.js';

export const publication: KindDescriptor<'publication'> = {
  kind: 'publication',
  label: 'publication',
  relation: false,
  renameable: false,
  expressions: [],
  unordered: ['tables', 'schemas'],
  labels: { operations: 'published operations', tables: 'tables', schemas: 'schemas (TABLES IN SCHEMA)' },
  booleanWords: {
    allTables: ['FOR ALL TABLES', 'not FOR ALL TABLES'],
    viaRoot: ['published via its partition root', 'published per partition'],
  },
};
