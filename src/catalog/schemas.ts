import type { SchemaObject } from '../model/objects.js';
import { defineReader } from './reader.js';
import { quoteIdent } from '../model/keys.js';

interface SchemaRow {
  readonly name: string;
  readonly comment: string | null;
}

export const schemaReader = defineReader<SchemaRow>('schemas', (row): SchemaObject => ({
  kind: 'schema',
  key: quoteIdent(row.name),
  schema: row.name,
  name: row.name,
  comment: row.comment,
}));
