/**
 * `extension`. Everything pgparity knows about this kind, and where the rest lives:
 * - model: `ExtensionObject` in src/model/objects.ts
 * - catalog: src/catalog/extensions.ts (row → model), query src/catalog/sql/extensions.sql
 */
import type { KindDescriptor } from './descriptor.js';

export const extension: KindDescriptor<'extension'> = {
  kind: 'extension',
  label: 'extension',
  relation: false,
  renameable: false,
  expressions: [],
  unordered: [],
  labels: {},
  // An extension installed by hand (pg_stat_statements, pgcrypto) rarely breaks the application.
  severities: { extra: 'warning', changed: { version: 'warning' } },
};
