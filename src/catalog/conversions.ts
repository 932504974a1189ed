import type { ConversionObject } from '../model/objects.js';
import { defineReader } from './reader.js';

interface ConversionRow {
  readonly schema: string;
  readonly name: string;
  readonly source: string;
  readonly target: string;
  readonly function: string;
  readonly is_default: boolean;
  readonly comment: string | null;
}

export const conversionReader = defineReader<ConversionRow>('conversions', (row): ConversionObject => ({
  kind: 'conversion',
  key: `${row.schema}.${row.name}`,
  schema: row.schema,
  name: row.name,
  source: row.source,
  target: row.target,
  function: row.function,
  default: row.is_default,
  comment: row.comment,
}));
