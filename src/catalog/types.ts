import type { TypeObject, TypeVariant } from '../model/objects.js';
import { sortedStrings } from '../text/order.js';
import { defineReader } from './reader.js';

interface TypeRow {
  readonly schema: string;
  readonly name: string;
  readonly typtype: keyof typeof TYPTYPE;
  readonly enum_labels: string[] | null;
  readonly base_type: string | null;
  readonly domain_collation: string | null;
  readonly domain_default: string | null;
  readonly domain_not_null: boolean;
  readonly domain_checks: string[] | null;
  readonly composite_attributes: string[] | null;
  readonly range_subtype: string | null;
  readonly range_options: string[] | null;
  readonly comment: string | null;
}

const TYPTYPE = { e: 'enum', d: 'domain', c: 'composite', r: 'range' } as const satisfies Record<string, TypeVariant>;

export const typeReader = defineReader<TypeRow>('types', (row): TypeObject => {
  const base = { kind: 'type', key: `${row.schema}.${row.name}`, schema: row.schema, name: row.name } as const;
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
