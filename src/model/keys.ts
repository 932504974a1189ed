import { COL_NAME_KEYWORDS, QuoteUtils, RESERVED_KEYWORDS, TYPE_FUNC_NAME_KEYWORDS } from '@pgsql/quotes';
import { closingQuote } from '../text/quoted.js';

/** The keywords `quote_ident` quotes: every kind but the unreserved ones. */
const QUOTED_KEYWORDS: ReadonlySet<string> = new Set([...RESERVED_KEYWORDS, ...TYPE_FUNC_NAME_KEYWORDS, ...COL_NAME_KEYWORDS]);

/**
 * Object keys: the one place that turns names into the `schema.table.name` identity every
 * finding, waiver, pattern and cause matches on. A part is quoted exactly when PostgreSQL's
 * `quote_ident` would quote it (not a lower-case plain identifier, or a keyword other than an
 * unreserved one, as in PostgreSQL 18's kwlist.h), so `a."b.c"` and `"a.b".c` never meet.
 */
export function quoteIdent(name: string): string {
  if (isPlainName(name)) return name;
  // quote_ident('') is `""`; the library returns an empty string for it.
  return name === '' ? '""' : QuoteUtils.quoteIdentifier(name);
}

/**
 * A lower-case letter or underscore, then lower-case letters, digits and underscores, and not a
 * keyword that needs quoting: the names of nearly every catalog, checked without the library's
 * four keyword lookups (a catalog quotes hundreds of thousands of names).
 */
function isPlainName(name: string): boolean {
  const first = name.charCodeAt(0);
  if (!((first >= 97 && first <= 122) || first === 95)) return false;
  for (let i = 1; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95)) return false;
  }
  return !QUOTED_KEYWORDS.has(name);
}

/** `public."Users".email`: each part quoted as `quote_ident` would. */
export function objectKey(...parts: readonly string[]): string {
  return parts.map(quoteIdent).join('.');
}

/** `public.f(integer, text)`: a function's key, its argument types as the server prints them. */
export function functionKey(schema: string, name: string, identityArguments: string): string {
  return `${objectKey(schema, name)}(${identityArguments})`;
}

const ROUTINE = /^((?:"(?:[^"]|"")*"|[^".(]+)(?:\.(?:"(?:[^"]|"")*"|[^".(]+))*)(\(.*)?$/s;
const NAME_PART = /"((?:[^"]|"")*)"|([^".]+)/g;

/**
 * A routine's name as the server printed it (`regproc`, `regprocedure`, a trigger's function with
 * its arguments) with each name part quoted as `objectKey` quotes it, the rest kept. The server
 * quotes by its own major's keyword list: PostgreSQL 15 prints `test.json(x)`, 16 and later
 * `test."json"(x)` for the same function. Text that is not such a name is returned as it is.
 */
export function requoteRoutine(printed: string): string {
  const match = ROUTINE.exec(printed);
  if (!match) return printed;
  const parts = [...match[1]!.matchAll(NAME_PART)].map((m) => (m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]!));
  return objectKey(...parts) + (match[2] ?? '');
}

/**
 * A text of names the server quoted (`ON "json_table", k FROM public.t`, `public.t (id, "json")`)
 * with the quotes taken off each name that is a plain lower-case identifier, keyword or not:
 * whether the server quotes such a name depends on its major's keyword list (`json_table` is
 * bare on 16, quoted from 17). Names that need their quotes for anything else (`"App"`,
 * `"a b"`) keep them, and string literals are left alone. For comparison only, on texts the
 * server printed: never on expressions, whose canonical forms see through quoting already.
 */
export function unquotePlainNames(printed: string): string {
  if (!printed.includes('"')) return printed;
  let out = '';
  let i = 0;
  while (i < printed.length) {
    const c = printed[i]!;
    if (c === "'" || c === '"') {
      // A literal is kept as it is; a quoted name loses its quotes when it is a plain one.
      const end = pastQuoted(printed, i);
      const name = printed.slice(i + 1, end - 1);
      out += c === '"' && /^[a-z_][a-z0-9_$]*$/.test(name) ? name : printed.slice(i, end);
      i = end;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** The index just past the quoted text at `start` (its end when it is never closed). */
function pastQuoted(text: string, start: number): number {
  const end = closingQuote(text, start);
  return end < 0 ? text.length : end + 1;
}

/** `public.my_ops USING btree`: an operator class's or family's key, unique per index access method. */
export function usingKey(schema: string, name: string, method: string): string {
  return `${objectKey(schema, name)} USING ${quoteIdent(method)}`;
}

/** The key with one more part: `objectKey(schema, table)` + column → `schema.table.column`. */
export function childKey(parentKey: string, name: string): string {
  return `${parentKey}.${quoteIdent(name)}`;
}

/** `public."f(x"(integer)` → `public."f(x"`: a function's key without its argument list. */
export function withoutArguments(key: string): string {
  let quoted = false;
  for (let i = 0; i < key.length; i++) {
    if (key[i] === '"') quoted = !quoted;
    else if (key[i] === '(' && !quoted) return key.slice(0, i);
  }
  return key;
}

/** `a."B.c"` → `['a', 'B.c']`: a key or qualified name in parts; unquoted parts fold to lower case, as PostgreSQL reads them. */
export function splitKey(text: string): string[] | undefined {
  const names: string[] = [];
  let at = 0;
  while (at < text.length) {
    if (text[at] === '"') {
      let end = text.indexOf('"', at + 1);
      while (end >= 0 && text[end + 1] === '"') end = text.indexOf('"', end + 2);
      if (end < 0) return undefined;
      names.push(text.slice(at + 1, end).replace(/""/g, '"'));
      at = end + 1;
    } else {
      const dot = text.indexOf('.', at);
      const end = dot < 0 ? text.length : dot;
      names.push(text.slice(at, end).toLowerCase());
      at = end;
    }
    if (at < text.length) {
      if (text[at] !== '.') return undefined;
      at++;
    }
  }
  return names;
}
