import { parse, type Node } from 'libpg-query';
import { deparseSync } from 'pgsql-deparser';

/**
 * What the text of one statement says that measuring it cannot: the intent (a TRUNCATE, a
 * DELETE without WHERE, a rename) and the pieces needed to check live data (a USING
 * expression). Locks, rewrites and new constraints are measured, not read from here.
 */
export interface StatementFacts {
  /** The parse node's type, e.g. `AlterTableStmt`. */
  readonly node: string;
  /** SET [LOCAL] lock_timeout / set_config('lock_timeout', …): true for a limit, false for 0 / RESET / DEFAULT. */
  readonly setsLockTimeout?: boolean;
  readonly dropDatabase: boolean;
  readonly truncate?: { readonly cascade: boolean };
  /** DELETE or UPDATE without WHERE (on this table). */
  readonly unbounded?: { readonly verb: 'delete' | 'update'; readonly table: string };
  /** ALTER COLUMN … TYPE: column → the value converted (the USING expression without its outer cast; null: the column itself). */
  readonly typeChanges: ReadonlyMap<string, string | null>;
  /** ADD COLUMN … DEFAULT: the columns given a default. */
  readonly defaultedColumns: readonly string[];
  /** ALTER TYPE … RENAME VALUE. */
  readonly enumRename?: { readonly type: string; readonly from: string; readonly to: string };
  /** CREATE INDEX (with CONCURRENTLY or not). */
  readonly createIndex?: { readonly concurrent: boolean };
  readonly dropIndex?: { readonly concurrent: boolean };
  /** ADD CONSTRAINT … UNIQUE / PRIMARY KEY USING INDEX: no index is built. */
  readonly usingIndex: boolean;
}

/** Facts about one statement (its text as split by `splitStatements`); a statement the parser rejects has none. */
export async function statementFacts(sql: string): Promise<StatementFacts | undefined> {
  const result = await parse(sql).catch(() => undefined);
  const node = result?.stmts?.[0]?.stmt;
  return node ? factsOf(node) : undefined;
}

function factsOf(node: Node): StatementFacts {
  const type = Object.keys(node)[0] ?? '';
  const typeChanges = new Map<string, string | null>();
  const defaultedColumns: string[] = [];
  let usingIndex = false;
  const facts: { -readonly [K in keyof StatementFacts]?: StatementFacts[K] } = {};
  if ('AlterTableStmt' in node) {
    for (const item of node.AlterTableStmt.cmds ?? []) {
      if (!('AlterTableCmd' in item)) continue;
      const cmd = item.AlterTableCmd;
      const def = cmd.def as Node | undefined;
      if (cmd.subtype === 'AT_AlterColumnType' && cmd.name) {
        const using = def && 'ColumnDef' in def ? (def.ColumnDef.raw_default as Node | undefined) : undefined;
        typeChanges.set(cmd.name, using ? deparseExpression(withoutOuterCast(using)) : null);
      }
      if (cmd.subtype === 'AT_AddColumn' && def && 'ColumnDef' in def) {
        const column = def.ColumnDef;
        if ((column.constraints ?? []).some((c) => 'Constraint' in c && c.Constraint.contype === 'CONSTR_DEFAULT') && column.colname)
          defaultedColumns.push(column.colname);
      }
      if (cmd.subtype === 'AT_AddConstraint' && def && 'Constraint' in def && def.Constraint.indexname) usingIndex = true;
    }
  }
  if ('VariableSetStmt' in node && node.VariableSetStmt.name === 'lock_timeout') {
    const value = node.VariableSetStmt.args?.[0];
    facts.setsLockTimeout = node.VariableSetStmt.kind === 'VAR_SET_VALUE' && value !== undefined && !isZero(value);
  }
  if ('SelectStmt' in node) {
    const call = JSON.stringify(node);
    const match =
      /"funcname":\[\{"String":\{"sval":"set_config"\}\}\],"args":\[\{"A_Const":\{"sval":\{"sval":"lock_timeout"\}[^}]*\}\},\{"A_Const":\{"sval":\{"sval":"([^"]*)"/.exec(
        call,
      );
    if (match) facts.setsLockTimeout = !/^\s*0\s*(ms|s|min)?\s*$/.test(match[1]!);
  }
  if ('TruncateStmt' in node) facts.truncate = { cascade: node.TruncateStmt.behavior === 'DROP_CASCADE' };
  if ('DeleteStmt' in node && !node.DeleteStmt.whereClause) facts.unbounded = { verb: 'delete', table: node.DeleteStmt.relation?.relname ?? '' };
  if ('UpdateStmt' in node && !node.UpdateStmt.whereClause) facts.unbounded = { verb: 'update', table: node.UpdateStmt.relation?.relname ?? '' };
  if ('AlterEnumStmt' in node && node.AlterEnumStmt.oldVal) {
    const names = (node.AlterEnumStmt.typeName ?? []).map((n) => ('String' in n ? n.String.sval : ''));
    facts.enumRename = { type: names.join('.'), from: node.AlterEnumStmt.oldVal, to: node.AlterEnumStmt.newVal ?? '' };
  }
  if ('IndexStmt' in node) facts.createIndex = { concurrent: node.IndexStmt.concurrent === true };
  if ('DropStmt' in node && node.DropStmt.removeType === 'OBJECT_INDEX') facts.dropIndex = { concurrent: node.DropStmt.concurrent === true };
  return { node: type, dropDatabase: 'DropdbStmt' in node, typeChanges, defaultedColumns, usingIndex, ...facts };
}

function isZero(value: Node): boolean {
  if (!('A_Const' in value)) return false;
  const constant = value.A_Const as { ival?: { ival?: number }; sval?: { sval?: string } };
  if (constant.ival !== undefined) return (constant.ival.ival ?? 0) === 0;
  return /^\s*0\s*(ms|s|min)?\s*$/.test(constant.sval?.sval ?? '');
}

/** `USING amount::integer` converts `amount`: the outer cast to the new type is what the check tests. */
function withoutOuterCast(node: Node): Node {
  return 'TypeCast' in node && node.TypeCast.arg ? (node.TypeCast.arg as Node) : node;
}

function deparseExpression(node: Node): string {
  return deparseSync(node as never).trim();
}
