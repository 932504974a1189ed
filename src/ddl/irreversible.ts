import { parse, type Node } from 'libpg-query';
import { listItems, strings, type NodeOf, type RangeVar } from './ddl-context.js';
import { ScriptLines } from './script-lines.js';

/** An up statement that destroys data: no down can bring the rows or values back (seed 003). */
export interface DataLoss {
  readonly line: number;
  /** The statement on one line, shortened when long. */
  readonly statement: string;
  readonly reason: string;
  /**
   * Set for `ALTER COLUMN … TYPE`: whether it loses data depends on the old and new types, which
   * only the schema before and after the up can tell (a widening keeps every value).
   */
  readonly retyped?: { readonly schema?: string; readonly table: string; readonly column: string };
  /**
   * Set for TRUNCATE, DELETE and UPDATE (then with the columns it sets): the data it destroys is
   * only data that existed before the up, which the schema before it tells (a table or column
   * the same up created holds nothing anyone had: `ADD COLUMN x` then `UPDATE t SET x = …` backfills).
   */
  readonly rows?: { readonly schema?: string; readonly table: string; readonly columns?: readonly string[] };
}

const STATEMENT_WIDTH = 120;
/** A data-loss statement accepted by design: `-- pgparity:reversible-by-design <why>`. */
const ACCEPT_MARKER = /--[ \t]*pgparity:[ \t]*reversible-by-design\b[ \t]*:?[ \t]*(.*)$/im;

/** The reason given with the reversible-by-design marker (`accepted` when none), or undefined without a marker. */
export function acceptedDataLoss(sql: string): string | undefined {
  const match = ACCEPT_MARKER.exec(sql);
  if (!match) return undefined;
  return match[1]!.trim() || 'accepted';
}

/**
 * The statements of an up script that destroy data: DROP TABLE, DROP COLUMN (and a composite
 * type's DROP ATTRIBUTE), TRUNCATE, DELETE or UPDATE without WHERE, DROP SCHEMA / TYPE / DOMAIN
 * … CASCADE, and column type changes (narrowing decided by the caller, see `retyped`).
 * Undefined when the script does not parse: the replay reports that.
 */
export async function findDataLoss(sql: string): Promise<DataLoss[] | undefined> {
  if (sql.trim() === '') return [];
  const result = await parse(sql).catch(() => undefined);
  if (!result) return undefined;
  const lines = new ScriptLines(sql);
  const found: DataLoss[] = [];
  for (const raw of result.stmts ?? []) {
    if (!raw.stmt) continue;
    const start = lines.indexOfByte(raw.stmt_location ?? 0);
    const end = raw.stmt_len ? lines.indexOfByte((raw.stmt_location ?? 0) + raw.stmt_len) : sql.length;
    const text = oneLine(sql.slice(start, end));
    // The statement's first token, not the comments before it.
    const line = lines.lineOfIndex(start + (sql.slice(start, end).length - sql.slice(start, end).replace(/^(\s|--[^\n]*\n?|\/\*[\s\S]*?\*\/)*/, '').length));
    for (const loss of lossesOf(raw.stmt)) found.push({ line, statement: text, ...loss });
  }
  return found;
}

type Loss = Omit<DataLoss, 'line' | 'statement'>;

function lossesOf(node: Node): Loss[] {
  if ('DropStmt' in node) return dropLosses(node.DropStmt);
  if ('AlterTableStmt' in node) return alterLosses(node.AlterTableStmt);
  if ('TruncateStmt' in node)
    return (node.TruncateStmt.relations ?? []).map((r) => ({
      reason: `empties table ${'RangeVar' in r ? name(r.RangeVar) : '?'}`,
      ...('RangeVar' in r ? { rows: tableOf(r.RangeVar) } : {}),
    }));
  if ('DeleteStmt' in node && !node.DeleteStmt.whereClause)
    return [
      { reason: `deletes every row of ${name(node.DeleteStmt.relation)}`, ...(node.DeleteStmt.relation ? { rows: tableOf(node.DeleteStmt.relation) } : {}) },
    ];
  if ('UpdateStmt' in node && !node.UpdateStmt.whereClause && !node.UpdateStmt.fromClause) {
    const { relation, targetList } = node.UpdateStmt;
    return [
      {
        reason: `overwrites ${columnsSet(targetList)} in every row of ${name(relation)}`,
        ...(relation ? { rows: { ...tableOf(relation), columns: columnNames(targetList) } } : {}),
      },
    ];
  }
  return [];
}

function dropLosses(drop: NodeOf<'DropStmt'>): Loss[] {
  const cascade = drop.behavior === 'DROP_CASCADE';
  const objects = (drop.objects ?? []).map((o) => strings(listItems(o)).join('.') || ('String' in o ? (o.String.sval ?? '') : ''));
  switch (drop.removeType) {
    case 'OBJECT_TABLE':
      return objects.map((o) => ({ reason: `drops table ${o} and its rows` }));
    case 'OBJECT_SCHEMA':
      return cascade ? objects.map((o) => ({ reason: `drops schema ${o} with every table in it (CASCADE)` })) : [];
    case 'OBJECT_TYPE':
    case 'OBJECT_DOMAIN':
      return cascade ? objects.map((o) => ({ reason: `drops type ${o} and every column of that type (CASCADE)` })) : [];
    default:
      return [];
  }
}

function alterLosses(alter: NodeOf<'AlterTableStmt'>): Loss[] {
  const relation = alter.relation;
  const what = alter.objtype === 'OBJECT_TYPE' ? 'attribute' : 'column';
  const losses: Loss[] = [];
  for (const node of alter.cmds ?? []) {
    if (!('AlterTableCmd' in node)) continue;
    const cmd = node.AlterTableCmd;
    if (cmd.subtype === 'AT_DropColumn') losses.push({ reason: `drops ${what} ${name(relation)}.${cmd.name ?? '?'} and its values` });
    if (cmd.subtype === 'AT_AlterColumnType' && alter.objtype !== 'OBJECT_TYPE') {
      losses.push({
        reason: `changes the type of column ${name(relation)}.${cmd.name ?? '?'} to a narrower one: values may be cut or converted for good`,
        retyped: { ...(relation?.schemaname ? { schema: relation.schemaname } : {}), table: relation?.relname ?? '', column: cmd.name ?? '' },
      });
    }
  }
  return losses;
}

function name(rv: RangeVar | undefined): string {
  return rv ? [rv.schemaname, rv.relname].filter(Boolean).join('.') : '?';
}

function tableOf(rv: RangeVar): { schema?: string; table: string } {
  return { ...(rv.schemaname ? { schema: rv.schemaname } : {}), table: rv.relname ?? '' };
}

function columnNames(targets: readonly Node[] | undefined): string[] {
  return (targets ?? []).flatMap((t) => ('ResTarget' in t && t.ResTarget.name ? [t.ResTarget.name] : []));
}

function columnsSet(targets: readonly Node[] | undefined): string {
  const names = columnNames(targets);
  return names.length === 1 ? `column ${names[0]}` : `columns ${names.join(', ')}`;
}

function oneLine(text: string): string {
  const flat = text
    .replace(/--[^\n]*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > STATEMENT_WIDTH ? `${flat.slice(0, STATEMENT_WIDTH - 1)}…` : flat;
}
