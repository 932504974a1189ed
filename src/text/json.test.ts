import { describe, expect, test } from 'vitest';
import { canonicalJson, sameValue } from './json.js';

describe('sameValue', () => {
  const cases: [unknown, unknown][] = [
    ['a', 'a'],
    ['a', 'b'],
    ['1', 1],
    [null, undefined],
    [null, 'null'],
    [false, null],
    [0, null],
    [[], {}],
    [
      ['a', null],
      ['a', undefined],
    ],
    [['a'], ['a', 'b']],
    [
      { a: 1, b: [1, 2] },
      { b: [1, 2], a: 1 },
    ],
    [{ a: 1, b: undefined }, { a: 1 }],
    [{ a: 1, b: null }, { a: 1 }],
    [{ a: 1 }, { a: 1, b: 2 }],
    [{ a: { c: ['x'] } }, { a: { c: ['y'] } }],
    [{ a: { c: ['x'] } }, { a: { c: ['x'] } }],
    [{ length: 0 }, []],
  ];
  test.each(cases)('%j and %j: equal exactly when their canonical JSON is', (a, b) => {
    expect(sameValue(a, b)).toBe(canonicalJson(a) === canonicalJson(b));
    expect(sameValue(b, a)).toBe(canonicalJson(a) === canonicalJson(b));
  });

  test('says which of these are equal', () => {
    expect(cases.map(([a, b]) => sameValue(a, b))).toEqual([
      true,
      false,
      false,
      true,
      false,
      false,
      false,
      false,
      true,
      false,
      true,
      true,
      false,
      false,
      false,
      true,
      false,
    ]);
  });
});
