import type { ColumnObject } from '../model/objects.js';
import type { IrreversibleStatement } from '../model/rehearsal.js';
import type { Snapshot } from '../model/snapshot.js';
import type { DataLoss } from '../ddl/irreversible.js';

/**
 * The data-loss statements of one up, as reported: a column type change stays only when it
 * narrows, and emptying or overwriting stays only when the table (for UPDATE: one of the columns
 * it sets) existed before the up; all stay when the schemas around the up are unknown, as for a
 * migration without a down.
 */
export function irreversibleStatements(file: string, losses: readonly DataLoss[], before?: Snapshot, after?: Snapshot): IrreversibleStatement[] {
  return losses
    .filter((loss) => !loss.rows || !before || hadData(before, loss.rows))
    .filter((loss) => {
      if (!loss.retyped || !before || !after) return true;
      const old = columnType(before, loss.retyped);
      const now = columnType(after, loss.retyped);
      return old === undefined || now === undefined || !keepsEveryValue(old, now);
    })
    .map((loss) => ({ file, line: loss.line, statement: loss.statement, reason: loss.reason }));
}

/** Whether the table (and, when named, one of the columns) of a TRUNCATE / DELETE / UPDATE was there before the up. */
function hadData(before: Snapshot, rows: NonNullable<DataLoss['rows']>): boolean {
  const at = (o: { schema: string }): boolean => (rows.schema === undefined ? true : o.schema === rows.schema);
  const table = before.objects.some((o) => o.kind === 'table' && o.name === rows.table && at(o));
  if (!table || !rows.columns || rows.columns.length === 0) return table;
  return before.objects.some((o) => o.kind === 'column' && o.table === rows.table && rows.columns!.includes(o.name) && at(o));
}

function columnType(snapshot: Snapshot, target: NonNullable<DataLoss['retyped']>): string | undefined {
  const candidates = snapshot.objects.filter(
    (o): o is ColumnObject =>
      o.kind === 'column' && o.table === target.table && o.name === target.column && (target.schema === undefined || o.schema === target.schema),
  );
  return (candidates.find((c) => c.schema === 'public') ?? candidates[0])?.type;
}

const INTEGER_WIDTH: Readonly<Record<string, number>> = { smallint: 1, integer: 2, bigint: 3 };

/** Whether every value of type `from` converts to `to` and back unchanged (a widening). */
export function keepsEveryValue(from: string, to: string): boolean {
  if (from === to) return true;
  const [fromBase, fromMods] = split(from);
  const [toBase, toMods] = split(to);
  if (INTEGER_WIDTH[fromBase] !== undefined) {
    if (INTEGER_WIDTH[toBase] !== undefined) return INTEGER_WIDTH[toBase]! >= INTEGER_WIDTH[fromBase]!;
    return (
      toBase === 'numeric' && (toMods.length === 0 || ((toMods[1] ?? 0) >= 0 && toMods[0]! - (toMods[1] ?? 0) >= [0, 5, 10, 19][INTEGER_WIDTH[fromBase]!]!))
    );
  }
  if (fromBase === 'character varying' || fromBase === 'text') {
    if (toBase === 'text') return true;
    if (toBase !== 'character varying') return false;
    if (toMods.length === 0) return true;
    return fromBase === 'character varying' && fromMods.length > 0 && toMods[0]! >= fromMods[0]!;
  }
  if (fromBase === 'numeric' && toBase === 'numeric') {
    if (toMods.length === 0) return true;
    if (fromMods.length === 0) return false;
    const [p1, s1 = 0] = fromMods;
    const [p2, s2 = 0] = toMods;
    return s2 >= s1 && p2! - s2 >= p1! - s1;
  }
  if (fromBase === 'real') return toBase === 'double precision';
  if (fromBase === 'timestamp without time zone') return toBase === 'timestamp with time zone';
  if (fromBase === 'json') return toBase === 'text';
  return false;
}

function split(type: string): [string, number[]] {
  const match = /^(.*?)\(([\d,\s]+)\)(.*)$/.exec(type);
  if (!match) return [type, []];
  return [`${match[1]}${match[3]}`.trim(), match[2]!.split(',').map((n) => Number(n.trim()))];
}
