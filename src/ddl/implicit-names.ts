import type { Node } from 'libpg-query';

/**
 * The names PostgreSQL generates for objects a statement leaves unnamed, computed as
 * the server does (indexcmds.c makeObjectName / ChooseIndexColumnNames, parse_utilcmd.c,
 * heap.c): `users_pkey`, `users_email_key`, `orders_user_id_fkey`, `t_a_check`,
 * `t_lower_idx`, `t_id_seq`, truncated to 63 bytes without splitting a character.
 */

/** NAMEDATALEN - 1: the longest identifier, in bytes. */
export const MAX_IDENTIFIER_BYTES = 63;

/** `name1_name2_label`, shortening the longer of name1 / name2 first until it fits 63 bytes. */
export function makeObjectName(name1: string, name2: string | undefined, label: string | undefined): string {
  let name1Bytes = byteLength(name1);
  let name2Bytes = name2 === undefined ? 0 : byteLength(name2);
  const overhead = (name2 === undefined ? 0 : 1) + (label === undefined ? 0 : byteLength(label) + 1);
  const available = MAX_IDENTIFIER_BYTES - overhead;
  while (name1Bytes + name2Bytes > available) {
    if (name1Bytes > name2Bytes) name1Bytes--;
    else name2Bytes--;
  }
  let name = clipBytes(name1, name1Bytes);
  if (name2 !== undefined) name += `_${clipBytes(name2, name2Bytes)}`;
  if (label !== undefined) name += `_${label}`;
  return name;
}

/**
 * The first of `label`, `label1`, `label2`, … whose name is not taken (ChooseRelationName /
 * ChooseConstraintName): PostgreSQL numbers the label, not the name.
 */
export function chooseName(name1: string, name2: string | undefined, label: string, taken: (name: string) => boolean): string {
  for (let pass = 0; ; pass++) {
    const name = makeObjectName(name1, name2, pass === 0 ? label : `${label}${pass}`);
    if (!taken(name)) return name;
  }
}

/** Column names joined by `_`, stopping once the result reaches 64 bytes (ChooseIndexNameAddition). */
export function nameAddition(columns: readonly string[]): string {
  let result = '';
  for (const column of columns) {
    if (result !== '') result += '_';
    result += clipBytes(column, MAX_IDENTIFIER_BYTES);
    if (byteLength(result) >= MAX_IDENTIFIER_BYTES + 1) break;
  }
  return result;
}

/** One name per index column (keys, then INCLUDE), duplicates numbered: `a`, `a1` (ChooseIndexColumnNames). */
export function indexColumnNames(elements: readonly Node[]): string[] {
  const result: string[] = [];
  for (const element of elements) {
    const original = indexElementName(element);
    let current = original;
    for (let i = 1; result.includes(current); i++) {
      const suffix = String(i);
      current = clipBytes(original, MAX_IDENTIFIER_BYTES - suffix.length) + suffix;
    }
    result.push(current);
  }
  return result;
}

function indexElementName(element: Node): string {
  if (!('IndexElem' in element)) return 'expr';
  const { indexcolname, name, expr } = element.IndexElem;
  if (indexcolname) return indexcolname;
  if (name) return name;
  return (expr && expressionColumnName(expr)) || 'expr';
}

/** What PostgreSQL calls an expression's column (FigureColnameInternal): `lower(email)` is `lower`. */
export function expressionColumnName(node: Node): string | undefined {
  if ('ColumnRef' in node) {
    const last = node.ColumnRef.fields?.at(-1);
    return last && 'String' in last ? last.String.sval : undefined;
  }
  if ('FuncCall' in node) {
    const last = node.FuncCall.funcname?.at(-1);
    return last && 'String' in last ? last.String.sval : undefined;
  }
  if ('TypeCast' in node) {
    const inner = node.TypeCast.arg ? expressionColumnName(node.TypeCast.arg) : undefined;
    if (inner) return inner;
    const last = node.TypeCast.typeName?.names?.at(-1);
    return last && 'String' in last ? last.String.sval : undefined;
  }
  if ('CollateClause' in node) return node.CollateClause.arg ? expressionColumnName(node.CollateClause.arg) : undefined;
  if ('CoalesceExpr' in node) return 'coalesce';
  if ('MinMaxExpr' in node) return node.MinMaxExpr.op === 'IS_GREATEST' ? 'greatest' : 'least';
  if ('CaseExpr' in node) return 'case';
  if ('A_ArrayExpr' in node) return 'array';
  if ('RowExpr' in node) return 'row';
  if ('A_Expr' in node && node.A_Expr.kind === 'AEXPR_NULLIF') return 'nullif';
  if ('SQLValueFunction' in node) return sqlValueFunctionName(node.SQLValueFunction.op);
  return undefined;
}

function sqlValueFunctionName(op: string | undefined): string | undefined {
  return op
    ?.replace(/^SVFOP_/, '')
    .replace(/_N$/, '')
    .toLowerCase();
}

/**
 * The column a CHECK constraint is named after: its only column when the expression
 * reads exactly one (heap.c AddRelationNewConstraints), else none (`t_check`).
 */
export function checkConstraintColumn(expression: Node | undefined): string | undefined {
  const columns = new Set(columnRefs(expression));
  return columns.size === 1 ? [...columns][0] : undefined;
}

/** The column names an expression reads (the last field of each column reference). */
export function columnRefs(node: unknown): string[] {
  const found: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    if ('ColumnRef' in value) {
      const last = (value as { ColumnRef: { fields?: Node[] } }).ColumnRef.fields?.at(-1);
      if (last && 'String' in last) found.push(last.String.sval ?? '');
      return;
    }
    for (const child of Object.values(value)) visit(child);
  };
  visit(node);
  return found;
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** The longest prefix of `text` that fits `bytes` UTF-8 bytes without splitting a character (pg_mbcliplen). */
function clipBytes(text: string, bytes: number): string {
  if (byteLength(text) <= bytes) return text;
  let used = 0;
  let end = 0;
  for (const char of text) {
    const size = byteLength(char);
    if (used + size > bytes) break;
    used += size;
    end += char.length;
  }
  return text.slice(0, end);
}
