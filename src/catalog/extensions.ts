import type { ExtensionObject } from '../model/objects.js';
import { defineReader } from './reader.js';

interface ExtensionRow {
  readonly name: string;
  readonly schema: string;
  readonly version: string;
  readonly default_version: string | null;
  readonly comment: string | null;
}

export const extensionReader = defineReader<ExtensionRow>('extensions', (row): ExtensionObject => ({
  kind: 'extension',
  key: row.name,
  schema: row.schema,
  name: row.name,
  version: row.version,
  defaultVersion: row.default_version,
  comment: row.comment,
}));
