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

export interface IndexColumns {
  /** `note DESC NULLS LAST`, `note text_pattern_ops`, `lower((email)::text)`, `(a + b)`. */
  readonly keys: readonly string[];
  readonly include: readonly string[];
}

/** Key and INCLUDE lists of a nameless definition; undefined if it is not laid out as expected. */
export function indexColumns(nameless: string, quotedTable: string, method: string): IndexColumns | undefined {
  const prefix = CREATE_INDEX_ON.exec(nameless)?.[0];
  const head = `${quotedTable} USING ${method} (`;
  if (prefix === undefined || !nameless.startsWith(head, prefix.length)) return undefined;
  const keys = splitList(nameless, prefix.length + head.length);
  if (!keys) return undefined;
  if (!nameless.startsWith(' INCLUDE (', keys.end + 1)) return { keys: keys.items, include: [] };
  const include = splitList(nameless, keys.end + 1 + ' INCLUDE ('.length);
  return include ? { keys: keys.items, include: include.items } : undefined;
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
