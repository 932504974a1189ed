import fc from 'fast-check';
import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { CATALOG_TYPES, plainElements } from './array-values.js';

const parser = (oid: number) => CATALOG_TYPES.getTypeParser(oid, 'text') as (value: string) => unknown;
const driver = (oid: number) => pg.types.getTypeParser(oid, 'text') as (value: string) => unknown;

describe('catalog arrays read as the driver reads them', () => {
  test('plain elements are split, NULL is null, anything else goes to the driver', () => {
    expect(plainElements('{a,b,NULL}', (e) => e)).toEqual(['a', 'b', null]);
    expect(plainElements('{}', (e) => e)).toEqual([]);
    expect(plainElements('{1,-2}', (e) => parseInt(e, 10))).toEqual([1, -2]);
    for (const needsParser of ['{"a b",c}', '{a\\,b}', '{{a,b},{c,d}}', '[0:1]={a,b}', '{a,,b}', 'x'])
      expect(plainElements(needsParser, (e) => e)).toBeUndefined();
    expect(parser(1009)('{"a,b",NULL,"NULL",c}')).toEqual(['a,b', null, 'NULL', 'c']);
    expect(parser(1009)('{{a,b},{c,"d}"}}')).toEqual([
      ['a', 'b'],
      ['c', 'd}'],
    ]);
    expect(parser(1007)('{1,NULL,3}')).toEqual([1, null, 3]);
    expect(parser(1005)('{-6,0}')).toEqual([-6, 0]);
    expect(parser(25)('{a}')).toBe('{a}');
  });

  test('text[], int2[] and int4[] values give what the driver gives, whatever the text', () => {
    const text = fc.string({ unit: fc.constantFrom('{', '}', '"', '\\', ',', 'N', 'U', 'L', 'a', ' ', '1', '-', 'é'), maxLength: 24 });
    const array = fc
      .array(fc.oneof(fc.constantFrom('NULL', '', '12', '-3'), fc.string({ maxLength: 6 })), { maxLength: 6 })
      .map((elements) => `{${elements.join(',')}}`);
    fc.assert(
      fc.property(fc.oneof(text, array), fc.constantFrom(1009, 1005, 1007), (value, oid) => {
        let expected: unknown;
        try {
          expected = driver(oid)(value);
        } catch {
          return; // Text the server never sends: the driver throws, and so may we.
        }
        expect(parser(oid)(value)).toEqual(expected);
      }),
      { numRuns: 5000 },
    );
  });
});
