/**
 * Expressions that are the same function under another spelling, as parse-tree nodes
 * (already without positions and `pg_catalog.`). Only true synonyms are folded: the SQL-standard
 * keyword and the function PostgreSQL evaluates for it, and the `'now'` casts older majors
 * printed for them. `statement_timestamp()`, `clock_timestamp()` and `LOCALTIMESTAMP` are other
 * instants or types than `now()`, and stay what they are.
 */

type Json = { [key: string]: unknown };

const call = (name: string): Json => ({ FuncCall: { funcname: [{ String: { sval: name } }], funcformat: 'COERCE_EXPLICIT_CALL' } });
const keyword = (op: string): Json => ({ SQLValueFunction: { op, typmod: -1 } });

/** A keyword without precision → the node it means. */
const KEYWORDS: Readonly<Record<string, Json>> = {
  // The start of the transaction, as timestamptz: now() and transaction_timestamp() are the same function.
  SVFOP_CURRENT_TIMESTAMP: call('now'),
  SVFOP_CURRENT_USER: call('current_user'),
  // "current_role" and "user" are equivalent to current_user (PostgreSQL's docs, System Information Functions).
  SVFOP_CURRENT_ROLE: call('current_user'),
  SVFOP_USER: call('current_user'),
  SVFOP_SESSION_USER: call('session_user'),
  SVFOP_CURRENT_CATALOG: call('current_database'),
  SVFOP_CURRENT_SCHEMA: call('current_schema'),
};

/** Functions called by another name of the same function. */
const FUNCTIONS: Readonly<Record<string, string>> = { transaction_timestamp: 'now' };

/** `'now'::type` (from `('now'::text)::type`, once `::text` is gone): the keyword older majors printed it for. */
const NOW_CASTS: Readonly<Record<string, Json>> = {
  date: keyword('SVFOP_CURRENT_DATE'),
  timestamptz: call('now'),
  timetz: keyword('SVFOP_CURRENT_TIME'),
  time: keyword('SVFOP_LOCALTIME'),
  timestamp: keyword('SVFOP_LOCALTIMESTAMP'),
};

/** The one spelling of `node`'s synonyms, or `node` itself. */
export function foldSynonym(node: Json): Json {
  const svf = node.SQLValueFunction as Json | undefined;
  if (svf && typeof svf.op === 'string') return KEYWORDS[svf.op] ?? node;
  const fn = node.FuncCall as Json | undefined;
  if (fn && onlyKeys(fn, ['funcname', 'funcformat'])) {
    const name = singleName(fn.funcname);
    if (name !== undefined && (FUNCTIONS[name] !== undefined || isTarget(name))) return call(FUNCTIONS[name] ?? name);
  }
  const cast = node.TypeCast as Json | undefined;
  if (cast && stringConstant(cast.arg) === 'now' && plainType(cast.typeName)) {
    return NOW_CASTS[singleName((cast.typeName as Json).names) ?? ''] ?? node;
  }
  return node;
}

/** A call of one of the functions the keywords above fold to (`"current_user"()`): without its call-syntax flag. */
function isTarget(name: string): boolean {
  return Object.values(KEYWORDS).some((k) => singleName((k.FuncCall as Json | undefined)?.funcname) === name);
}

/** Type families whose constants compare by value once coerced to a column of that family. */
const FAMILIES: readonly (readonly [family: string, column: RegExp, casts: ReadonlySet<string>])[] = [
  ['string', /^(text|character varying|character|varchar|bpchar)(\(\d+\))?$/, new Set(['text', 'varchar', 'bpchar'])],
  ['integer', /^(smallint|integer|bigint)$/, new Set(['int2', 'int4', 'int8'])],
];

/**
 * A column default that is a constant: its value as the column stores it, when every cast on the
 * way is to the column's own type family without a length (`'DRAFT'::text` and
 * `'DRAFT'::character varying` on a `varchar(20)` column are both the string DRAFT). Undefined
 * for anything else, e.g. a cast that may change the value (`::varchar(3)`) or a constant of
 * another family, which then compares as written.
 */
export function constantDefault(node: Json, columnType: string): Json | undefined {
  const family = FAMILIES.find(([, column]) => column.test(columnType));
  if (!family) return undefined;
  let value: Json = node;
  for (;;) {
    const cast = value.TypeCast as Json | undefined;
    if (!cast) break;
    if (!plainType(cast.typeName) || !family[2].has(singleName((cast.typeName as Json).names) ?? '')) return undefined;
    value = cast.arg as Json;
  }
  const constant = value.A_Const as Json | undefined;
  if (!constant) return undefined;
  const text = stringConstant(value);
  if (family[0] === 'string') return text === undefined ? undefined : { A_Const: { sval: { sval: text } } };
  const integer = text ?? (constant.ival as Json | undefined)?.ival ?? ('ival' in constant ? 0 : undefined);
  if (integer === undefined || !/^[+-]?\d+$/.test(String(integer))) return undefined;
  return { A_Const: { sval: { sval: BigInt(String(integer)).toString() } } };
}

function stringConstant(node: unknown): string | undefined {
  const constant = (node as Json | undefined)?.A_Const as Json | undefined;
  const sval = constant?.sval as Json | undefined;
  return typeof sval?.sval === 'string' ? sval.sval : sval !== undefined ? '' : undefined;
}

/** A type name without a length, precision or array bounds. */
function plainType(typeName: unknown): boolean {
  const t = typeName as Json | undefined;
  return t !== undefined && t.typmods === undefined && t.arrayBounds === undefined;
}

function singleName(names: unknown): string | undefined {
  if (!Array.isArray(names) || names.length !== 1) return undefined;
  return ((names[0] as Json | undefined)?.String as Json | undefined)?.sval as string | undefined;
}

function onlyKeys(node: Json, keys: readonly string[]): boolean {
  return Object.keys(node).every((k) => keys.includes(k));
}
