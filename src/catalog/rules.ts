import type { RuleObject } from '../model/objects.js';
import { defineReader } from './reader.js';
import { TGENABLED } from './triggers.js';

interface RuleRow {
  readonly schema: string;
  readonly table_name: string;
  readonly name: string;
  readonly definition: string;
  readonly enabled: keyof typeof TGENABLED;
  readonly comment: string | null;
}

export const ruleReader = defineReader<RuleRow>('rules', (row): RuleObject => ({
  kind: 'rule',
  key: `${row.schema}.${row.table_name}.${row.name}`,
  schema: row.schema,
  table: row.table_name,
  name: row.name,
  definition: row.definition.trim(),
  enabled: TGENABLED[row.enabled],
  comment: row.comment,
}));
