import type { ColumnObject, IdentityKind, IdentityOptions } from '../model/objects.js';
import type { CatalogReader } from './reader.js';

interface ColumnRow {
  readonly schema: string;
  readonly table_name: string;
  readonly name: string;
  readonly attnum: number;
  readonly type: string;
  readonly collation: string | null;
  readonly not_null: boolean;
  readonly default_expr: string | null;
  readonly generated_expr: string | null;
  readonly attgenerated: keyof typeof ATTGENERATED;
  readonly attidentity: keyof typeof ATTIDENTITY;
  /** type, start, increment, min, max, cache, cycle of the identity sequence. */
  readonly identity_options: string[] | null;
  readonly comment: string | null;
}

const ATTIDENTITY = { '': null, a: 'always', d: 'by_default' } as const satisfies Record<string, IdentityKind | null>;
const ATTGENERATED = { '': null, s: 'stored', v: 'virtual' } as const;

export const columnReader: CatalogReader = {
  query: 'columns',
  mapRows(rows) {
    const columns = rows as readonly ColumnRow[];
    const positions = livePositions(columns);
    return columns.map((row, index) => toColumn(row, positions[index] ?? 0));
  },
};

/**
 * Each column's 1-based rank among its table's live columns, so a column dropped earlier
 * leaves no gap (attnum keeps one).
 */
function livePositions(rows: readonly ColumnRow[]): number[] {
  const attnumsByTable = new Map<string, number[]>();
  const tableKey = (row: ColumnRow): string => `${row.schema}.${row.table_name}`;
  for (const row of rows) {
    const attnums = attnumsByTable.get(tableKey(row));
    if (attnums) attnums.push(row.attnum);
    else attnumsByTable.set(tableKey(row), [row.attnum]);
  }
  const rankByTable = new Map<string, Map<number, number>>();
  for (const [table, attnums] of attnumsByTable) {
    rankByTable.set(table, new Map(attnums.sort((a, b) => a - b).map((attnum, index) => [attnum, index + 1])));
  }
  return rows.map((row) => rankByTable.get(tableKey(row))?.get(row.attnum) ?? 0);
}

function toColumn(row: ColumnRow, position: number): ColumnObject {
  const generatedStorage = ATTGENERATED[row.attgenerated];
  return {
    kind: 'column',
    key: `${row.schema}.${row.table_name}.${row.name}`,
    schema: row.schema,
    table: row.table_name,
    name: row.name,
    position,
    type: row.type,
    collation: row.collation,
    notNull: row.not_null,
    default: row.default_expr,
    identity: identityOf(row),
    generated: row.generated_expr,
    ...(generatedStorage ? { generatedStorage } : {}),
    comment: row.comment,
  };
}

function identityOf(row: ColumnRow): IdentityOptions | null {
  const generation = ATTIDENTITY[row.attidentity];
  if (!generation) return null;
  // Empty only if the identity sequence cannot be found, which the catalog does not allow.
  const [type = '', start = '', increment = '', min = '', max = '', cache = '', cycle = 'false'] = row.identity_options ?? [];
  return { generation, type, start, increment, min, max, cache, cycle: cycle === 'true' };
}
