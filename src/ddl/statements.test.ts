import { describe, expect, test } from 'vitest';
import { SqlParseError, managesTransactions, needsNoTransaction, splitStatements } from './statements.js';
import { byteOffsetsToIndices, codePointsToIndex } from './text-offsets.js';

describe('splitStatements', () => {
  test('gives string offsets of each statement, without comments or the semicolon', async () => {
    const sql = '-- é 😀 header\ncreate table a (x int);\n/* ü */ select 1;;\n  select 2 -- tail\n\n';
    const statements = await splitStatements(sql);
    expect(statements.map((s) => s.text)).toEqual(['create table a (x int)', 'select 1', 'select 2 -- tail']);
    for (const s of statements) expect(sql.slice(s.start, s.end)).toBe(s.text);
  });

  test('keeps dollar-quoted bodies and quoted semicolons whole', async () => {
    const body = "create function f() returns text language plpgsql as $fn$\nbegin\n  return 'a;b';\nend\n$fn$";
    const sql = `${body};\ncomment on function f() is 'x; y 😀';`;
    const statements = await splitStatements(sql);
    expect(statements.map((s) => s.text)).toEqual([body, "comment on function f() is 'x; y 😀'"]);
  });

  test('counts offsets after astral characters in UTF-16 units', async () => {
    const sql = "select '😀😀';select 'é';select 3";
    const statements = await splitStatements(sql);
    expect(statements.map((s) => [s.start, s.end])).toEqual([
      [0, 13],
      [14, 24],
      [25, 33],
    ]);
  });

  test('an empty or comment-only script has no statements', async () => {
    expect(await splitStatements('')).toEqual([]);
    expect(await splitStatements('-- nothing\n/* here */\n')).toEqual([]);
  });

  test('a syntax error carries the parser message and a string index', async () => {
    const sql = 'select 1;\n/* é😀 */ create TABL x ();';
    const error = await splitStatements(sql).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SqlParseError);
    expect((error as SqlParseError).message).toBe('syntax error at or near "TABL"');
    expect((error as SqlParseError).position).toBe(sql.indexOf('TABL'));
  });
});

describe('transaction analysis', () => {
  test.each([
    'create index concurrently i on t (a)',
    'create unique index concurrently if not exists i on t (a)',
    'drop index concurrently i',
    'reindex index concurrently i',
    'reindex (verbose) table concurrently t',
    'reindex database app',
    'vacuum t',
    'vacuum (analyze) t',
    'create database d',
    'drop database d',
    'alter system set work_mem = 1024',
    "create tablespace ts location '/x'",
    'drop tablespace ts',
    'alter database d set tablespace ts',
    'alter table t detach partition p concurrently',
    'discard all',
    "commit prepared 'x'",
    'cluster',
  ])('%s cannot run in a transaction block', async (statement) => {
    expect(await needsNoTransaction(statement)).toBe(true);
  });

  test.each([
    'create index i on t (a)',
    'drop index i',
    'reindex index i',
    'analyze t',
    'refresh materialized view concurrently v',
    'alter table t detach partition p',
    "alter type mood add value 'meh'",
    'alter database d set work_mem = 1024',
    'cluster t using i',
    "do $$ begin execute 'vacuum'; end $$",
  ])('%s can', async (statement) => {
    expect(await needsNoTransaction(statement)).toBe(false);
  });

  test('finds top-level transaction control, not the BEGIN of a function body', async () => {
    const managed = await splitStatements('begin;\ncreate table a (x int);\nsavepoint s;\nend;');
    expect(managed.map((s) => s.transactionControl)).toEqual(['begin', undefined, undefined, 'commit']);
    expect(managesTransactions(managed)).toBe(true);
    for (const [sql, kind] of [
      ['start transaction isolation level serializable', 'begin'],
      ['abort', 'rollback'],
      ['rollback', 'rollback'],
      ["prepare transaction 'x'", 'prepare'],
    ] as const) {
      expect((await splitStatements(sql))[0]!.transactionControl).toBe(kind);
    }
    const plain = await splitStatements(
      'create function f() returns int language plpgsql as $$ begin commit; return 1; end $$;\nsavepoint s;\nrollback to savepoint s',
    );
    expect(managesTransactions(plain)).toBe(false);
  });
});

describe('text offsets', () => {
  test('UTF-8 byte offsets map to string indices', () => {
    // 'a' 1 byte, 'é' 2, '😀' 4 (two UTF-16 units), '€' 3.
    expect(byteOffsetsToIndices('aé😀€b', [0, 1, 3, 7, 10, 11])).toEqual([0, 1, 2, 4, 5, 6]);
  });

  test('code point counts map to string indices', () => {
    expect(codePointsToIndex('😀é😀x', 3)).toBe(5);
    expect(codePointsToIndex('ab😀x', 1, 2)).toBe(4);
    expect(codePointsToIndex('ab', 10)).toBe(2);
  });
});
