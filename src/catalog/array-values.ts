import pg from 'pg';

/** Array types the catalog queries return (src/catalog/row.ts: `text[]`, `int[]`): text[], int2[], int4[]. */
const TEXT_ARRAY = 1009;
const INT2_ARRAY = 1005;
const INT4_ARRAY = 1007;

/**
 * The driver's value parsers, but for the arrays catalog rows carry: those read elements that
 * need no unquoting (`{a,b,c}`, nearly all of them) with one split, and hand anything else to the
 * driver's own parser, whose result they always equal (array-values.test.ts). The driver's reads
 * an array character by character, an object per character.
 */
export const CATALOG_TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    const driver = pg.types.getTypeParser(oid, format ?? 'text') as (value: string) => unknown;
    if (format === 'binary') return driver;
    if (oid === TEXT_ARRAY) return (value: string) => plainElements(value, (element) => element) ?? driver(value);
    if (oid === INT2_ARRAY || oid === INT4_ARRAY) return (value: string) => plainElements(value, (element) => parseInt(element, 10)) ?? driver(value);
    return driver;
  }) as pg.CustomTypesConfig['getTypeParser'],
};

const NEEDS_PARSER = /[{}"\\]/;

/**
 * `{a,b,NULL}` → `['a', 'b', null]` with `element` applied to the others; undefined for what only
 * the full parser reads: quoted or escaped elements, nested arrays, explicit bounds, empty elements.
 */
export function plainElements<T>(source: string, element: (text: string) => T): (T | null)[] | undefined {
  if (source.charCodeAt(0) !== 123 || source.charCodeAt(source.length - 1) !== 125) return undefined;
  const inner = source.slice(1, -1);
  if (NEEDS_PARSER.test(inner)) return undefined;
  if (inner === '') return [];
  const texts = inner.split(',');
  const values: (T | null)[] = [];
  for (const text of texts) {
    if (text === '') return undefined;
    values.push(text === 'NULL' ? null : element(text));
  }
  return values;
}
