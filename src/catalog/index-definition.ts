/**
 * Reading `pg_get_indexdef` output, whose layout is fixed:
 * `CREATE [UNIQUE] INDEX name ON [ONLY] table USING method (keys) [INCLUDE (columns)] …`.
 * Each key there carries its COLLATE, operator class and ordering (the per-column form of
 * pg_get_indexdef omits them), so a changed order or opclass shows in the keys too.
 */

const CREATE_INDEX_NAME = /^(CREATE (?:UNIQUE )?INDEX )(?:"(?:[^"]|"")*"|[^\s"]+) (?=ON )/;
const CREATE_INDEX_ON = /^CREATE (?:UNIQUE )?INDEX ON (?:ONLY )?/;

/** `CREATE INDEX users_email ON …` → `CREATE INDEX ON …`, so a renamed index compares equal. */
export function withoutIndexName(definition: string): string {
  return definition.replace(CREATE_INDEX_NAME, '$1');
}

export interface IndexParts {
  /** `note DESC NULLS LAST`, `note text_pattern_ops`, `lower((email)::text)`, `(a + b)`. */
  readonly keys: readonly string[];
  readonly include: readonly string[];
  /** The WHERE clause, deparsed exactly as `pg_get_expr(indpred, indrelid)` would. */
  readonly predicate: string | null;
}

/**
 * Keys, INCLUDE columns and predicate of a nameless definition, laid out as
 * `… USING method (keys) [INCLUDE (columns)] [NULLS NOT DISTINCT] [WITH (options)] [WHERE predicate]`;
 * undefined if it is not.
 */
export function indexParts(nameless: string, quotedTable: string, method: string): IndexParts | undefined {
  const prefix = CREATE_INDEX_ON.exec(nameless)?.[0];
  const head = `${quotedTable} USING ${method} (`;
  if (prefix === undefined || !nameless.startsWith(head, prefix.length)) return undefined;
  const keys = splitList(nameless, prefix.length + head.length);
  if (!keys) return undefined;
  let at = keys.end + 1;
  let include: string[] = [];
  if (nameless.startsWith(' INCLUDE (', at)) {
    const list = splitList(nameless, at + ' INCLUDE ('.length);
    if (!list) return undefined;
    include = list.items;
    at = list.end + 1;
  }
  if (nameless.startsWith(' NULLS NOT DISTINCT', at)) at += ' NULLS NOT DISTINCT'.length;
  if (nameless.startsWith(' WITH (', at)) {
    const options = splitList(nameless, at + ' WITH ('.length);
    if (!options) return undefined;
    at = options.end + 1;
  }
  if (at === nameless.length) return { keys: keys.items, include, predicate: null };
  if (!nameless.startsWith(' WHERE ', at)) return undefined;
  return { keys: keys.items, include, predicate: nameless.slice(at + ' WHERE '.length) };
}

/**
 * The comma-separated items from `from` up to the closing parenthesis (at `end`), skipping
 * over nested parentheses, "quoted identifiers" and 'literals' (a doubled quote escapes one).
 */
function splitList(text: string, from: number): { readonly items: string[]; readonly end: number } | undefined {
  const items: string[] = [];
  let depth = 0;
  let start = from;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"' || ch === "'") {
      i = text.indexOf(ch, i + 1);
      while (i >= 0 && text[i + 1] === ch) i = text.indexOf(ch, i + 2);
      if (i < 0) return undefined;
    } else if (ch === '(') {
      depth++;
    } else if (ch === ')' && depth > 0) {
      depth--;
    } else if ((ch === ',' || ch === ')') && depth === 0) {
      items.push(text.slice(start, i).trim());
      if (ch === ')') return { items, end: i };
      start = i + 1;
    }
  }
  return undefined;
}
