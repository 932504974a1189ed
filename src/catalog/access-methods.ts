import type { AccessMethodObject } from '../model/objects.js';
import { quoteIdent } from '../model/keys.js';
import * as col from './row.js';
import { defineReader } from './reader.js';

const ACCESS_METHOD_COLUMNS = {
  name: col.text,
  type: col.code<typeof AMTYPE>(),
  handler: col.text,
  comment: col.textOrNull,
} satisfies col.Columns;

const AMTYPE = { t: 'table', i: 'index' } as const satisfies Record<string, AccessMethodObject['type']>;

export const accessMethodReader = defineReader(
  'access_methods',
  ACCESS_METHOD_COLUMNS,
  (row): AccessMethodObject => ({
    kind: 'access_method',
    key: quoteIdent(row.name),
    schema: '',
    name: row.name,
    type: AMTYPE[row.type],
    handler: row.handler,
    comment: row.comment,
  }),
  { databaseWide: true },
);
