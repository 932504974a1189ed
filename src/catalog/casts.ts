import type { CastObject } from '../model/objects.js';
import { defineReader } from './reader.js';

interface CastRow {
  readonly source: string;
  readonly target: string;
  readonly function: string | null;
  readonly context: keyof typeof CASTCONTEXT;
  readonly method: keyof typeof CASTMETHOD;
  readonly comment: string | null;
}

const CASTCONTEXT = { i: 'implicit', a: 'assignment', e: 'explicit' } as const satisfies Record<string, CastObject['context']>;
const CASTMETHOD = { f: 'function', b: 'binary', i: 'inout' } as const satisfies Record<string, CastObject['method']>;

export const castReader = defineReader<CastRow>(
  'casts',
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
