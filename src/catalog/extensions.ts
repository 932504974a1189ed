import type { ExtensionObject } from '../model/objects.js';
import { defineReader } from './reader.js';
import { quoteIdent } from '../model/keys.js';

interface ExtensionRow {
  readonly name: string;
  readonly schema: string;
  readonly version: string;
  readonly comment: string | null;
}

export const extensionReader = defineReader<ExtensionRow>('extensions', (row): ExtensionObject => ({
  kind: 'extension',
  key: quoteIdent(row.name),
  schema: row.schema,
  name: row.name,
  version: row.version,
  comment: row.comment,
}));
