import type { CatalogObject, ColumnObject, ConstraintObject, TableObject } from '../model/objects.js';
import type { Snapshot } from '../model/snapshot.js';
import { quoteIdent } from '../history/read.js';
import { objectKey } from '../model/keys.js';

/** One table's synthetic rows, or why it gets none. */
export type TableFill = { readonly table: string; readonly insert: string } | { readonly table: string; readonly skipped: string };

/** Types (as `format_type` prints them, modifiers removed) and an expression of `g`, the row number, for each. */
const VALUES: readonly (readonly [RegExp, string])[] = [
  [/^(smallint|integer|bigint|numeric|real|double precision|money)$/, 'g'],
  [/^(text|character varying|character|citext|name)$/, "'pgparity ' || g"],
  [/^boolean$/, 'g % 2 = 0'],
  [/^uuid$/, 'md5(g::text)::uuid'],
  [/^(date|timestamp without time zone|timestamp with time zone)$/, "timestamptz '2000-01-01 00:00:00+00' + g * interval '1 day'"],
  [/^(time without time zone|time with time zone)$/, "time '00:00' + g * interval '1 minute'"],
  [/^interval$/, "g * interval '1 minute'"],
  [/^(json|jsonb)$/, "json_build_object('n', g)"],
  [/^bytea$/, "decode(lpad(to_hex(g), 8, '0'), 'hex')"],
  [/^inet$/, "'10.0.0.0'::inet + g"],
];

/**
 * INSERTs of `rows` synthetic rows into each of `tables` (keys `schema.name`) of the schema
 * `after`, parents before the tables that reference them. Every other row leaves nullable columns
 * NULL (a down that sets NOT NULL back must meet NULLs); columns with a default, identity or
 * generated columns are left to the server; a single-column foreign key takes a row of its parent.
 * A table gets no rows, with the reason, where a column has no value we can make up.
 */
export function syntheticRows(after: Snapshot, tables: readonly string[], rows: number): TableFill[] {
  const byTable = groupByTable(after.objects);
  const enums = new Set(after.objects.filter((o) => o.kind === 'type' && o.variant === 'enum').map((o) => o.key));
  return dependencyOrder(tables, byTable).map((key): TableFill => {
    const group = byTable.get(key);
    if (!group?.table) return { table: key, skipped: 'not a table after the up' };
    if (group.table.variant !== 'table') return { table: key, skipped: `a ${group.table.variant} table: rows go to its partitions` };
    const columns: string[] = [];
    const values: string[] = [];
    for (const column of group.columns) {
      if (column.identity !== null || column.generated !== null || column.default !== null) continue;
      const value = foreignValue(column, group.constraints) ?? scalarValue(column, enums);
      if (value === undefined) {
        if (column.notNull) return { table: key, skipped: `no synthetic value for column ${column.name} of type ${column.type}` };
        continue;
      }
      columns.push(quoteIdent(column.name));
      values.push(column.notNull ? value : `case when g % 2 = 0 then null else ${value} end`);
    }
    const target = `${quoteIdent(group.table.schema)}.${quoteIdent(group.table.name)}`;
    const insert =
      columns.length === 0
        ? `insert into ${target} select from generate_series(1, ${rows}) g`
        : `insert into ${target} (${columns.join(', ')}) select ${values.join(', ')} from generate_series(1, ${rows}) g`;
    return { table: key, insert };
  });
}

interface TableGroup {
  table?: TableObject;
  readonly columns: ColumnObject[];
  readonly constraints: ConstraintObject[];
}

function groupByTable(objects: readonly CatalogObject[]): Map<string, TableGroup> {
  const groups = new Map<string, TableGroup>();
  const group = (key: string): TableGroup => {
    if (!groups.has(key)) groups.set(key, { columns: [], constraints: [] });
    return groups.get(key)!;
  };
  for (const o of objects) {
    if (o.kind === 'table') group(o.key).table = o;
    if (o.kind === 'column') group(objectKey(o.schema, o.table)).columns.push(o);
    if (o.kind === 'constraint') group(objectKey(o.schema, o.table)).constraints.push(o);
  }
  for (const g of groups.values()) g.columns.sort((a, b) => a.position - b.position);
  return groups;
}

/** Parents first, so a child's foreign key finds a row; a cycle keeps the given order. */
function dependencyOrder(tables: readonly string[], byTable: ReadonlyMap<string, TableGroup>): string[] {
  const wanted = new Set(tables);
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (key: string): void => {
    if (ordered.includes(key) || visiting.has(key)) return;
    visiting.add(key);
    for (const c of byTable.get(key)?.constraints ?? []) {
      if (c.type === 'foreign_key' && c.references && wanted.has(c.references.table)) visit(c.references.table);
    }
    ordered.push(key);
  };
  for (const key of tables) visit(key);
  return ordered;
}

/** A single-column foreign key: the first row of the parent (NULL when it has none). */
function foreignValue(column: ColumnObject, constraints: readonly ConstraintObject[]): string | undefined {
  const fk = constraints.find((c) => c.type === 'foreign_key' && c.columns.includes(column.name));
  if (!fk?.references) return undefined;
  if (fk.columns.length !== 1) return 'null';
  // The referenced table's key is its name as SQL: each part quoted where PostgreSQL needs it.
  return `(select ${quoteIdent(fk.references.columns[0]!)} from ${fk.references.table} limit 1)`;
}

function scalarValue(column: ColumnObject, enums: ReadonlySet<string>): string | undefined {
  const array = column.type.endsWith('[]');
  const base = column.type.replace(/\[\]$/, '');
  if (array) return `'{}'::${column.type}`;
  if (enums.has(base)) return `(enum_range(null::${base}))[1 + g % array_length(enum_range(null::${base}), 1)]`;
  const plain = base.replace(/\(.*\)/, '').trim();
  const value = VALUES.find(([pattern]) => pattern.test(plain))?.[1];
  return value === undefined ? undefined : `cast(${value} as ${column.type})`;
}
