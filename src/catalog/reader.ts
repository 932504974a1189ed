import type { CatalogObject } from '../model/objects.js';

/** One object family: the query that reads it in one pass, and how its rows become model objects. */
export interface CatalogReader {
  /** File name under `sql/` without `.sql`; a `<query>.pg<NN>.sql` variant may replace it. */
  readonly query: string;
  mapRows(rows: readonly unknown[]): CatalogObject[];
}

export function defineReader<Row>(query: string, map: (row: Row) => CatalogObject): CatalogReader {
  return { query, mapRows: (rows) => rows.map((row) => map(row as Row)) };
}
