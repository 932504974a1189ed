import type { PublicationObject } from '../model/objects.js';
import { quoteIdent } from '../model/keys.js';
import { sortedStrings } from '../text/order.js';
import * as col from './row.js';
import { defineReader } from './reader.js';

const PUBLICATION_COLUMNS = {
  name: col.text,
  all_tables: col.bool,
  operations: col.texts,
  via_root: col.bool,
  tables: col.texts,
  schemas: col.texts,
  comment: col.textOrNull,
} satisfies col.Columns;

export const publicationReader = defineReader(
  'publications',
  PUBLICATION_COLUMNS,
  (row): PublicationObject => ({
    kind: 'publication',
    key: quoteIdent(row.name),
    schema: '',
    name: row.name,
    allTables: row.all_tables,
    operations: row.operations ?? [],
    viaRoot: row.via_root,
    tables: sortedStrings(row.tables),
    schemas: sortedStrings(row.schemas),
    comment: row.comment,
  }),
  { databaseWide: true },
);
