/**
 * `trigger`. Everything pgparity knows about this kind, and where the rest lives:
 * - model: `TriggerObject` in src/model/objects.ts
 * - catalog: src/catalog/triggers.ts (definition parsed into parts: src/catalog/trigger-definition.ts) (row → model), query src/catalog/sql/triggers.sql
 */
import type { KindDescriptor } from './descriptor.js';

export const trigger: KindDescriptor<'trigger'> = {
  kind: 'trigger',
  label: 'trigger',
  relation: false,
  renameable: true,
  expressions: [
    ['definition', 'trigger'],
    ['when', 'expression'],
  ],
  unordered: [],
  labels: { enabled: 'firing', when: 'WHEN condition', level: 'level (FOR EACH)', referencing: 'transition tables' },
  booleanWords: {
    deferrable: ['DEFERRABLE', 'NOT DEFERRABLE'],
    initiallyDeferred: ['INITIALLY DEFERRED', 'INITIALLY IMMEDIATE'],
    constraintTrigger: ['a CONSTRAINT TRIGGER', 'a plain TRIGGER'],
  },
  summary: {
    of: 'definition',
    parts: ['timing', 'events', 'columns', 'level', 'when', 'function', 'arguments', 'referencing', 'constraintTrigger', 'deferrable', 'initiallyDeferred'],
  },
};
