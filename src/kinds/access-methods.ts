/**
 * `access_method` (CREATE ACCESS METHOD), database-wide. Everything pgparity knows about this kind,
 * and where the rest lives:
 * - model: `AccessMethodObject` in src/model/objects.ts
 * - catalog: src/catalog/access-methods.ts (row → model), query src/catalog/sql/access_methods.sql
 */
import type { KindDescriptor } from './descriptor.js';

export const accessMethod: KindDescriptor<'access_method'> = {
  kind: 'access_method',
  label: 'access method',
  relation: false,
  renameable: false,
  expressions: [],
  unordered: [],
  labels: { handler: 'HANDLER' },
};
