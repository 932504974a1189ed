import type { ViewObject } from '../model/objects.js';
import * as col from './row.js';
import { sortedStrings } from '../text/order.js';
import { defineReader } from './reader.js';
import { objectKey } from '../model/keys.js';

const VIEW_COLUMNS = {
  schema: col.text,
  name: col.text,
  relkind: col.code<typeof RELKIND>(),
  definition: col.text,
  options: col.texts,
  access_method: col.textOrNull,
  comment: col.textOrNull,
} satisfies col.Columns;

const RELKIND = { v: 'view', m: 'materialized_view' } as const satisfies Record<string, ViewObject['kind']>;

export const viewReader = defineReader(
  'views',
  VIEW_COLUMNS,
  (row): ViewObject => ({
    kind: RELKIND[row.relkind],
    key: objectKey(row.schema, row.name),
    schema: row.schema,
    name: row.name,
    definition: row.definition.trim(),
    options: sortedStrings(row.options),
    ...(row.access_method !== null ? { accessMethod: row.access_method } : {}),
    comment: row.comment,
  }),
  { relationBound: true },
);
