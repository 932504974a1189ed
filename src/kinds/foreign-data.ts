/**
 * `foreign_data_wrapper` and `foreign_server`, database-wide. Everything pgparity knows about these
 * kinds, and where the rest lives:
 * - model: `ForeignDataWrapperObject`, `ForeignServerObject` in src/model/objects.ts
 * - catalog: src/catalog/foreign-data.ts (row → model), query src/catalog/sql/foreign_data_wrappers.sql
 * - a foreign table is a `table` (variant `foreign_table`) with its server and options.
 */
import type { KindDescriptor } from './descriptor.js';

export const foreignDataWrapper: KindDescriptor<'foreign_data_wrapper'> = {
  kind: 'foreign_data_wrapper',
  label: 'foreign-data wrapper',
  relation: false,
  renameable: false,
  expressions: [],
  unordered: ['options'],
  labels: { handler: 'HANDLER', validator: 'VALIDATOR', options: 'options' },
};

export const foreignServer: KindDescriptor<'foreign_server'> = {
  kind: 'foreign_server',
  label: 'server',
  relation: false,
  renameable: false,
  expressions: [],
  unordered: ['options'],
  labels: { wrapper: 'foreign-data wrapper', type: 'TYPE', version: 'VERSION', options: 'options' },
};
