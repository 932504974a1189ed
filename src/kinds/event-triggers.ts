/**
 * `event_trigger`, database-wide. Everything pgparity knows about this kind, and where the rest lives:
 * - model: `EventTriggerObject` in src/model/objects.ts
 * - catalog: src/catalog/event-triggers.ts (row → model), query src/catalog/sql/event_triggers.sql
 */
import type { KindDescriptor } from './descriptor.js';

export const eventTrigger: KindDescriptor<'event_trigger'> = {
  kind: 'event_trigger',
  label: 'event trigger',
  relation: false,
  renameable: false,
  expressions: [],
  unordered: ['tags'],
  labels: { event: 'event', tags: 'command tags (WHEN TAG IN)', function: 'function', enabled: 'firing' },
};
