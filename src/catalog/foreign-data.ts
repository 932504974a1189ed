import type { ForeignDataWrapperObject, ForeignServerObject } from '../model/objects.js';
import { sortedStrings } from '../text/order.js';
import type { CatalogReader } from './reader.js';

interface ForeignDataRow {
  readonly name: string;
  /** Null on a wrapper's row, the server's name on a server's. */
  readonly server_name: string | null;
  readonly handler: string | null;
  readonly validator: string | null;
  readonly type: string | null;
  readonly version: string | null;
  readonly options: string[] | null;
  readonly comment: string | null;
}

/** Foreign-data wrappers and their servers, from one query. */
export const foreignDataReader: CatalogReader = {
  query: 'foreign_data_wrappers',
  databaseWide: true,
  mapRows: (rows) =>
    (rows as readonly ForeignDataRow[]).map((row): ForeignDataWrapperObject | ForeignServerObject =>
      row.server_name === null
        ? {
            kind: 'foreign_data_wrapper',
            key: row.name,
            schema: '',
            name: row.name,
            handler: row.handler,
            validator: row.validator,
            options: sortedStrings(row.options),
            comment: row.comment,
          }
        : {
            kind: 'foreign_server',
            key: row.server_name,
            schema: '',
            name: row.server_name,
            wrapper: row.name,
            type: row.type,
            version: row.version,
            options: sortedStrings(row.options),
            comment: row.comment,
          },
    ),
};
