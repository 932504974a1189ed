import type { Persistence, TableObject, TableVariant } from '../model/objects.js';
import * as col from './row.js';
import { sortedStrings } from '../text/order.js';
import { defineReader } from './reader.js';
import { objectKey } from '../model/keys.js';

const TABLE_COLUMNS = {
  schema: col.text,
  name: col.text,
  relkind: col.code<typeof RELKIND>(),
  relpersistence: col.code<typeof RELPERSISTENCE>(),
  partition_key: col.textOrNull,
  partition_of: col.nameParts,
  partition_bound: col.textOrNull,
  detach_pending: col.boolOrNull,
  inherits: col.namePartsList,
  row_security: col.bool,
  force_row_security: col.bool,
  replica_identity: col.textOrNull,
  of_type: col.textOrNull,
  cluster_on: col.textOrNull,
  access_method: col.textOrNull,
  storage_parameters: col.texts,
  foreign_server: col.textOrNull,
  foreign_options: col.texts,
  comment: col.textOrNull,
} satisfies col.Columns;

const RELKIND = { r: 'table', p: 'partitioned_table', f: 'foreign_table' } as const satisfies Record<string, TableVariant>;
const RELPERSISTENCE = { p: 'permanent', u: 'unlogged', t: 'temporary' } as const satisfies Record<string, Persistence>;

export const tableReader = defineReader(
  'tables',
  TABLE_COLUMNS,
  (row, context): TableObject => ({
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
    columnOrder: context.columns.names(row.schema, row.name),
    ...(row.replica_identity !== null ? { replicaIdentity: row.replica_identity } : {}),
    ...(row.of_type !== null ? { ofType: row.of_type } : {}),
    ...(row.cluster_on !== null ? { clusterOn: row.cluster_on } : {}),
    ...(row.access_method !== null ? { accessMethod: row.access_method } : {}),
    ...(row.storage_parameters !== null ? { storageParameters: row.storage_parameters } : {}),
    ...(row.foreign_server !== null ? { foreignServer: row.foreign_server, foreignOptions: sortedStrings(row.foreign_options) } : {}),
    comment: row.comment,
  }),
  { relationBound: true, usesColumns: true },
);
