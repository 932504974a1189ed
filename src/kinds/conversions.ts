/**
 * `conversion` (CREATE CONVERSION). Everything pgparity knows about this kind, and where the rest lives:
 * - model: `ConversionObject` in src/model/objects.ts
 * - catalog: src/catalog/conversions.ts (row → model), query src/catalog/sql/conversions.sql
 */
import type { KindDescriptor } from './descriptor.js';

export const conversion: KindDescriptor<'conversion'> = {
  kind: 'conversion',
  label: 'conversion',
  relation: false,
  renameable: false,
  expressions: [],
  unordered: [],
  labels: { source: 'source encoding', target: 'target encoding', function: 'function' },
  booleanWords: { default: ['DEFAULT', 'not DEFAULT'] },
};
