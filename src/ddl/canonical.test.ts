import { beforeAll, describe, expect, test } from 'vitest';
import { canonicalDefault, canonicalFunctionBody, canonicalSql, loadCanonicalizer, type SqlForm } from './canonical.js';

beforeAll(() => loadCanonicalizer());

function same(form: SqlForm, a: string, b: string): void {
  const x = canonicalSql(form, a);
  expect(x).toBeDefined();
  expect(canonicalSql(form, b)).toBe(x);
}

function differ(form: SqlForm, a: string, b: string): void {
  expect(canonicalSql(form, a)).not.toBe(canonicalSql(form, b));
}

describe('canonicalSql: the same meaning, written differently', () => {
  test('parentheses, whitespace and case', () => {
    same('expression', '((a > 0) AND (b IS NULL))', 'a>0 and   b is null');
    same('expression', '(deleted_at IS NULL)', 'DELETED_AT is NULL');
  });

  test('`::text` on a string literal, and pg_catalog-qualified built-ins', () => {
    same('expression', "(name <> 'x'::text)", "name <> 'x'");
    same('expression', 'pg_catalog.now()', 'now()');
    same('expression', '(x)::pg_catalog.int4', 'x::integer');
    same('constraint', "CHECK ((VALUE ~ '^[A-Z]{3}$'::text))", "CHECK (value ~ '^[A-Z]{3}$')");
  });

  test('a constraint without the flags reported on their own', () => {
    same('constraint', 'CHECK ((amount > (0)::numeric)) NOT VALID', 'CHECK ((amount > (0)::numeric))');
    same('constraint', 'FOREIGN KEY (a) REFERENCES t(id) DEFERRABLE INITIALLY DEFERRED', 'FOREIGN KEY (a) REFERENCES t(id)');
  });

  test('view columns qualified by PostgreSQL 14 and 15, not by 16 and later', () => {
    same(
      'query',
      'SELECT customers.id,\n    customers.email\n   FROM public.customers\n  WHERE customers.deleted_at IS NULL;',
      'SELECT id,\n    email\n   FROM public.customers\n  WHERE deleted_at IS NULL;',
    );
    same(
      'query',
      'SELECT e.kind, count(*) AS n FROM ( SELECT events.kind FROM public.events WHERE events.occurred_at > now()) e GROUP BY e.kind;',
      'SELECT kind, count(*) AS n FROM ( SELECT events.kind FROM public.events WHERE events.occurred_at > now()) e GROUP BY kind;',
    );
    // A subquery's own references keep their qualifier: every version prints it.
    same(
      'query',
      'SELECT payments.id FROM billing.payments WHERE (EXISTS ( SELECT 1 FROM billing.invoices i WHERE i.id = payments.invoice_id)) ORDER BY payments.amount DESC;',
      'SELECT id FROM billing.payments WHERE (EXISTS ( SELECT 1 FROM billing.invoices i WHERE i.id = payments.invoice_id)) ORDER BY amount DESC;',
    );
  });

  test('trigger and index definitions without their names', () => {
    same(
      'trigger',
      'CREATE TRIGGER BEFORE UPDATE ON public.t FOR EACH ROW WHEN ((old.a IS DISTINCT FROM new.a)) EXECUTE FUNCTION public.f()',
      'CREATE TRIGGER BEFORE UPDATE ON public.t FOR EACH ROW WHEN (OLD.a IS DISTINCT FROM NEW.a) EXECUTE PROCEDURE public.f()',
    );
    same(
      'index',
      'CREATE INDEX ON public.t USING btree (lower(email)) WHERE (deleted_at IS NULL)',
      'CREATE INDEX ON public.t (lower(email)) WHERE deleted_at IS NULL',
    );
    same('index_key', 'lower((email)::text) DESC', 'lower(email::text) desc');
  });

  test('an array cast to t[] is its elements cast to t, as a dump and restore prints it', () => {
    same(
      'constraint',
      "CHECK (((kind)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[])))",
      "CHECK (((kind)::text = ANY (ARRAY[('a'::character varying)::text, ('b'::character varying)::text])))",
    );
    same('expression', "x = ANY ((ARRAY['a', 'b'])::text[])", "x = ANY (ARRAY['a'::text, 'b'::text])");
    same('expression', 'x = ANY ((ARRAY[(1)::bigint, 2])::bigint[])', 'x = ANY (ARRAY[(1)::bigint, (2)::bigint])');
    // Another element type, an empty array or a nested one is not the same array.
    differ('expression', "x = ANY ((ARRAY['a'])::text[])", "x = ANY (ARRAY[('a')::character varying])");
    differ('expression', 'x = ANY ((ARRAY[1, 2])::bigint[])', 'x = ANY (ARRAY[(1)::bigint, 2])');
    differ('expression', '(ARRAY[])::text[]', 'ARRAY[]');
  });

  test('names in later branches of a UNION name nothing; in the first, or under ORDER BY, they do', () => {
    same('query', 'SELECT a, b FROM t UNION ALL SELECT c, NULL::integer FROM u;', 'SELECT a, b FROM t UNION ALL SELECT c AS c2, NULL::integer AS int4 FROM u;');
    same(
      'query',
      'SELECT q.a FROM (SELECT a FROM t UNION SELECT 1 FROM u EXCEPT SELECT 2 FROM v) q;',
      'SELECT q.a FROM (SELECT a FROM t UNION SELECT 1 AS one FROM u EXCEPT SELECT 2 AS two FROM v) q;',
    );
    differ('query', 'SELECT a FROM t UNION SELECT b FROM u;', 'SELECT a AS x FROM t UNION SELECT b FROM u;');
    differ(
      'query',
      'SELECT a FROM t UNION (SELECT b AS a, a AS b FROM u ORDER BY a LIMIT 1);',
      'SELECT a FROM t UNION (SELECT b, a FROM u ORDER BY a LIMIT 1);',
    );
  });

  test('partition keys and bounds', () => {
    same('partition_key', 'RANGE (occurred_at)', 'range (occurred_at)');
    same('partition_bound', "FOR VALUES IN ('a', 'b')", "for values in ('a','b')");
  });
});

describe('canonicalSql: a different meaning stays different', () => {
  test.each([
    ['expression', 'a > 0', 'a >= 0'],
    ['expression', "'x'::character varying", "'x'"],
    ['expression', "'1'::integer", "'1'"],
    ['constraint', 'CHECK ((a > 0))', 'CHECK ((b > 0))'],
    ['constraint', 'UNIQUE (a)', 'UNIQUE NULLS NOT DISTINCT (a)'],
    ['index', 'CREATE INDEX ON public.t USING btree (a)', 'CREATE INDEX ON public.t USING hash (a)'],
    ['query', 'SELECT c.id FROM a c JOIN b d ON c.id = d.id;', 'SELECT d.id FROM a c JOIN b d ON c.id = d.id;'],
    ['trigger', 'CREATE TRIGGER AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION f()', 'CREATE TRIGGER AFTER UPDATE ON t FOR EACH ROW EXECUTE FUNCTION f()'],
  ] as const)('%s: %s ≠ %s', (form, a, b) => differ(form, a, b));

  test('quoted names that need no quotes: the same in every expression form', () => {
    same('expression', 'app.f(x)', '"app".f("x")');
    same('constraint', "CHECK ((state <> 'x'::text))", 'CHECK (("state" <> \'x\'))');
    same('query', 'SELECT id FROM app.jobs', 'SELECT "id" FROM "app"."jobs"');
    differ('expression', 'app.f(x)', '"App".f(x)');
  });

  test('synonyms: the SQL keyword and the function it calls, never another instant', () => {
    same('expression', 'CURRENT_TIMESTAMP', 'now()');
    same('expression', 'transaction_timestamp()', 'now()');
    same('expression', 'CURRENT_DATE', "('now'::text)::date");
    same('expression', 'CURRENT_USER', '"current_user"()');
    differ('expression', 'now()', 'statement_timestamp()');
    differ('expression', 'now()', 'clock_timestamp()');
    differ('expression', 'now()', 'LOCALTIMESTAMP');
    differ('expression', 'CURRENT_TIMESTAMP', 'CURRENT_TIMESTAMP(3)');
  });

  test('a text that does not parse has no canonical form', () => {
    expect(canonicalSql('expression', 'a >')).toBeUndefined();
  });

  test('the canonical form is readable SQL', () => {
    expect(canonicalSql('expression', "((name)::text <> 'x'::text)")).toBe("name::text <> 'x'");
    expect(canonicalSql('constraint', 'CHECK ((amount > (0)::numeric)) NOT VALID')).toBe('CHECK (amount > 0::numeric)');
  });
});

describe('canonicalFunctionBody', () => {
  test('PL/pgSQL: comments, whitespace and keyword case do not count; literals and names do', () => {
    const body = 'BEGIN\n  NEW.updated_at := now();  -- keep in step\n  RETURN NEW;\nEND;';
    expect(canonicalFunctionBody('plpgsql', body)).toBe(canonicalFunctionBody('plpgsql', 'begin new.updated_at := now(); /* x */ return new; end;'));
    expect(canonicalFunctionBody('plpgsql', body)).not.toBe(canonicalFunctionBody('plpgsql', body.replace('now()', 'clock_timestamp()')));
    expect(canonicalFunctionBody('plpgsql', "BEGIN RAISE 'A'; END")).not.toBe(canonicalFunctionBody('plpgsql', "BEGIN RAISE 'a'; END"));
  });

  test('SQL: string bodies and SQL-standard bodies compare as statements', () => {
    expect(canonicalFunctionBody('sql', ' SELECT lower(trim(email)) ')).toBe(canonicalFunctionBody('sql', 'select lower(trim(email));'));
    expect(canonicalFunctionBody('sql', 'RETURN round((amount * ((1)::numeric + rate)), 2)')).toBe(
      canonicalFunctionBody('sql', 'RETURN round(amount * (1::numeric + rate), 2)'),
    );
    const atomic = 'BEGIN ATOMIC\n SELECT count(*) AS count\n    FROM billing.invoices\n   WHERE (invoices.customer_id = invoice_count.customer);\nEND';
    expect(canonicalFunctionBody('sql', atomic)).toBe(canonicalFunctionBody('sql', atomic.replace(/\n\s*/g, ' ')));
  });

  test('a quoted name that needs no quotes is the name; one that does stays quoted', () => {
    const plain = canonicalFunctionBody('plpgsql', "begin\n  -- count what is left\n  return (select count(*) from app.jobs where state = 'new');\nend\n");
    expect(canonicalFunctionBody('plpgsql', 'begin\n\n  RETURN (SELECT count(*) FROM "app".jobs WHERE state = \'new\');\nend\n')).toBe(plain);
    expect(canonicalFunctionBody('plpgsql', 'select "name", "app_2$"')).toBe('select name , app_2$');
    // Upper case, reserved words (SQL's and PL/pgSQL's), and other characters keep their quotes.
    expect(canonicalFunctionBody('plpgsql', 'select "App", "user", "select", "loop", "a b", "1a"')).toBe(
      'select "App" , "user" , "select" , "loop" , "a b" , "1a"',
    );
    // And never the reverse: an unquoted name does not become a quoted one.
    expect(canonicalFunctionBody('plpgsql', 'select "App" from t')).not.toBe(canonicalFunctionBody('plpgsql', 'select app from t'));
  });

  test('other languages: line ends and trailing spaces only', () => {
    expect(canonicalFunctionBody('plpython3u', 'return 1  \r\n')).toBe('return 1');
    expect(canonicalFunctionBody('plpython3u', 'return  1')).not.toBe(canonicalFunctionBody('plpython3u', 'return 1'));
  });
});

describe('canonicalDefault', () => {
  test('a constant compares by its value coerced to the column type, within the type family', () => {
    expect(canonicalDefault("'DRAFT'::text", 'character varying(20)')).toBe(canonicalDefault("'DRAFT'::character varying", 'character varying(20)'));
    expect(canonicalDefault("'5'::integer", 'bigint')).toBe(canonicalDefault('5', 'bigint'));
  });

  test('a cast that may change the value, or a constant of another family, stays as written', () => {
    expect(canonicalDefault("'DRAFT'::character varying(3)", 'character varying(20)')).not.toBe(canonicalDefault("'DRAFT'", 'character varying(20)'));
    expect(canonicalDefault('(5)::text', 'text')).not.toBe(canonicalDefault("'5'::text", 'text'));
    expect(canonicalDefault("'DRAFT'::text", 'jsonb')).toBe(canonicalSql('expression', "'DRAFT'::text"));
  });
});
