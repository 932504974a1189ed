import type { ForeignDataWrapperObject, ForeignServerObject } from '../model/objects.js';
import { quoteIdent } from '../model/keys.js';
import { sortedStrings } from '../text/order.js';
import * as col from './row.js';
import { type CatalogReader, defineReader } from './reader.js';

const FOREIGN_DATA_COLUMNS = {
  name: col.text,
  /** Null on a wrapper's row, the server's name on a server's. */
  server_name: col.textOrNull,
  handler: col.textOrNull,
  validator: col.textOrNull,
  type: col.textOrNull,
  version: col.textOrNull,
  options: col.texts,
  comment: col.textOrNull,
} satisfies col.Columns;

/** Foreign-data wrappers and their servers, from one query. */
export const foreignDataReader: CatalogReader = defineReader(
  'foreign_data_wrappers',
  FOREIGN_DATA_COLUMNS,
  (row): ForeignDataWrapperObject | ForeignServerObject =>
    row.server_name === null
      ? {
          kind: 'foreign_data_wrapper',
          key: quoteIdent(row.name),
          schema: '',
          name: row.name,
          handler: row.handler,
          validator: row.validator,
          options: sortedStrings(row.options),
          comment: row.comment,
        }
      : {
          kind: 'foreign_server',
          key: quoteIdent(row.server_name),
          schema: '',
          name: row.server_name,
          wrapper: row.name,
          type: row.type,
          version: row.version,
          options: sortedStrings(row.options),
          comment: row.comment,
        },
  { databaseWide: true },
);
