import type { ExtensionObject } from '../model/objects.js';
import { defineReader } from './reader.js';

interface ExtensionRow {
  readonly name: string;
  readonly schema: string;
  readonly version: string;
  readonly comment: string | null;
}

export const extensionReader = defineReader<ExtensionRow>('extensions', (row): ExtensionObject => ({
  kind: 'extension',
  key: row.name,
  schema: row.schema,
  name: row.name,
  version: row.version,
  comment: row.comment,
}));
