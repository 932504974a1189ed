import type { AccessMethodObject } from '../model/objects.js';
import { defineReader } from './reader.js';

interface AccessMethodRow {
  readonly name: string;
  readonly type: keyof typeof AMTYPE;
  readonly handler: string;
  readonly comment: string | null;
}

const AMTYPE = { t: 'table', i: 'index' } as const satisfies Record<string, AccessMethodObject['type']>;

export const accessMethodReader = defineReader<AccessMethodRow>(
  'access_methods',
  (row): AccessMethodObject => ({
    kind: 'access_method',
    key: row.name,
    schema: '',
    name: row.name,
    type: AMTYPE[row.type],
    handler: row.handler,
    comment: row.comment,
  }),
  { databaseWide: true },
);
