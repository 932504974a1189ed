/**
 * The columns a catalog query returns, declared once per query as a constant: the row type is
 * derived from it (`RowOf`), and test/matrix/catalog-rows.test.ts runs every query on every
 * installed major and checks that it returns exactly these columns, of these types. A renamed
 * column in a .sql file then fails a test, not a user's run.
 */

/** How node-postgres hands a column over: `int` is int2 / int4 (int8 would arrive as a string). */
export type ColumnType = 'text' | 'bool' | 'int' | 'char' | 'text[]' | 'int[]';

export interface Column<T> {
  readonly type: ColumnType;
  /** Never set: carries the TypeScript type of the column's values. */
  readonly value?: T;
}

function column<T>(type: ColumnType): Column<T> {
  return { type };
}

export const text = column<string>('text');
export const textOrNull = column<string | null>('text');
export const bool = column<boolean>('bool');
export const boolOrNull = column<boolean | null>('bool');
export const int = column<number>('int');
export const intOrNull = column<number | null>('int');
/** An `array_agg` / array column: null when there is nothing to aggregate. */
export const texts = column<string[] | null>('text[]');
export const ints = column<number[] | null>('int[]');
/** A qualified name as its parts (`array[schema, name]`), for src/model/keys.ts to quote. */
export const nameParts = column<string[] | null>('text[]');
/** Several qualified names: a two-dimensional array, the parts of one name per row. */
export const namePartsList = column<string[][] | null>('text[]');

/** A one-letter catalog code (`contype`, `relkind`), typed by the `as const` map that names its values. */
export function code<Codes>(): Column<keyof Codes> {
  return { type: 'char' };
}

/** A one-letter catalog code that a query leaves NULL where the catalog has the default. */
export function codeOrNull<Codes>(): Column<keyof Codes | null> {
  return { type: 'char' };
}

export type Columns = Readonly<Record<string, Column<unknown>>>;

/** The row a query with these columns returns. */
export type RowOf<C extends Columns> = { readonly [K in keyof C]: C[K] extends Column<infer T> ? Exclude<T, undefined> : never };
