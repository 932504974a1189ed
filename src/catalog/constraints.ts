import type { ConstraintObject, ConstraintType } from '../model/objects.js';
import { defineReader } from './reader.js';
import { tableId } from './table-columns.js';
import { objectKey } from '../model/keys.js';

interface ConstraintRow {
  readonly schema: string;
  readonly table_name: string;
  readonly name: string;
  readonly contype: keyof typeof CONTYPE;
  readonly definition: string;
  readonly key_attnums: number[] | null;
  readonly validated: boolean;
  readonly deferrable: boolean;
  readonly initially_deferred: boolean;
  readonly ref_table: [string, string] | null;
  readonly ref_columns: string[] | null;
  readonly confupdtype: keyof typeof FK_ACTION;
  readonly confdeltype: keyof typeof FK_ACTION;
  readonly confmatchtype: keyof typeof FK_MATCH;
  readonly comment: string | null;
}

const CONTYPE = {
  p: 'primary_key',
  u: 'unique',
  f: 'foreign_key',
  c: 'check',
  x: 'exclusion',
} as const satisfies Record<string, ConstraintType>;

const FK_ACTION = { a: 'no action', r: 'restrict', c: 'cascade', n: 'set null', d: 'set default' } as const;
const FK_MATCH = { s: 'simple', f: 'full', p: 'partial' } as const;

export const constraintReader = defineReader<ConstraintRow>('constraints', (row, context): ConstraintObject => {
  const type = CONTYPE[row.contype];
  return {
    kind: 'constraint',
    key: objectKey(row.schema, row.table_name, row.name),
    schema: row.schema,
    table: row.table_name,
    name: row.name,
    type,
    definition: row.definition,
    columns: context.columns.keyNames(tableId(row.schema, row.table_name), row.key_attnums ?? []),
    validated: row.validated,
    deferrable: row.deferrable,
    initiallyDeferred: row.initially_deferred,
    ...(type === 'foreign_key'
      ? {
          references: {
            table: row.ref_table ? objectKey(...row.ref_table) : '',
            columns: row.ref_columns ?? [],
            onDelete: FK_ACTION[row.confdeltype],
            onUpdate: FK_ACTION[row.confupdtype],
            match: FK_MATCH[row.confmatchtype],
          },
        }
      : {}),
    comment: row.comment,
  };
});
