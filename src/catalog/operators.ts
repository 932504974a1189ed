import type { OperatorClassObject, OperatorFamilyObject, OperatorObject } from '../model/objects.js';
import { sortedStrings } from '../text/order.js';
import { defineReader, type CatalogReader } from './reader.js';

interface OperatorRow {
  readonly schema: string;
  readonly name: string;
  readonly signature: string;
  readonly function: string;
  readonly commutator: string | null;
  readonly negator: string | null;
  readonly restrict: string | null;
  readonly join_estimator: string | null;
  readonly hashes: boolean;
  readonly merges: boolean;
  readonly comment: string | null;
}

export const operatorReader = defineReader<OperatorRow>('operators', (row): OperatorObject => ({
  kind: 'operator',
  key: row.signature,
  schema: row.schema,
  name: row.name,
  function: row.function,
  commutator: row.commutator,
  negator: row.negator,
  restrict: row.restrict,
  join: row.join_estimator,
  hashes: row.hashes,
  merges: row.merges,
  comment: row.comment,
}));

interface OperatorClassRow {
  readonly variant: 'family' | 'class';
  readonly schema: string;
  readonly name: string;
  readonly method: string;
  readonly type: string | null;
  readonly is_default: boolean | null;
  readonly family: string | null;
  readonly storage: string | null;
  readonly members: string[] | null;
  readonly comment: string | null;
}

/** Operator families (with their members) and the classes in them, from one query. */
export const operatorClassReader: CatalogReader = {
  query: 'operator_classes',
  mapRows: (rows) => (rows as readonly OperatorClassRow[]).map((row) => (row.variant === 'family' ? toFamily(row) : toClass(row))),
};

function toFamily(row: OperatorClassRow): OperatorFamilyObject {
  return {
    kind: 'operator_family',
    key: `${row.schema}.${row.name} USING ${row.method}`,
    schema: row.schema,
    name: row.name,
    method: row.method,
    members: sortedStrings(row.members),
    comment: row.comment,
  };
}

function toClass(row: OperatorClassRow): OperatorClassObject {
  return {
    kind: 'operator_class',
    key: `${row.schema}.${row.name} USING ${row.method}`,
    schema: row.schema,
    name: row.name,
    method: row.method,
    type: row.type ?? '',
    default: row.is_default ?? false,
    family: row.family ?? '',
    storage: row.storage,
    comment: row.comment,
  };
}
