/** JSON with object keys sorted, `undefined` as null: equal values give equal text. */
export function canonicalJson(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Equal as values: the same JSON whatever the key order, absent and null alike. */
export function sameValue(a: unknown, b: unknown): boolean {
  // Most attributes of most objects are equal strings or booleans: no need to serialize those.
  if (a === b) return true;
  return canonicalJson(a) === canonicalJson(b);
}
