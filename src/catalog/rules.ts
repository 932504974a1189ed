import type { RuleObject } from '../model/objects.js';
import { objectKey } from '../model/keys.js';
import * as col from './row.js';
import { defineReader } from './reader.js';
import { TGENABLED } from './triggers.js';

const RULE_COLUMNS = {
  schema: col.text,
  table_name: col.text,
  name: col.text,
  definition: col.text,
  enabled: col.code<typeof TGENABLED>(),
  comment: col.textOrNull,
} satisfies col.Columns;

export const ruleReader = defineReader(
  'rules',
  RULE_COLUMNS,
  (row): RuleObject => ({
    kind: 'rule',
    key: objectKey(row.schema, row.table_name, row.name),
    schema: row.schema,
    table: row.table_name,
    name: row.name,
    definition: row.definition.trim(),
    enabled: TGENABLED[row.enabled],
    comment: row.comment,
  }),
  { relationBound: true },
);
