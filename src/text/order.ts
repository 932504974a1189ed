/**
 * Orderings that do not depend on the locale or on the database's collation, so the same
 * catalog always gives the same snapshot bytes.
 */

/** Compare by Unicode code point (plain `<` compares UTF-16 code units, which differs for astral characters). */
export function compareCodepoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const surrogate = (x >= 0xd800 && x <= 0xdfff) || (y >= 0xd800 && y <= 0xdfff);
    return surrogate ? (a.codePointAt(i) ?? x) - (b.codePointAt(i) ?? y) : x - y;
  }
  return a.length - b.length;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Sort in place by code point of `keyOf(item)`. Without surrogates, UTF-16 order is code point
 * order and the engine's own string comparison (much faster on tens of thousands of keys) is used.
 */
export function sortByCodepoint<T>(items: T[], keyOf: (item: T) => string): T[] {
  const native = !items.some((item) => SURROGATE.test(keyOf(item)));
  return items.sort((a, b) => {
    const x = keyOf(a);
    const y = keyOf(b);
    if (native) return x < y ? -1 : x > y ? 1 : 0;
    return compareCodepoints(x, y);
  });
}

/** A copy sorted by code point; `null` (an empty `array_agg`) becomes `[]`. */
export function sortedStrings(values: readonly string[] | null): string[] {
  return sortByCodepoint([...(values ?? [])], (value) => value);
}
