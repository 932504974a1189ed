import type { ColumnObject, ColumnStorage, IdentityKind, IdentityOptions } from '../model/objects.js';
import { sortedStrings } from '../text/order.js';
import * as col from './row.js';
import type { CatalogReader } from './reader.js';
import { objectKey } from '../model/keys.js';

const COLUMN_COLUMNS = {
  schema: col.text,
  table_name: col.text,
  name: col.text,
  attnum: col.int,
  type: col.text,
  collation: col.textOrNull,
  not_null: col.bool,
  default_expr: col.textOrNull,
  generated_expr: col.textOrNull,
  attgenerated: col.code<typeof ATTGENERATED>(),
  attidentity: col.code<typeof ATTIDENTITY>(),
  /** type, start, increment, min, max, cache, cycle of the identity sequence. */
  identity_options: col.texts,
  storage: col.codeOrNull<typeof ATTSTORAGE>(),
  compression: col.codeOrNull<typeof ATTCOMPRESSION>(),
  statistics_target: col.intOrNull,
  foreign_options: col.texts,
  options: col.texts,
  comment: col.textOrNull,
} satisfies col.Columns;
type ColumnRow = col.RowOf<typeof COLUMN_COLUMNS>;

const ATTIDENTITY = { '': null, a: 'always', d: 'by_default' } as const satisfies Record<string, IdentityKind | null>;
const ATTGENERATED = { '': null, s: 'stored', v: 'virtual' } as const;
const ATTSTORAGE = { p: 'plain', e: 'external', x: 'extended', m: 'main' } as const satisfies Record<string, ColumnStorage>;
const ATTCOMPRESSION = { p: 'pglz', l: 'lz4' } as const;

export const columnReader: CatalogReader = {
  query: 'columns',
  columns: COLUMN_COLUMNS,
  relationBound: true,
  mapper(context) {
    // Side by side rather than one wrapper object per column: a large catalog has hundreds of thousands.
    const columns: ColumnObject[] = [];
    const attnums: number[] = [];
    return {
      add(value) {
        const row = value as ColumnRow;
        context.columns.add(row.schema, row.table_name, row.attnum, row.name);
        // The position is a rank among the table's columns, known once all have arrived.
        columns.push(toColumn(row, 0));
        attnums.push(row.attnum);
      },
      done() {
        // Indexed: no [index, column] pair per column.
        for (let i = 0; i < columns.length; i++) {
          const column = columns[i]!;
          (column as { position: number }).position = context.columns.position(column.schema, column.table, attnums[i]!);
        }
        return columns;
      },
    };
  },
};

function toColumn(row: ColumnRow, position: number): ColumnObject {
  // Optional fields are set only where the catalog has them, in the snapshot's key order, comment
  // last: the usual column takes one object, not a spread and a copy per optional field.
  const column: { -readonly [K in keyof ColumnObject]: ColumnObject[K] } = {
    kind: 'column',
    key: objectKey(row.schema, row.table_name, row.name),
    schema: row.schema,
    table: row.table_name,
    name: row.name,
    position,
    type: row.type,
    collation: row.collation,
    notNull: row.not_null,
    default: row.default_expr,
    identity: identityOf(row),
    generated: row.generated_expr,
  };
  const generatedStorage = ATTGENERATED[row.attgenerated];
  if (generatedStorage) column.generatedStorage = generatedStorage;
  if (row.storage !== null) column.storage = ATTSTORAGE[row.storage];
  if (row.compression !== null) column.compression = ATTCOMPRESSION[row.compression];
  if (row.statistics_target !== null) column.statisticsTarget = row.statistics_target;
  if (row.foreign_options !== null) column.foreignOptions = sortedStrings(row.foreign_options);
  if (row.options !== null) column.options = sortedStrings(row.options);
  column.comment = row.comment;
  return column;
}

function identityOf(row: ColumnRow): IdentityOptions | null {
  const generation = ATTIDENTITY[row.attidentity];
  if (!generation) return null;
  // Empty only if the identity sequence cannot be found, which the catalog does not allow.
  const options = row.identity_options ?? [];
  // As array destructuring with defaults did: a default for a missing element only.
  const part = (index: number, absent: string): string => {
    const value = options[index];
    return value === undefined ? absent : value;
  };
  return {
    generation,
    type: part(0, ''),
    start: part(1, ''),
    increment: part(2, ''),
    min: part(3, ''),
    max: part(4, ''),
    cache: part(5, ''),
    cycle: part(6, 'false') === 'true',
  };
}
