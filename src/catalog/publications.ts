import type { PublicationObject } from '../model/objects.js';
import { sortedStrings } from '../text/order.js';
import { defineReader } from './reader.js';

interface PublicationRow {
  readonly name: string;
  readonly all_tables: boolean;
  readonly operations: string[];
  readonly via_root: boolean;
  readonly tables: string[] | null;
  readonly schemas: string[] | null;
  readonly comment: string | null;
}

export const publicationReader = defineReader<PublicationRow>(
  'publications',
  (row): PublicationObject => ({
    kind: 'publication',
    key: row.name,
    schema: '',
    name: row.name,
    allTables: row.all_tables,
    operations: row.operations,
    viaRoot: row.via_root,
    tables: sortedStrings(row.tables),
    schemas: sortedStrings(row.schemas),
    comment: row.comment,
  }),
  { databaseWide: true },
);
