import type { TriggerObject } from '../model/objects.js';
import * as col from './row.js';
import { defineReader } from './reader.js';
import { triggerParts } from './trigger-definition.js';
import { objectKey } from '../model/keys.js';

const TRIGGER_COLUMNS = {
  schema: col.text,
  table_name: col.text,
  name: col.text,
  definition: col.text,
  tgtype: col.int,
  update_columns: col.texts,
  function_name: col.text,
  old_table: col.textOrNull,
  new_table: col.textOrNull,
  constraint_trigger: col.bool,
  deferrable: col.bool,
  initially_deferred: col.bool,
  tgenabled: col.code<typeof TGENABLED>(),
  comment: col.textOrNull,
} satisfies col.Columns;

/** pg_trigger.tgenabled; rules (ev_enabled) and event triggers (evtenabled) use the same codes. */
export const TGENABLED = { O: 'origin', A: 'always', R: 'replica', D: 'disabled' } as const satisfies Record<string, TriggerObject['enabled']>;

/** pg_trigger.tgtype bits (src/include/catalog/pg_trigger.h). */
const TGTYPE = { row: 1, before: 2, insert: 4, delete: 8, update: 16, truncate: 32, instead: 64 } as const;
const EVENTS = ['insert', 'update', 'delete', 'truncate'] as const;

const CREATE_TRIGGER_NAME = /^(CREATE (?:CONSTRAINT )?TRIGGER )(?:"(?:[^"]|"")*"|[^\s"]+) /;

export const triggerReader = defineReader(
  'triggers',
  TRIGGER_COLUMNS,
  (row): TriggerObject => {
    const parts = triggerParts(row.definition);
    const referencing = [
      ...(row.old_table === null ? [] : [`OLD TABLE AS ${row.old_table}`]),
      ...(row.new_table === null ? [] : [`NEW TABLE AS ${row.new_table}`]),
    ];
    return {
      kind: 'trigger',
      key: objectKey(row.schema, row.table_name, row.name),
      schema: row.schema,
      table: row.table_name,
      name: row.name,
      // Without its name, so a renamed trigger compares equal.
      definition: row.definition.replace(CREATE_TRIGGER_NAME, '$1'),
      timing: row.tgtype & TGTYPE.instead ? 'instead_of' : row.tgtype & TGTYPE.before ? 'before' : 'after',
      events: EVENTS.filter((event) => row.tgtype & TGTYPE[event]),
      columns: row.update_columns ?? [],
      level: row.tgtype & TGTYPE.row ? 'row' : 'statement',
      when: parts.when,
      function: row.function_name,
      arguments: parts.arguments,
      referencing,
      constraintTrigger: row.constraint_trigger,
      deferrable: row.deferrable,
      initiallyDeferred: row.initially_deferred,
      enabled: TGENABLED[row.tgenabled],
      comment: row.comment,
    };
  },
  { relationBound: true },
);
