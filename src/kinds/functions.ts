/**
 * `function`. Everything pgparity knows about this kind, and where the rest lives:
 * - model: `FunctionObject` in src/model/objects.ts
 * - catalog: src/catalog/functions.ts (row → model), query src/catalog/sql/functions.sql
 * - procedures, aggregates and window functions too (`variant`); the key holds the identity signature.
 */
import type { KindDescriptor } from './descriptor.js';

export const func: KindDescriptor<'function'> = {
  kind: 'function',
  label: 'function',
  relation: false,
  renameable: false,
  expressions: [
    ['body', 'body'],
    ['argumentDefaults', 'expression_list'],
  ],
  unordered: ['config'],
  labels: {
    returns: 'return type',
    parallel: 'parallel safety',
    config: 'settings',
    argumentTypes: 'parameter types',
    argumentNames: 'parameter names',
    argumentDefaults: 'parameter defaults',
  },
  booleanWords: { strict: ['STRICT', 'not STRICT'], securityDefiner: ['SECURITY DEFINER', 'SECURITY INVOKER'] },
};
