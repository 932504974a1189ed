import type { CollationObject } from '../model/objects.js';
import { defineReader } from './reader.js';
import { objectKey } from '../model/keys.js';

interface CollationRow {
  readonly schema: string;
  readonly name: string;
  readonly collprovider: keyof typeof COLLPROVIDER;
  readonly lc_collate: string | null;
  readonly lc_ctype: string | null;
  readonly locale: string | null;
  readonly deterministic: boolean;
  readonly rules: string | null;
  readonly comment: string | null;
}

const COLLPROVIDER = { c: 'libc', i: 'icu', b: 'builtin', d: 'libc' } as const satisfies Record<string, CollationObject['provider']>;

export const collationReader = defineReader<CollationRow>('collations', (row): CollationObject => {
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
