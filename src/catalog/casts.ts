import type { CastObject } from '../model/objects.js';
import * as col from './row.js';
import { defineReader } from './reader.js';

const CAST_COLUMNS = {
  source: col.text,
  target: col.text,
  function: col.textOrNull,
  context: col.code<typeof CASTCONTEXT>(),
  method: col.code<typeof CASTMETHOD>(),
  comment: col.textOrNull,
} satisfies col.Columns;

const CASTCONTEXT = { i: 'implicit', a: 'assignment', e: 'explicit' } as const satisfies Record<string, CastObject['context']>;
const CASTMETHOD = { f: 'function', b: 'binary', i: 'inout' } as const satisfies Record<string, CastObject['method']>;

export const castReader = defineReader(
  'casts',
  CAST_COLUMNS,
  (row): CastObject => ({
    kind: 'cast',
    key: `${row.source} AS ${row.target}`,
    schema: '',
    name: `${row.source} AS ${row.target}`,
    function: row.function,
    method: CASTMETHOD[row.method],
    context: CASTCONTEXT[row.context],
    comment: row.comment,
  }),
  { databaseWide: true },
);
