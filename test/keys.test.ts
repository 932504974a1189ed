/**
 * Keys are unambiguous (issue 12, defect 1): every name part is quoted exactly as the server's
 * quote_ident quotes it, so `a."b.c"` and `"a.b".c` are two objects, not one `a.b.c`.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { introspectCatalog } from '../src/catalog/index.js';
import { compareSnapshots } from '../src/compare/index.js';
import { connect } from '../src/db/connect.js';
import type { ConnectionTarget } from '../src/db/target.js';
import { objectKey, quoteIdent, requoteRoutine, unquotePlainNames } from '../src/model/keys.js';
import type { Snapshot } from '../src/model/snapshot.js';
import { canonicalizeExpressions, normalizeSnapshot } from '../src/normalize/index.js';
import { runCli } from './support/cli.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

const UNLIMITED = { statementTimeoutMs: 0, lockTimeoutMs: 0, connectTimeoutMs: 10_000 };

let expectedDb: TestDatabase;
let actualDb: TestDatabase;

beforeAll(async () => {
  [expectedDb, actualDb] = await Promise.all([createTestDatabase(), createTestDatabase()]);
}, 120_000);

afterAll(async () => {
  await expectedDb?.drop();
  await actualDb?.drop();
});

async function query<T>(target: ConnectionTarget, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = await connect(target, { readOnly: false, limits: UNLIMITED });
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

async function introspect(target: ConnectionTarget): Promise<Snapshot> {
  const client = await connect(target, { readOnly: true });
  try {
    return (await introspectCatalog(client, { source: target.database })).snapshot;
  } finally {
    await client.end();
  }
}

describe('quoteIdent is the server quote_ident', () => {
  test('for every keyword the server knows, in every category', async () => {
    const rows = await query<{ word: string; catcode: string; quoted: string }>(
      expectedDb.target,
      'select word, catcode, quote_ident(word) as quoted from pg_get_keywords()',
    );
    expect(rows.length).toBeGreaterThan(400);
    const mismatches = rows
      .filter((r) => quoteIdent(r.word) !== r.quoted)
      .map((r) => `${r.word} (${r.catcode}): server ${r.quoted}, pgparity ${quoteIdent(r.word)}`);
    expect(mismatches).toEqual([]);
    // Every category is exercised: unreserved stay plain, the others are quoted.
    expect(quoteIdent('name')).toBe('name');
    expect(quoteIdent('select')).toBe('"select"');
    expect(quoteIdent('between')).toBe('"between"');
    expect(quoteIdent('left')).toBe('"left"');
  });

  test('for names with dots, quotes, spaces, case, digits, dollars, unicode and emptiness', async () => {
    const names = ['a', 'a.b', 'b.c', 'A', 'a"b', '"', 'x y', '1a', '_a1', 'a$', 'é', 'naïve', '😀', 'ab', 'user', 'User', ''];
    const rows = await query<{ quoted: string[] }>(
      expectedDb.target,
      'select array_agg(quote_ident(n) order by o) as quoted from unnest($1::text[]) with ordinality u(n, o)',
      [names],
    );
    expect(names.map(quoteIdent)).toEqual(rows[0]!.quoted);
  });
});

describe('requoteRoutine: a routine the server named, quoted as keys are', () => {
  test('a name that is a keyword on one major only reads the same from both', () => {
    // PostgreSQL 15 prints the function json bare, 16 and later quoted (JSON became a keyword).
    expect(requoteRoutine('test.json(public.color)')).toBe(requoteRoutine('test."json"(public.color)'));
    expect(requoteRoutine('app."json"')).toBe(`app.${quoteIdent('json')}`);
  });

  test('names that need quotes keep them; the arguments are kept as printed', () => {
    expect(requoteRoutine('"My Schema"."Do.It"(integer, "char")')).toBe('"My Schema"."Do.It"(integer, "char")');
    expect(requoteRoutine(`public.log_change('a.b', '"x"')`)).toBe(`public.log_change('a.b', '"x"')`);
    expect(requoteRoutine('"a""b".f')).toBe('"a""b".f');
    expect(requoteRoutine('app.f')).not.toBe(requoteRoutine('app."F"'));
  });
});

describe('unquotePlainNames: names the server quoted by its own keyword list', () => {
  test('a plain lower-case name reads the same quoted or not; others keep their quotes', () => {
    expect(unquotePlainNames('ON "json_table", k FROM public.t')).toBe('ON json_table, k FROM public.t');
    expect(unquotePlainNames('public."json_docs" (id, "json")')).toBe('public.json_docs (id, json)');
    expect(unquotePlainNames('"App"."a b" ("Id", "x""y")')).toBe('"App"."a b" ("Id", "x""y")');
  });

  test('string literals are left as they are', () => {
    expect(unquotePlainNames(`public.t (id) WHERE (note <> '"x"')`)).toBe(`public.t (id) WHERE (note <> '"x"')`);
    expect(unquotePlainNames(`'it''s "a"' "b"`)).toBe(`'it''s "a"' b`);
  });
});

describe('the issue 12 example: a."b.c" and "a.b".c', () => {
  test('diff finds the missing table and names it unambiguously', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pgparity-keys-'));
    try {
      await writeFile(join(dir, 'e.sql'), 'create schema a;\ncreate schema "a.b";\ncreate table a."b.c" (id int);\ncreate table "a.b".c (id int);\n');
      await writeFile(join(dir, 'a.sql'), 'create schema a;\ncreate schema "a.b";\ncreate table a."b.c" (id int);\n');
      const result = await runCli(['diff', '--from', 'e.sql', '--to', 'a.sql', '--format', 'json'], { cwd: dir });
      // Two files, no live database: nothing to say about a history table either.
      expect(result.stderr).toBe('');
      expect(result.code).toBe(1);
      const report = JSON.parse(result.stdout) as { findings: { change: string; kind: string; key: string; object: unknown }[] };
      expect(report.findings.map((f) => [f.change, f.kind, f.key, f.object])).toEqual([['missing', 'table', '"a.b".c', { schema: 'a.b', name: 'c' }]]);
      const text = await runCli(['diff', '--from', 'e.sql', '--to', 'a.sql'], { cwd: dir });
      expect(text.code).toBe(1);
      expect(text.stdout).toContain('\n"a.b".c\n  - error   table "a.b".c is missing in live');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

/** Name fragments that collide when joined with dots, need quoting, or are keywords. */
const FRAGMENTS = ['a', 'b', 'c', 'a.b', 'b.c', '.', '"', 'A', ' ', 'select', 'user', 'name', 'é', '😀', 'x$', '1'];
const identifier = fc
  .array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 3 })
  .map((parts) => parts.join(''))
  .filter((name) => Buffer.byteLength(name) <= 63);

interface Shape {
  readonly tables: readonly { readonly schema: string; readonly name: string; readonly columns: readonly string[] }[];
}

/**
 * Schema `x` with table `"y.z"` beside schema `"x.y"` with table `z` (one `x.y.z` when names are
 * joined unquoted), more tables in `x`, and columns named like the tables.
 */
const shape: fc.Arbitrary<Shape> = fc
  .tuple(identifier, identifier, identifier, fc.uniqueArray(identifier, { maxLength: 2 }), fc.uniqueArray(identifier, { minLength: 1, maxLength: 3 }))
  .filter(([x, y, z]) => Buffer.byteLength(`${x}.${y}`) <= 63 && Buffer.byteLength(`${y}.${z}`) <= 63)
  .map(([x, y, z, more, columns]) => {
    const inX = [`${y}.${z}`, ...more.filter((name) => name !== `${y}.${z}`)];
    const tables = [...inX.map((name) => ({ schema: x, name })), { schema: `${x}.${y}`, name: z }];
    return { tables: tables.map((t, i) => ({ ...t, columns: columns.slice(0, 1 + (i % columns.length)) })) };
  });

function ddl(s: Shape, leaveOut?: { table: number; column?: number }): string {
  const schemas = [...new Set(s.tables.map((t) => t.schema))];
  return [
    ...schemas.map((schema) => `create schema ${quoteIdent(schema)};`),
    ...s.tables.flatMap((t, i) => {
      if (leaveOut?.table === i && leaveOut.column === undefined) return [];
      const columns = t.columns.filter((_, c) => !(leaveOut?.table === i && leaveOut.column === c));
      return [`create table ${quoteIdent(t.schema)}.${quoteIdent(t.name)} (${columns.map((c) => `${quoteIdent(c)} int`).join(', ')});`];
    }),
  ].join('\n');
}

async function reset(db: TestDatabase, sql: string): Promise<void> {
  const schemas = await query<{ nspname: string }>(
    db.target,
    `select nspname from pg_namespace where nspname !~ '^pg_' and nspname not in ('information_schema', 'public')`,
  );
  await db.exec(`${schemas.map((s) => `drop schema ${quoteIdent(s.nspname)} cascade;`).join('\n')}\n${sql}`);
}

describe('property: two schemas that differ by one object', () => {
  test('exactly that difference is found, under its own key', async () => {
    await fc.assert(
      fc.asyncProperty(
        shape.chain((s) => fc.tuple(fc.constant(s), fc.nat({ max: s.tables.length - 1 }), fc.option(fc.nat({ max: 2 }), { nil: undefined }))),
        async ([s, table, column]) => {
          const t = s.tables[table]!;
          const dropColumn = column !== undefined && column < t.columns.length && t.columns.length > 1 ? column : undefined;
          await reset(expectedDb, ddl(s));
          await reset(actualDb, ddl(s, { table, ...(dropColumn !== undefined && { column: dropColumn }) }));
          const canonical = await canonicalizeExpressions(
            normalizeSnapshot(await introspect(expectedDb.target)),
            normalizeSnapshot(await introspect(actualDb.target)),
          );
          const findings = compareSnapshots(canonical.expected, canonical.actual).filter((f) => f.change !== 'hazard');
          const key = dropColumn === undefined ? objectKey(t.schema, t.name) : objectKey(t.schema, t.name, t.columns[dropColumn]!);
          expect(findings.map((f) => [f.change, f.kind, f.key])).toEqual([['missing', dropColumn === undefined ? 'table' : 'column', key]]);
        },
      ),
      { numRuns: 25, seed: 12 },
    );
  }, 300_000);
});

test('an index behind a constraint with a quoted name is spoken for by the constraint', async () => {
  await reset(expectedDb, 'create schema "S"; create table "S"."Users" (id int primary key, "E" int constraint "U e" unique);');
  await reset(actualDb, 'create schema "S"; create table "S"."Users" (id int primary key, "E" int);');
  const canonical = await canonicalizeExpressions(normalizeSnapshot(await introspect(expectedDb.target)), normalizeSnapshot(await introspect(actualDb.target)));
  const findings = compareSnapshots(canonical.expected, canonical.actual).filter((f) => f.change !== 'hazard');
  expect(findings.map((f) => [f.change, f.kind, f.key])).toEqual([['missing', 'constraint', '"S"."Users"."U e"']]);
});
