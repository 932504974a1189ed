import type { PolicyObject } from '../model/objects.js';
import * as col from './row.js';
import { sortedStrings } from '../text/order.js';
import { defineReader } from './reader.js';
import { objectKey } from '../model/keys.js';

const POLICY_COLUMNS = {
  schema: col.text,
  table_name: col.text,
  name: col.text,
  permissive: col.bool,
  polcmd: col.code<typeof POLCMD>(),
  roles: col.texts,
  using_expr: col.textOrNull,
  with_check_expr: col.textOrNull,
  comment: col.textOrNull,
} satisfies col.Columns;

const POLCMD = { '*': 'all', r: 'select', a: 'insert', w: 'update', d: 'delete' } as const;

export const policyReader = defineReader(
  'policies',
  POLICY_COLUMNS,
  (row): PolicyObject => ({
    kind: 'policy',
    key: objectKey(row.schema, row.table_name, row.name),
    schema: row.schema,
    table: row.table_name,
    name: row.name,
    permissive: row.permissive,
    command: POLCMD[row.polcmd],
    roles: sortedStrings(row.roles),
    using: row.using_expr,
    withCheck: row.with_check_expr,
    comment: row.comment,
  }),
  { relationBound: true },
);
