import type { CatalogObject } from '../model/objects.js';
import type { TableColumns } from './table-columns.js';

/** What mapping one family can take from families mapped before it. */
export interface ReadContext {
  readonly columns: TableColumns;
}

/** One object family: the query that reads it in one pass, and how its rows become model objects. */
export interface CatalogReader {
  /** File name under `sql/` without `.sql`; a `<query>.pg<NN>.sql` variant may replace it. */
  readonly query: string;
  /** Reads database-wide objects: the query takes no schema lists. */
  readonly databaseWide?: boolean;
  mapRows(rows: readonly unknown[], context: ReadContext): CatalogObject[];
}

export function defineReader<Row>(
  query: string,
  map: (row: Row, context: ReadContext) => CatalogObject,
  options: { readonly databaseWide?: boolean } = {},
): CatalogReader {
  return { query, ...options, mapRows: (rows, context) => rows.map((row) => map(row as Row, context)) };
}
