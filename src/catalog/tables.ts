import type { Persistence, TableObject, TableVariant } from '../model/objects.js';
import { defineReader } from './reader.js';
import { sortedStrings } from '../text/order.js';
import { tableId } from './table-columns.js';

interface TableRow {
  readonly schema: string;
  readonly name: string;
  readonly relkind: keyof typeof RELKIND;
  readonly relpersistence: keyof typeof RELPERSISTENCE;
  readonly partition_key: string | null;
  readonly partition_of: string | null;
  readonly partition_bound: string | null;
  readonly detach_pending: boolean | null;
  readonly inherits: string[] | null;
  readonly row_security: boolean;
  readonly force_row_security: boolean;
  readonly replica_identity: string | null;
  readonly of_type: string | null;
  readonly cluster_on: string | null;
  readonly access_method: string | null;
  readonly storage_parameters: string[] | null;
  readonly foreign_server: string | null;
  readonly foreign_options: string[] | null;
  readonly comment: string | null;
}

const RELKIND = { r: 'table', p: 'partitioned_table', f: 'foreign_table' } as const satisfies Record<string, TableVariant>;
const RELPERSISTENCE = { p: 'permanent', u: 'unlogged', t: 'temporary' } as const satisfies Record<string, Persistence>;

export const tableReader = defineReader<TableRow>('tables', (row, context): TableObject => ({
  kind: 'table',
  key: `${row.schema}.${row.name}`,
  schema: row.schema,
  name: row.name,
  variant: RELKIND[row.relkind],
  persistence: RELPERSISTENCE[row.relpersistence],
  partitionKey: row.partition_key,
  partitionOf: row.partition_of,
  partitionBound: row.partition_bound,
  ...(row.detach_pending === true ? { detachPending: true } : {}),
  inherits: row.inherits ?? [],
  rowSecurity: row.row_security,
  forceRowSecurity: row.force_row_security,
  columnOrder: context.columns.names(tableId(row.schema, row.name)),
  ...(row.replica_identity !== null ? { replicaIdentity: row.replica_identity } : {}),
  ...(row.of_type !== null ? { ofType: row.of_type } : {}),
  ...(row.cluster_on !== null ? { clusterOn: row.cluster_on } : {}),
  ...(row.access_method !== null ? { accessMethod: row.access_method } : {}),
  ...(row.storage_parameters !== null ? { storageParameters: row.storage_parameters } : {}),
  ...(row.foreign_server !== null ? { foreignServer: row.foreign_server, foreignOptions: sortedStrings(row.foreign_options) } : {}),
  comment: row.comment,
}));
