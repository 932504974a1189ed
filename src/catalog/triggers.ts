import type { TriggerObject } from '../model/objects.js';
import { defineReader } from './reader.js';

interface TriggerRow {
  readonly schema: string;
  readonly table_name: string;
  readonly name: string;
  readonly definition: string;
  readonly tgenabled: keyof typeof TGENABLED;
  readonly comment: string | null;
}

const TGENABLED = { O: 'origin', A: 'always', R: 'replica', D: 'disabled' } as const satisfies Record<
  string,
  TriggerObject['enabled']
>;

const CREATE_TRIGGER_NAME = /^(CREATE (?:CONSTRAINT )?TRIGGER )(?:"(?:[^"]|"")*"|[^\s"]+) /;

export const triggerReader = defineReader<TriggerRow>('triggers', (row): TriggerObject => ({
  kind: 'trigger',
  key: `${row.schema}.${row.table_name}.${row.name}`,
  schema: row.schema,
  table: row.table_name,
  name: row.name,
  // Without its name, so a renamed trigger compares equal.
  definition: row.definition.replace(CREATE_TRIGGER_NAME, '$1'),
  enabled: TGENABLED[row.tgenabled],
  comment: row.comment,
}));
