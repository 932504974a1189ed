import type { ViewObject } from '../model/objects.js';
import { sortedStrings } from '../text/order.js';
import { defineReader } from './reader.js';

interface ViewRow {
  readonly schema: string;
  readonly name: string;
  readonly relkind: keyof typeof RELKIND;
  readonly definition: string;
  readonly options: string[] | null;
  readonly comment: string | null;
}

const RELKIND = { v: 'view', m: 'materialized_view' } as const satisfies Record<string, ViewObject['kind']>;

export const viewReader = defineReader<ViewRow>('views', (row): ViewObject => ({
  kind: RELKIND[row.relkind],
  key: `${row.schema}.${row.name}`,
  schema: row.schema,
  name: row.name,
  definition: row.definition.trim(),
  options: sortedStrings(row.options),
  comment: row.comment,
}));
