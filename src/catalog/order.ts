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

/** A copy sorted by code point; `null` (an empty `array_agg`) becomes `[]`. */
export function sortedStrings(values: readonly string[] | null): string[] {
  return [...(values ?? [])].sort(compareCodepoints);
}
