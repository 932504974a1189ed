import { closingQuote } from '../text/quoted.js';

/**
 * Reading the parts of `pg_get_triggerdef` output that the catalog keeps only in node form:
 * the WHEN condition (deparsed with OLD and NEW, which pg_get_expr cannot do) and the
 * arguments (stored as NUL-separated bytes, printed here as literals). The layout is fixed:
 * `… FOR EACH {ROW|STATEMENT} [WHEN (condition)] EXECUTE FUNCTION name('arg', …)`.
 */

const FOR_EACH = / FOR EACH (?:ROW|STATEMENT) /;

export interface TriggerParts {
  /** The condition without the parentheses that WHEN requires, as pg_get_expr would print it. */
  readonly when: string | null;
  readonly arguments: readonly string[];
}

export function triggerParts(definition: string): TriggerParts {
  const forEach = FOR_EACH.exec(definition);
  let at = forEach ? forEach.index + forEach[0].length : -1;
  let when: string | null = null;
  if (at >= 0 && definition.startsWith('WHEN (', at)) {
    const end = closingParen(definition, at + 'WHEN ('.length);
    if (end !== undefined) {
      when = definition.slice(at + 'WHEN ('.length, end);
      at = end + 2;
    }
  }
  const call = at >= 0 ? definition.indexOf('(', definition.indexOf('EXECUTE ', at)) : -1;
  return { when, arguments: call >= 0 ? literals(definition, call + 1) : [] };
}

/** Index of the parenthesis closing the one opened just before `from`; quotes are skipped over. */
function closingParen(text: string, from: number): number | undefined {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'" || ch === '"') {
      i = closingQuote(text, i);
      if (i < 0) return undefined;
    } else if (ch === '(') {
      depth++;
    } else if (ch === ')') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return undefined;
}

/** `'a', 'it''s')` → `['a', "it's"]`. */
function literals(text: string, from: number): string[] {
  const values: string[] = [];
  let i = from;
  while (text[i] === "'") {
    const end = closingQuote(text, i);
    if (end < 0) break;
    values.push(text.slice(i + 1, end).replace(/''/g, "'"));
    i = end + 1;
    if (text.startsWith(', ', i)) i += 2;
  }
  return values;
}
