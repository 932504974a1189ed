import type { Persistence, TableObject, TableVariant } from '../model/objects.js';
import { defineReader } from './reader.js';
import { tableId } from './table-columns.js';
import { objectKey } from '../model/keys.js';

interface TableRow {
  readonly schema: string;
  readonly name: string;
  readonly relkind: keyof typeof RELKIND;
  readonly relpersistence: keyof typeof RELPERSISTENCE;
  readonly partition_key: string | null;
  readonly partition_of: [string, string] | null;
  readonly partition_bound: string | null;
  readonly detach_pending: boolean | null;
  readonly inherits: [string, string][] | null;
  readonly row_security: boolean;
  readonly force_row_security: boolean;
  readonly comment: string | null;
}

const RELKIND = { r: 'table', p: 'partitioned_table', f: 'foreign_table' } as const satisfies Record<string, TableVariant>;
const RELPERSISTENCE = { p: 'permanent', u: 'unlogged', t: 'temporary' } as const satisfies Record<string, Persistence>;

export const tableReader = defineReader<TableRow>('tables', (row, context): TableObject => ({
  kind: 'table',
  key: objectKey(row.schema, row.name),
  schema: row.schema,
  name: row.name,
  variant: RELKIND[row.relkind],
  persistence: RELPERSISTENCE[row.relpersistence],
  partitionKey: row.partition_key,
  partitionOf: row.partition_of && objectKey(...row.partition_of),
  partitionBound: row.partition_bound,
  ...(row.detach_pending === true ? { detachPending: true } : {}),
  inherits: (row.inherits ?? []).map((parent) => objectKey(...parent)),
  rowSecurity: row.row_security,
  forceRowSecurity: row.force_row_security,
  columnOrder: context.columns.names(tableId(row.schema, row.name)),
  comment: row.comment,
}));
