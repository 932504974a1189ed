import type { ExtensionObject } from '../model/objects.js';
import * as col from './row.js';
import { defineReader } from './reader.js';
import { quoteIdent } from '../model/keys.js';

const EXTENSION_COLUMNS = {
  name: col.text,
  schema: col.text,
  version: col.text,
  default_version: col.textOrNull,
  comment: col.textOrNull,
} satisfies col.Columns;

export const extensionReader = defineReader(
  'extensions',
  EXTENSION_COLUMNS,
  (row): ExtensionObject => ({
    kind: 'extension',
    key: quoteIdent(row.name),
    schema: row.schema,
    name: row.name,
    version: row.version,
    defaultVersion: row.default_version,
    comment: row.comment,
  }),
);
