import type { CollationObject } from '../model/objects.js';
import * as col from './row.js';
import { defineReader } from './reader.js';
import { objectKey } from '../model/keys.js';

const COLLATION_COLUMNS = {
  schema: col.text,
  name: col.text,
  collprovider: col.code<typeof COLLPROVIDER>(),
  lc_collate: col.textOrNull,
  lc_ctype: col.textOrNull,
  locale: col.textOrNull,
  deterministic: col.bool,
  rules: col.textOrNull,
  comment: col.textOrNull,
} satisfies col.Columns;

const COLLPROVIDER = { c: 'libc', i: 'icu', b: 'builtin', d: 'libc' } as const satisfies Record<string, CollationObject['provider']>;

export const collationReader = defineReader('collations', COLLATION_COLUMNS, (row): CollationObject => {
  const provider = COLLPROVIDER[row.collprovider];
  // Where each major keeps the locale differs (see collations.sql): one shape for all.
  const libc = provider === 'libc';
  return {
    kind: 'collation',
    key: objectKey(row.schema, row.name),
    schema: row.schema,
    name: row.name,
    provider,
    locale: libc ? row.lc_collate : (row.locale ?? row.lc_collate),
    ctype: libc ? row.lc_ctype : null,
    deterministic: row.deterministic,
    rules: row.rules,
    comment: row.comment,
  };
});
