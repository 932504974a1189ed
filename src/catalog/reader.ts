import type { CatalogObject } from '../model/objects.js';
import type { Columns, RowOf } from './row.js';
import type { TableColumns } from './table-columns.js';

/** What mapping one family can take from families mapped before it. */
export interface ReadContext {
  readonly columns: TableColumns;
}

/** Maps one query's rows as they arrive, so that no array of all rows is kept. */
export interface RowMapper {
  add(row: unknown): void;
  /** Every row was added: the objects. */
  done(): CatalogObject[];
}

/** One object family: the query that reads it in one pass, and how its rows become model objects. */
export interface CatalogReader {
  /** File name under `sql/` without `.sql`; a `<query>.pg<NN>.sql` variant may replace it. */
  readonly query: string;
  /** The columns the query returns (checked against the SQL by catalog-rows.test.ts). */
  readonly columns: Columns;
  /** Reads database-wide objects: the query takes no schema lists. */
  readonly databaseWide?: boolean;
  /**
   * Reads what belongs to relations (tables, views, sequences and their columns, constraints,
   * indexes, triggers, policies, rules): the query takes a third parameter, the relation OIDs to
   * read (NULL: all), so an incremental read can read only the relations that changed.
   */
  readonly relationBound?: boolean;
  /** Its objects take column names from the columns query (`ReadContext.columns`): its rows are mapped once those are. */
  readonly usesColumns?: boolean;
  mapper(context: ReadContext): RowMapper;
}

export function defineReader<C extends Columns>(
  query: string,
  columns: C,
  map: (row: RowOf<C>, context: ReadContext) => CatalogObject,
  options: Pick<CatalogReader, 'databaseWide' | 'relationBound' | 'usesColumns'> = {},
): CatalogReader {
  return {
    query,
    columns,
    ...options,
    mapper(context) {
      const objects: CatalogObject[] = [];
      // The one cast from what the driver returns: the columns are tested against the query.
      return { add: (row) => void objects.push(map(row as RowOf<C>, context)), done: () => objects };
    },
  };
}
