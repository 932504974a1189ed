import type { OperatorClassObject, OperatorFamilyObject, OperatorObject } from '../model/objects.js';
import { usingKey } from '../model/keys.js';
import { sortedStrings } from '../text/order.js';
import * as col from './row.js';
import { defineReader, type CatalogReader } from './reader.js';

const OPERATOR_COLUMNS = {
  schema: col.text,
  name: col.text,
  signature: col.text,
  function: col.text,
  commutator: col.textOrNull,
  negator: col.textOrNull,
  restrict: col.textOrNull,
  join_estimator: col.textOrNull,
  hashes: col.bool,
  merges: col.bool,
  comment: col.textOrNull,
} satisfies col.Columns;

export const operatorReader = defineReader(
  'operators',
  OPERATOR_COLUMNS,
  (row): OperatorObject => ({
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
  }),
);

const OPERATOR_CLASS_COLUMNS = {
  variant: col.text,
  schema: col.text,
  name: col.text,
  method: col.text,
  type: col.textOrNull,
  is_default: col.boolOrNull,
  family: col.textOrNull,
  storage: col.textOrNull,
  members: col.texts,
  comment: col.textOrNull,
} satisfies col.Columns;
type OperatorClassRow = col.RowOf<typeof OPERATOR_CLASS_COLUMNS>;

/** Operator families (with their members) and the classes in them, from one query. */
export const operatorClassReader: CatalogReader = defineReader('operator_classes', OPERATOR_CLASS_COLUMNS, (row) =>
  row.variant === 'family' ? toFamily(row) : toClass(row),
);

function toFamily(row: OperatorClassRow): OperatorFamilyObject {
  return {
    kind: 'operator_family',
    key: usingKey(row.schema, row.name, row.method),
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
    key: usingKey(row.schema, row.name, row.method),
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
