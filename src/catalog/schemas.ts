import type { SchemaObject } from '../model/objects.js';
import { defineReader } from './reader.js';

interface SchemaRow {
  readonly name: string;
  readonly comment: string | null;
}

export const schemaReader = defineReader<SchemaRow>('schemas', (row): SchemaObject => ({
  kind: 'schema',
  key: row.name,
  schema: row.name,
  name: row.name,
  comment: row.comment,
}));
