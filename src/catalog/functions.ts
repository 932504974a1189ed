import type { FunctionObject } from '../model/objects.js';
import * as col from './row.js';
import { sortedStrings } from '../text/order.js';
import { defineReader } from './reader.js';
import { functionKey } from '../model/keys.js';

const FUNCTION_COLUMNS = {
  schema: col.text,
  name: col.text,
  identity_types: col.text,
  argument_types: col.texts,
  argument_names: col.texts,
  argument_defaults: col.textOrNull,
  prokind: col.code<typeof PROKIND>(),
  returns: col.textOrNull,
  language: col.text,
  provolatile: col.code<typeof PROVOLATILE>(),
  strict: col.bool,
  security_definer: col.bool,
  proparallel: col.code<typeof PROPARALLEL>(),
  config: col.texts,
  body: col.textOrNull,
  comment: col.textOrNull,
} satisfies col.Columns;

const PROKIND = { f: 'function', p: 'procedure', a: 'aggregate', w: 'window' } as const satisfies Record<string, FunctionObject['variant']>;
const PROVOLATILE = { i: 'immutable', s: 'stable', v: 'volatile' } as const satisfies Record<string, FunctionObject['volatility']>;
const PROPARALLEL = { s: 'safe', r: 'restricted', u: 'unsafe' } as const satisfies Record<string, FunctionObject['parallel']>;

export const functionReader = defineReader('functions', FUNCTION_COLUMNS, (row): FunctionObject => {
  const signature = `${row.name}(${row.identity_types})`;
  return {
    kind: 'function',
    key: functionKey(row.schema, row.name, row.identity_types),
    schema: row.schema,
    name: row.name,
    signature,
    argumentTypes: row.argument_types ?? [],
    argumentNames: row.argument_names ?? [],
    argumentDefaults: row.argument_defaults,
    variant: PROKIND[row.prokind],
    returns: row.returns,
    language: row.language,
    volatility: PROVOLATILE[row.provolatile],
    strict: row.strict,
    securityDefiner: row.security_definer,
    parallel: PROPARALLEL[row.proparallel],
    config: sortedStrings(row.config),
    body: (row.body ?? '').trim(),
    comment: row.comment,
  };
});
