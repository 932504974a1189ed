import { describe, expect, test } from 'vitest';
import { schema, table as tableObject } from '../../test/support/objects.js';
import { mergeSortedGroups, sortObjects } from './object-order.js';
import { compareCodepoints, sortByCodepoint } from '../text/order.js';

describe('code point order', () => {
  test('astral characters sort after the rest of the BMP, unlike UTF-16 order', () => {
    const astral = '\u{1F600}';
    const high = '\uFF21';
    expect(astral < high).toBe(true);
    expect(compareCodepoints(astral, high)).toBeGreaterThan(0);
    expect(sortByCodepoint([astral, high, 'a'], (s) => s)).toEqual(['a', high, astral]);
    expect(sortByCodepoint(['b', 'a', 'B'], (s) => s)).toEqual(['B', 'a', 'b']);
  });
});

describe('object order', () => {
  const table = (name: string) => tableObject(`s.${name}`);

  test('kinds in OBJECT_KINDS order, then keys', () => {
    expect(sortObjects([table('b'), schema('z'), table('a'), schema('a')]).map((o) => o.key)).toEqual(['a', 'z', 's.a', 's.b']);
  });

  test('merging sorted groups, also when one kind comes from two groups', () => {
    const groups = [sortObjects([table('b'), table('d')]), sortObjects([schema('s'), table('a'), table('c')])];
    expect(mergeSortedGroups(groups).map((o) => o.key)).toEqual(['s', 's.a', 's.b', 's.c', 's.d']);
    expect(mergeSortedGroups([[], sortObjects([schema('x')])]).map((o) => o.key)).toEqual(['x']);
  });
});
