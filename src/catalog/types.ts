import type { TypeObject, TypeVariant } from '../model/objects.js';
import * as col from './row.js';
import { sortedStrings } from '../text/order.js';
import { defineReader } from './reader.js';
import { objectKey } from '../model/keys.js';

const TYPE_COLUMNS = {
  schema: col.text,
  name: col.text,
  typtype: col.code<typeof TYPTYPE>(),
  enum_labels: col.texts,
  base_type: col.textOrNull,
  domain_collation: col.textOrNull,
  domain_default: col.textOrNull,
  domain_not_null: col.bool,
  domain_checks: col.texts,
  composite_attributes: col.texts,
  range_subtype: col.textOrNull,
  range_options: col.texts,
  comment: col.textOrNull,
} satisfies col.Columns;

const TYPTYPE = { e: 'enum', d: 'domain', c: 'composite', r: 'range' } as const satisfies Record<string, TypeVariant>;

export const typeReader = defineReader('types', TYPE_COLUMNS, (row): TypeObject => {
  const base = { kind: 'type', key: objectKey(row.schema, row.name), schema: row.schema, name: row.name } as const;
  const comment = row.comment;
  switch (TYPTYPE[row.typtype]) {
    case 'enum':
      return { ...base, variant: 'enum', values: row.enum_labels ?? [], comment };
    case 'domain':
      return {
        ...base,
        variant: 'domain',
        // A domain's own COLLATE is part of its base type as far as a comparison goes.
        baseType: row.domain_collation ? `${row.base_type} COLLATE ${row.domain_collation}` : (row.base_type ?? ''),
        default: row.domain_default,
        notNull: row.domain_not_null,
        checks: sortedStrings(row.domain_checks),
        comment,
      };
    case 'composite':
      return { ...base, variant: 'composite', attributes: row.composite_attributes ?? [], comment };
    case 'range':
      return { ...base, variant: 'range', subtype: row.range_subtype ?? '', rangeOptions: row.range_options ?? [], comment };
  }
});
