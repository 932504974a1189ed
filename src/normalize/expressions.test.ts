import { describe, expect, test } from 'vitest';
import { compareSnapshots } from '../compare/compare.js';
import { column, index, snapshot, table, trigger, view } from '../../test/support/objects.js';
import type { CatalogObject } from '../model/objects.js';
import { canonicalizeExpressions } from './expressions.js';

async function compare(expected: readonly CatalogObject[], actual: readonly CatalogObject[]) {
  const canonical = await canonicalizeExpressions(snapshot(expected), snapshot(actual));
  return { canonical, findings: compareSnapshots(canonical.expected, canonical.actual) };
}

describe('canonicalizeExpressions', () => {
  test('a view printed by PostgreSQL 15 and by 17 is the same view', async () => {
    const { findings } = await compare(
      [view('public.v', 'SELECT users.id,\n    users.email\n   FROM public.users\n  WHERE users.id > 0;')],
      [view('public.v', 'SELECT id,\n    email\n   FROM public.users\n  WHERE id > 0;')],
    );
    expect(findings).toEqual([]);
  });

  test('a real difference between majors keeps the raw texts and shows the canonical forms, which differ only where it is', async () => {
    const v15 = 'SELECT users.id,\n    users.email\n   FROM public.users\n  WHERE users.id > 0;';
    const v17 = 'SELECT id,\n    email\n   FROM public.users\n  WHERE id > 1;';
    const { findings } = await compare([view('public.v', v15)], [view('public.v', v17)]);
    expect(findings).toEqual([
      expect.objectContaining({
        attribute: 'definition',
        expected: v15,
        actual: v17,
        normalized: {
          expected: 'SELECT\n  id,\n  email\nFROM public.users\nWHERE\n  id > 0',
          actual: 'SELECT\n  id,\n  email\nFROM public.users\nWHERE\n  id > 1',
        },
      }),
    ]);
  });

  test('when the raw texts differ no more than their canonical forms, they are shown alone', async () => {
    const { findings } = await compare([column('public.t.a', 'text', { default: "'x'::text" })], [column('public.t.a', 'text', { default: "'y'::text" })]);
    expect(findings).toEqual([expect.objectContaining({ attribute: 'default', expected: "'x'::text", actual: "'y'::text" })]);
    expect(findings[0]).not.toHaveProperty('normalized');
  });

  test('only texts that differ are parsed, and identical objects are left as they are', async () => {
    const same = column('public.t.a', 'text', { default: 'now()' });
    const { canonical } = await compare([same], [same]);
    expect(canonical.expected.objects[0]).toBe(same);
    expect(canonical.expected.objects[0]?.canonical).toBeUndefined();
  });

  test('a text the parser does not read compares as it is', async () => {
    const { findings } = await compare([column('public.t.a', 'int', { default: '1 +' })], [column('public.t.a', 'int', { default: '1 + ' })]);
    expect(findings).toEqual([expect.objectContaining({ attribute: 'default', expected: '1 +', actual: '1 + ' })]);
    expect(findings[0]).not.toHaveProperty('normalized');
  });

  test('objects on one side only pair up as a rename in canonical form', async () => {
    const { findings } = await compare(
      [table('public.t'), index('public.t.a_idx', 'CREATE INDEX ON public.t USING btree (lower((a)::text))')],
      [table('public.t'), index('public.t.t_a_idx', 'CREATE INDEX ON public.t USING btree (lower(a::text))')],
    );
    expect(findings.map((f) => [f.change, f.attribute, f.actual])).toEqual([['changed', 'name', 't_a_idx']]);
  });

  test('a trigger whose WHEN changed is one `when` finding, not a `definition` one too', async () => {
    const def = (condition: string) => `CREATE TRIGGER BEFORE UPDATE ON public.t FOR EACH ROW WHEN (${condition}) EXECUTE FUNCTION public.f()`;
    const { findings } = await compare(
      [trigger('public.t.tr', def('(new.a > 1)'), { when: '(new.a > 1)' })],
      [trigger('public.t.tr', def('(new.a > 2)'), { when: '(new.a > 2)' })],
    );
    expect(findings.map((f) => f.attribute)).toEqual(['when']);
  });
});
