import type { FunctionObject } from '../model/objects.js';
import { sortedStrings } from '../text/order.js';
import { defineReader } from './reader.js';

interface FunctionRow {
  readonly schema: string;
  readonly name: string;
  readonly identity_types: string;
  readonly argument_types: string[] | null;
  readonly argument_names: string[] | null;
  readonly argument_defaults: string | null;
  readonly prokind: keyof typeof PROKIND;
  readonly returns: string | null;
  readonly language: string;
  readonly provolatile: keyof typeof PROVOLATILE;
  readonly strict: boolean;
  readonly security_definer: boolean;
  readonly proparallel: keyof typeof PROPARALLEL;
  readonly config: string[] | null;
  readonly body: string | null;
  readonly comment: string | null;
}

const PROKIND = { f: 'function', p: 'procedure', a: 'aggregate', w: 'window' } as const satisfies Record<
  string,
  FunctionObject['variant']
>;
const PROVOLATILE = { i: 'immutable', s: 'stable', v: 'volatile' } as const satisfies Record<
  string,
  FunctionObject['volatility']
>;
const PROPARALLEL = { s: 'safe', r: 'restricted', u: 'unsafe' } as const satisfies Record<
  string,
  FunctionObject['parallel']
>;

export const functionReader = defineReader<FunctionRow>('functions', (row): FunctionObject => {
  const signature = `${row.name}(${row.identity_types})`;
  return {
    kind: 'function',
    key: `${row.schema}.${signature}`,
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
