/**
 * `operator`, `operator_family` and `operator_class`. Everything pgparity knows about these kinds,
 * and where the rest lives:
 * - model: `OperatorObject`, `OperatorFamilyObject`, `OperatorClassObject` in src/model/objects.ts
 * - catalog: src/catalog/operators.ts (row → model), queries src/catalog/sql/operators.sql and
 *   operator_classes.sql (families with their operators and support functions, and classes)
 */
import type { KindDescriptor } from './descriptor.js';

export const operator: KindDescriptor<'operator'> = {
  kind: 'operator',
  label: 'operator',
  relation: false,
  renameable: false,
  expressions: [],
  unordered: [],
  labels: { function: 'FUNCTION', commutator: 'COMMUTATOR', negator: 'NEGATOR', restrict: 'RESTRICT estimator', join: 'JOIN estimator' },
  booleanWords: { hashes: ['HASHES', 'not HASHES'], merges: ['MERGES', 'not MERGES'] },
};

export const operatorFamily: KindDescriptor<'operator_family'> = {
  kind: 'operator_family',
  label: 'operator family',
  relation: false,
  renameable: false,
  expressions: [],
  unordered: ['members'],
  labels: { method: 'access method', members: 'operators and support functions' },
};

export const operatorClass: KindDescriptor<'operator_class'> = {
  kind: 'operator_class',
  label: 'operator class',
  relation: false,
  renameable: false,
  expressions: [],
  unordered: [],
  labels: { method: 'access method', type: 'indexed type', family: 'operator family', storage: 'STORAGE type' },
  booleanWords: { default: ['the DEFAULT for its type', 'not the DEFAULT for its type'] },
};
