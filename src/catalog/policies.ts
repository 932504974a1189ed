import type { PolicyObject } from '../model/objects.js';
import { sortedStrings } from '../text/order.js';
import { defineReader } from './reader.js';

interface PolicyRow {
  readonly schema: string;
  readonly table_name: string;
  readonly name: string;
  readonly permissive: boolean;
  readonly polcmd: keyof typeof POLCMD;
  readonly roles: string[] | null;
  readonly using_expr: string | null;
  readonly with_check_expr: string | null;
  readonly comment: string | null;
}

const POLCMD = { '*': 'all', r: 'select', a: 'insert', w: 'update', d: 'delete' } as const;

export const policyReader = defineReader<PolicyRow>('policies', (row): PolicyObject => ({
  kind: 'policy',
  key: `${row.schema}.${row.table_name}.${row.name}`,
  schema: row.schema,
  table: row.table_name,
  name: row.name,
  permissive: row.permissive,
  command: POLCMD[row.polcmd],
  roles: sortedStrings(row.roles),
  using: row.using_expr,
  withCheck: row.with_check_expr,
  comment: row.comment,
}));
