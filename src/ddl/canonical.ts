import { loadModule, parseSync, scanSync } from 'libpg-query';
import { deparseSync } from 'pgsql-deparser';
import { constantDefault, foldSynonym } from './synonyms.js';
import { sameValue } from '../text/json.js';

/**
 * Canonical forms of the SQL a catalog holds: defaults, CHECKs, index and view definitions,
 * policy and trigger conditions, function bodies. Two texts that mean the same give the same
 * canonical form although the servers printed them differently (another major version, a
 * hand-written snapshot): the text is parsed with PostgreSQL's own grammar, the tree is
 * stripped of positions and of what only spelling decides, and printed again.
 *
 * Pure and synchronous once `loadCanonicalizer()` has loaded the parser (WebAssembly).
 */

/** How a text is read: which statement it is a part of. */
export type SqlForm =
  /** One scalar expression: a default, a WHERE clause, a USING condition. */
  | 'expression'
  /** Comma-separated expressions: a function's parameter defaults. */
  | 'expression_list'
  /** `pg_get_constraintdef`: `CHECK (…)`, `FOREIGN KEY (…) REFERENCES …`, `EXCLUDE USING …`. */
  | 'constraint'
  /** `pg_get_indexdef` without the index name. */
  | 'index'
  /** One key of an index: `lower(email) DESC`, `name text_pattern_ops`. */
  | 'index_key'
  /** `pg_get_viewdef`: a query. */
  | 'query'
  /** `pg_get_triggerdef` without the trigger name. */
  | 'trigger'
  /** `FOR VALUES …` / `DEFAULT`. */
  | 'partition_bound'
  /** `RANGE (a)`, `LIST (lower(b))`. */
  | 'partition_key'
  /** `pg_get_ruledef` after `CREATE RULE name AS`: `ON INSERT TO t DO INSTEAD …`. */
  | 'rule';

let loading: Promise<void> | undefined;
let loaded = false;

/** Load the SQL parser; canonical forms can be computed once this has resolved. */
export async function loadCanonicalizer(): Promise<void> {
  loading ??= loadModule().then(() => {
    loaded = true;
  });
  return loading;
}

/** The canonical form of `text` read as `form`; undefined if it does not parse (then the text compares as it is). */
export function canonicalSql(form: SqlForm, text: string): string | undefined {
  assertLoaded();
  const frame = FRAMES[form];
  const tree = parseOrUndefined(frame.wrap(text));
  if (!tree) return undefined;
  const stmt = tree.stmts?.[0]?.stmt as Json | undefined;
  if (!stmt || tree.stmts?.length !== 1) return undefined;
  let node = normalizeTree(stmt) as Json;
  if (form === 'constraint') node = withoutConstraintFlags(node);
  if (form === 'query') node = withoutTopLevelQualifiers(node);
  return print(node, frame.pretty ?? false, frame.unwrap);
}

/**
 * A column's default in canonical form: a constant as the value the column stores (see
 * `constantDefault`), anything else as an expression.
 */
export function canonicalDefault(text: string, columnType: string): string | undefined {
  assertLoaded();
  const stmt = parseOrUndefined(`SELECT ${text}`)?.stmts;
  const target = stmt?.length === 1 ? ((stmt[0]?.stmt as Json | undefined)?.SelectStmt as Json | undefined)?.targetList : undefined;
  const value = Array.isArray(target) && target.length === 1 ? ((target[0] as Json).ResTarget as Json | undefined)?.val : undefined;
  const constant = value === undefined ? undefined : constantDefault(normalizeTree(value) as Json, columnType);
  return constant ? print({ SelectStmt: { targetList: [{ ResTarget: { val: constant } }] } }, false, after('SELECT ')) : canonicalSql('expression', text);
}

/**
 * A function body in canonical form. SQL bodies (a string or a parsed `BEGIN ATOMIC` / `RETURN`
 * body) compare as statements; a PL/pgSQL body (and any other language PostgreSQL's scanner can
 * read) as its tokens, without comments, whitespace or the case of keywords and names; bodies of
 * other languages with their line ends and trailing spaces normalized.
 */
export function canonicalFunctionBody(language: string, body: string): string {
  assertLoaded();
  if (language === 'sql') {
    const parsed = /^(RETURN |BEGIN ATOMIC)/.test(body) ? sqlStandardBody(body) : sqlStatements(body);
    if (parsed !== undefined) return parsed;
  }
  if (language === 'sql' || language === 'plpgsql') {
    const tokens = canonicalTokens(body);
    if (tokens !== undefined) return tokens;
  }
  return body
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .trim();
}

type Json = { [key: string]: unknown };

interface Frame {
  /** The text as part of a statement the parser accepts. */
  readonly wrap: (text: string) => string;
  /** The part of the printed statement that is the text's canonical form. */
  readonly unwrap?: (printed: string) => string;
  readonly pretty?: boolean;
}

const after =
  (prefix: string) =>
  (printed: string): string =>
    printed.startsWith(prefix) ? printed.slice(prefix.length) : printed;

const FRAMES: Readonly<Record<SqlForm, Frame>> = {
  expression: { wrap: (t) => `SELECT ${t}`, unwrap: after('SELECT ') },
  expression_list: { wrap: (t) => `SELECT ${t}`, unwrap: after('SELECT ') },
  constraint: { wrap: (t) => `ALTER TABLE _ ADD ${t}`, unwrap: after('ALTER TABLE _ ADD ') },
  index: { wrap: (t) => t },
  index_key: {
    wrap: (t) => `CREATE INDEX ON _ (${t})`,
    unwrap: (p) => (p.startsWith('CREATE INDEX ON _ (') && p.endsWith(')') ? p.slice('CREATE INDEX ON _ ('.length, -1) : p),
  },
  query: { wrap: (t) => t, pretty: true },
  trigger: {
    // The name was taken out so that a renamed trigger compares equal: put a placeholder back.
    wrap: (t) => t.replace(/^CREATE (CONSTRAINT )?TRIGGER /, 'CREATE $1TRIGGER _ '),
    unwrap: (p) => p.replace(/^CREATE (CONSTRAINT )?TRIGGER _ /, 'CREATE $1TRIGGER '),
  },
  partition_bound: { wrap: (t) => `CREATE TABLE _ PARTITION OF _ ${t}`, unwrap: after('CREATE TABLE _ PARTITION OF _ ') },
  partition_key: { wrap: (t) => `CREATE TABLE _ () PARTITION BY ${t}`, unwrap: after('CREATE TABLE _ () PARTITION BY ') },
  rule: { wrap: (t) => `CREATE RULE _ AS ${t}`, unwrap: after('CREATE RULE _ AS ') },
};

function assertLoaded(): void {
  if (!loaded) throw new Error('canonical SQL forms need `await loadCanonicalizer()` first');
}

function parseOrUndefined(sql: string): ReturnType<typeof parseSync> | undefined {
  try {
    return parseSync(sql);
  } catch {
    return undefined;
  }
}

/** Printed with the deparser; a tree it cannot print still compares exactly, as compact JSON. */
function print(node: Json, pretty: boolean, unwrap: ((printed: string) => string) | undefined): string {
  try {
    const printed = deparseSync(node as never, { pretty }).trim();
    return unwrap ? unwrap(printed) : printed;
  } catch {
    return JSON.stringify(node);
  }
}

/** Fields that record where a node was written, not what it means. */
const POSITION_FIELDS: ReadonlySet<string> = new Set(['location', 'stmt_location', 'stmt_len']);
const TEXT_TYPES: ReadonlySet<string> = new Set(['text']);

/**
 * A copy without positions, with `pg_catalog.` taken off function and type names (it is always
 * searched first), and without the `::text` the server puts on string literals.
 */
export function normalizeTree(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalizeTree);
  if (value === null || typeof value !== 'object') return value;
  const out: Json = {};
  for (const [key, child] of Object.entries(value as Json)) {
    if (POSITION_FIELDS.has(key)) continue;
    out[key] = normalizeTree(child);
  }
  const cast = out.TypeCast as Json | undefined;
  if (cast && isStringConstant(cast.arg) && TEXT_TYPES.has(lastName((cast.typeName as Json | undefined)?.names) ?? '') && !hasArrayBounds(cast.typeName)) {
    return cast.arg;
  }
  // A FuncCall's `funcname`, a TypeName's `names` (a TypeName is the object with a `typemod`).
  if (isCatalogQualified(out.names) && 'typemod' in out) out.names = (out.names as unknown[]).slice(1);
  if (isCatalogQualified(out.funcname)) out.funcname = (out.funcname as unknown[]).slice(1);
  if (cast) return castIntoElements(cast) ?? foldSynonym(out);
  if (isSetOperation(out)) out.rarg = withoutOutputNames(out.rarg as Json);
  return foldSynonym(out);
}

/**
 * `(ARRAY[a, b])::t[]` → `ARRAY[a::t, b::t]`. PostgreSQL reads the first as the second (it casts
 * each element to the element type), and prints what it stored as the second: a CHECK written
 * `kind IN ('a', 'b')` on a varchar column reads back, after a dump and restore, with each
 * element cast. A cast already there is not doubled. Multi-dimensional and empty arrays stay.
 */
function castIntoElements(cast: Json): Json | undefined {
  const array = (cast.arg as Json | undefined)?.A_ArrayExpr as Json | undefined;
  const typeName = cast.typeName as Json | undefined;
  const elements = array?.elements as Json[] | undefined;
  if (!typeName || !elements || elements.length === 0 || !Array.isArray(typeName.arrayBounds) || typeName.arrayBounds.length !== 1) return undefined;
  if (elements.some((e) => e.A_ArrayExpr)) return undefined;
  const { arrayBounds: _, ...elementType } = typeName;
  const alreadyCast = (e: Json): boolean => sameValue((e.TypeCast as Json | undefined)?.typeName, elementType);
  return { A_ArrayExpr: { elements: elements.map((e) => (alreadyCast(e) ? e : normalizeTree({ TypeCast: { arg: e, typeName: elementType } }))) } };
}

function isSetOperation(select: Json): boolean {
  return typeof select.op === 'string' && select.op !== 'SETOP_NONE' && typeof select.rarg === 'object' && select.rarg !== null;
}

/**
 * The column names of a UNION, INTERSECT or EXCEPT are those of its first branch: an alias in a
 * later branch names nothing (`NULL::integer` and `NULL::integer AS int4` are the same branch, and
 * PostgreSQL prints either for the same view). Kept where the branch's ORDER BY or DISTINCT ON may
 * refer to it.
 */
function withoutOutputNames(select: Json): Json {
  if (isSetOperation(select)) return { ...select, larg: withoutOutputNames(select.larg as Json), rarg: withoutOutputNames(select.rarg as Json) };
  const distinctOn = Array.isArray(select.distinctClause) && select.distinctClause.some((d) => d !== null && Object.keys(d as Json).length > 0);
  if (select.sortClause !== undefined || distinctOn || !Array.isArray(select.targetList)) return select;
  const targetList = (select.targetList as Json[]).map((t) => {
    const target = t.ResTarget as Json | undefined;
    if (!target || target.name === undefined) return t;
    const { name: _, ...unnamed } = target;
    return { ResTarget: unnamed };
  });
  return { ...select, targetList };
}

function isStringConstant(node: unknown): boolean {
  const constant = (node as Json | undefined)?.A_Const as Json | undefined;
  return constant !== undefined && 'sval' in constant;
}

function hasArrayBounds(typeName: unknown): boolean {
  return Array.isArray((typeName as Json | undefined)?.arrayBounds);
}

function lastName(names: unknown): string | undefined {
  if (!Array.isArray(names)) return undefined;
  return ((names.at(-1) as Json | undefined)?.String as Json | undefined)?.sval as string | undefined;
}

function isCatalogQualified(names: unknown): boolean {
  return Array.isArray(names) && names.length > 1 && ((names[0] as Json | undefined)?.String as Json | undefined)?.sval === 'pg_catalog';
}

/** NOT VALID and DEFERRABLE are reported as their own attributes (validated, deferrable): not part of the definition. */
function withoutConstraintFlags(stmt: Json): Json {
  const constraint = (((stmt.AlterTableStmt as Json | undefined)?.cmds as Json[] | undefined)?.[0]?.AlterTableCmd as Json | undefined)?.def as Json | undefined;
  const node = constraint?.Constraint as Json | undefined;
  if (node) {
    delete node.skip_validation;
    delete node.initially_valid;
    delete node.deferrable;
    delete node.initdeferred;
  }
  return stmt;
}

/**
 * PostgreSQL before 16 kept two hidden range-table entries (OLD and NEW) in every view, so its
 * deparser qualified each column of a one-table view (`users.id`); from 16 it does not (`id`).
 * Subqueries are qualified by every version. So in the top-level query over a single FROM item,
 * columns qualified with that item's name lose the qualifier.
 */
function withoutTopLevelQualifiers(stmt: Json): Json {
  const select = stmt.SelectStmt as Json | undefined;
  if (!select || (select.op !== undefined && select.op !== 'SETOP_NONE')) return stmt;
  const from = select.fromClause as Json[] | undefined;
  const only = from?.length === 1 ? from[0] : undefined;
  const name = only ? fromItemName(only) : undefined;
  if (name === undefined) return stmt;
  const unqualified: Json = {};
  for (const [key, child] of Object.entries(select)) {
    unqualified[key] = key === 'fromClause' || key === 'withClause' ? child : stripQualifier(child, name);
  }
  return { SelectStmt: unqualified };
}

function fromItemName(item: Json): string | undefined {
  const alias = (node: unknown): string | undefined => ((node as Json | undefined)?.alias as Json | undefined)?.aliasname as string | undefined;
  if (item.RangeVar) return alias(item.RangeVar) ?? ((item.RangeVar as Json).relname as string);
  if (item.RangeSubselect) return alias(item.RangeSubselect);
  if (item.RangeFunction) return alias(item.RangeFunction);
  return undefined;
}

/** Column references `name.column` → `column`, not descending into subqueries (they keep theirs). */
function stripQualifier(value: unknown, name: string): unknown {
  if (Array.isArray(value)) return value.map((v) => stripQualifier(v, name));
  if (value === null || typeof value !== 'object') return value;
  const node = value as Json;
  if (node.SubLink) {
    const link = node.SubLink as Json;
    return { SubLink: { ...link, ...(link.testexpr ? { testexpr: stripQualifier(link.testexpr, name) } : {}) } };
  }
  if (node.SelectStmt) return node;
  const ref = node.ColumnRef as Json | undefined;
  const fields = ref?.fields as Json[] | undefined;
  if (fields && fields.length === 2 && (fields[0]?.String as Json | undefined)?.sval === name) {
    return { ColumnRef: { ...ref, fields: fields.slice(1) } };
  }
  const out: Json = {};
  for (const [key, child] of Object.entries(node)) out[key] = stripQualifier(child, name);
  return out;
}

function sqlStandardBody(body: string): string | undefined {
  const prefix = 'CREATE FUNCTION _() RETURNS void LANGUAGE sql ';
  const tree = parseOrUndefined(`${prefix}${body}`);
  const stmt = tree?.stmts?.[0]?.stmt as Json | undefined;
  const sqlBody = (stmt?.CreateFunctionStmt as Json | undefined)?.sql_body;
  if (sqlBody === undefined) return undefined;
  return print(normalizeTree(stmt) as Json, true, after(prefix.trimEnd()))?.trim();
}

function sqlStatements(body: string): string | undefined {
  const tree = parseOrUndefined(body);
  if (!tree) return undefined;
  const statements = (tree.stmts ?? []).map((s) => print(normalizeTree(s.stmt) as Json, true, undefined));
  return statements.join(';\n');
}

const COMMENT_TOKENS: ReadonlySet<string> = new Set(['SQL_COMMENT', 'C_COMMENT']);

/**
 * The body's tokens: comments dropped, keywords and unquoted names lower-cased, a quoted name that
 * needs no quotes (`"app"`) unquoted, one space between.
 */
function canonicalTokens(body: string): string | undefined {
  let scanned: ReturnType<typeof scanSync>;
  try {
    scanned = scanSync(body);
  } catch {
    return undefined;
  }
  const tokens = scanned.tokens ?? [];
  if (tokens.length === 0) return undefined;
  return tokens
    .filter((t) => !COMMENT_TOKENS.has(t.tokenName))
    .map((t) => {
      if (t.keywordKind > 0 || (t.tokenName === 'IDENT' && !t.text.startsWith('"'))) return t.text.toLowerCase();
      return t.tokenName === 'IDENT' && quotesNeeded(t.text) === false ? t.text.slice(1, -1) : t.text;
    })
    .join(' ');
}

/** PL/pgSQL's reserved words that are not reserved in SQL: `"loop"` is a name there, `loop` is not. */
const PLPGSQL_RESERVED: ReadonlySet<string> = new Set([
  'begin',
  'by',
  'execute',
  'foreach',
  'if',
  'loop',
  'strict',
  'while',
  'declare',
  'elsif',
  'exit',
  'return',
]);
const UNRESERVED_KEYWORD = 1;
const quoting = new Map<string, boolean>();

/**
 * For a quoted name, whether its quotes change what it means: false only when the name inside is
 * a valid lower-case identifier that is no keyword, or an unreserved one (never for `"App"`,
 * `"user"` or `"a b"`).
 */
function quotesNeeded(quoted: string): boolean {
  let needed = quoting.get(quoted);
  if (needed === undefined) {
    const name = quoted.slice(1, -1);
    needed = !/^[a-z_][a-z0-9_$]*$/.test(name) || PLPGSQL_RESERVED.has(name);
    if (!needed) {
      const token = scanSync(name).tokens?.[0];
      needed = token === undefined || token.text !== name || token.keywordKind > UNRESERVED_KEYWORD;
    }
    quoting.set(quoted, needed);
  }
  return needed;
}
