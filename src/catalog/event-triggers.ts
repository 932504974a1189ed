import type { EventTriggerObject } from '../model/objects.js';
import { sortedStrings } from '../text/order.js';
import { defineReader } from './reader.js';
import { TGENABLED } from './triggers.js';

interface EventTriggerRow {
  readonly name: string;
  readonly event: string;
  readonly tags: string[] | null;
  readonly function: string;
  readonly enabled: keyof typeof TGENABLED;
  readonly comment: string | null;
}

export const eventTriggerReader = defineReader<EventTriggerRow>(
  'event_triggers',
  (row): EventTriggerObject => ({
    kind: 'event_trigger',
    key: row.name,
    schema: '',
    name: row.name,
    event: row.event,
    tags: sortedStrings(row.tags),
    function: row.function,
    enabled: TGENABLED[row.enabled],
    comment: row.comment,
  }),
  { databaseWide: true },
);
