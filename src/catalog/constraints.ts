import type { ConstraintObject, ConstraintType } from '../model/objects.js';
import * as col from './row.js';
import { defineReader } from './reader.js';
import { objectKey } from '../model/keys.js';

const CONSTRAINT_COLUMNS = {
  schema: col.text,
  table_name: col.text,
  name: col.text,
  contype: col.code<typeof CONTYPE>(),
  definition: col.text,
  key_attnums: col.ints,
  validated: col.bool,
  deferrable: col.bool,
  initially_deferred: col.bool,
  ref_table: col.nameParts,
  ref_columns: col.texts,
  confupdtype: col.code<typeof FK_ACTION>(),
  confdeltype: col.code<typeof FK_ACTION>(),
  confmatchtype: col.code<typeof FK_MATCH>(),
  comment: col.textOrNull,
} satisfies col.Columns;

const CONTYPE = {
  p: 'primary_key',
  u: 'unique',
  f: 'foreign_key',
  c: 'check',
  x: 'exclusion',
} as const satisfies Record<string, ConstraintType>;

const FK_ACTION = { a: 'no action', r: 'restrict', c: 'cascade', n: 'set null', d: 'set default' } as const;
const FK_MATCH = { s: 'simple', f: 'full', p: 'partial' } as const;

export const constraintReader = defineReader(
  'constraints',
  CONSTRAINT_COLUMNS,
  (row, context): ConstraintObject => {
    const type = CONTYPE[row.contype];
    return {
      kind: 'constraint',
      key: objectKey(row.schema, row.table_name, row.name),
      schema: row.schema,
      table: row.table_name,
      name: row.name,
      type,
      definition: row.definition,
      columns: context.columns.keyNames(row.schema, row.table_name, row.key_attnums ?? []),
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
  },
  { relationBound: true, usesColumns: true },
);
