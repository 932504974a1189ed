import { describe, expect, test } from 'vitest';
import { indexParts, withoutIndexName } from './index-definition.js';

describe('withoutIndexName', () => {
  test.each([
    ['CREATE INDEX users_email ON public.users USING btree (email)', 'CREATE INDEX ON public.users USING btree (email)'],
    ['CREATE UNIQUE INDEX "Weird ""Index"", x" ON public.users USING btree (email)', 'CREATE UNIQUE INDEX ON public.users USING btree (email)'],
    ['CREATE INDEX events_payload ON ONLY app.events USING gin (payload)', 'CREATE INDEX ON ONLY app.events USING gin (payload)'],
    ['CREATE INDEX "ON" ON public."ON" USING btree ("ON")', 'CREATE INDEX ON public."ON" USING btree ("ON")'],
  ])('%s', (definition, expected) => {
    expect(withoutIndexName(definition)).toBe(expected);
  });
});

describe('indexParts', () => {
  test('keys carry their collation, operator class and ordering', () => {
    expect(indexParts('CREATE INDEX ON public.t USING btree (a COLLATE "C" DESC NULLS LAST, b text_pattern_ops, c)', 'public.t', 'btree')).toEqual({
      keys: ['a COLLATE "C" DESC NULLS LAST', 'b text_pattern_ops', 'c'],
      include: [],
      predicate: null,
    });
  });

  test('expressions with commas and parentheses inside literals and quoted names', () => {
    const definition = `CREATE UNIQUE INDEX ON "Odd"."T, 1" USING btree (lower(("a, b")::text), (coalesce(x, ',)')), "y""z") INCLUDE ("q, r", s) WHERE (("a, b" <> 'it''s (x)'))`;
    expect(indexParts(definition, '"Odd"."T, 1"', 'btree')).toEqual({
      keys: ['lower(("a, b")::text)', "(coalesce(x, ',)'))", '"y""z"'],
      include: ['"q, r"', 's'],
      predicate: `(("a, b" <> 'it''s (x)'))`,
    });
  });

  test('NULLS NOT DISTINCT, storage options and ONLY are stepped over', () => {
    expect(
      indexParts(
        `CREATE UNIQUE INDEX ON ONLY public.p USING btree (a) NULLS NOT DISTINCT WITH (fillfactor='70', deduplicate_items=off) WHERE (a > 0)`,
        'public.p',
        'btree',
      ),
    ).toEqual({ keys: ['a'], include: [], predicate: '(a > 0)' });
  });

  test('operator class options', () => {
    expect(indexParts(`CREATE INDEX ON public.t USING gist (body gist_trgm_ops (siglen='32'))`, 'public.t', 'gist')).toEqual({
      keys: [`body gist_trgm_ops (siglen='32')`],
      include: [],
      predicate: null,
    });
  });

  test('a definition laid out otherwise is not guessed at', () => {
    expect(indexParts('CREATE INDEX ON public.t USING btree (a', 'public.t', 'btree')).toBeUndefined();
    expect(indexParts('CREATE INDEX ON public.t USING hash (a)', 'public.t', 'btree')).toBeUndefined();
    expect(indexParts('CREATE INDEX ON public.t USING btree (a) TABLESPACE x', 'public.t', 'btree')).toBeUndefined();
  });
});
