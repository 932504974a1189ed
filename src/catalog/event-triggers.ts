import type { EventTriggerObject } from '../model/objects.js';
import { quoteIdent } from '../model/keys.js';
import { sortedStrings } from '../text/order.js';
import * as col from './row.js';
import { defineReader } from './reader.js';
import { TGENABLED } from './triggers.js';

const EVENT_TRIGGER_COLUMNS = {
  name: col.text,
  event: col.text,
  tags: col.texts,
  function: col.text,
  enabled: col.code<typeof TGENABLED>(),
  comment: col.textOrNull,
} satisfies col.Columns;

export const eventTriggerReader = defineReader(
  'event_triggers',
  EVENT_TRIGGER_COLUMNS,
  (row): EventTriggerObject => ({
    kind: 'event_trigger',
    key: quoteIdent(row.name),
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
