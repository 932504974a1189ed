import { describe, expect, test } from 'vitest';
import { chooseName, makeObjectName, nameAddition } from './implicit-names.js';
import { indexMigrations, indexRuntimeSql, parseDdl } from './migration-index.js';
import { createdWithIdentity, creatorOf, dropperOf, shaperOf, type SchemaIndex } from './schema-index.js';

const where = (index: SchemaIndex, kind: Parameters<typeof creatorOf>[1], key: string): string | undefined => {
  const t = creatorOf(index, kind, key);
  return t && `${t.location.file}:${t.location.line}`;
};

describe('implicit names', () => {
  test('are built and truncated to 63 bytes as PostgreSQL does, the longer part first', () => {
    expect(makeObjectName('users', 'email', 'key')).toBe('users_email_key');
    expect(makeObjectName('users', undefined, 'pkey')).toBe('users_pkey');
    const long = 'a'.repeat(40);
    const name = makeObjectName(long, 'b'.repeat(30), 'fkey');
    expect(Buffer.byteLength(name)).toBe(63);
    expect(name).toBe(`${'a'.repeat(29)}_${'b'.repeat(28)}_fkey`);
    // Never splits a multibyte character.
    expect(makeObjectName('é'.repeat(40), undefined, 'pkey')).toBe(`${'é'.repeat(29)}_pkey`);
  });

  test('number the label when the name is taken', () => {
    const taken = new Set(['t_a_key', 't_a_key1']);
    expect(chooseName('t', 'a', 'key', (n) => taken.has(n))).toBe('t_a_key2');
    expect(nameAddition(['a', 'b', 'c'])).toBe('a_b_c');
  });
});

describe('indexMigrations', () => {
  test('records what pg_dump writes beyond tables: rules, statistics, text search, foreign data, publications, event triggers, table settings', async () => {
    const index = await indexMigrations([
      {
        file: 'm/001.sql',
        sql: [
          'CREATE TABLE t (id int PRIMARY KEY, note text);',
          'CREATE RULE t_keep AS ON DELETE TO t DO INSTEAD NOTHING;',
          'CREATE STATISTICS t_stats ON id, note FROM t;',
          'CREATE TEXT SEARCH DICTIONARY simple_en (TEMPLATE = simple);',
          'CREATE TEXT SEARCH CONFIGURATION notes (COPY = english);',
          'CREATE ACCESS METHOD heap2 TYPE TABLE HANDLER heap_tableam_handler;',
          'CREATE FOREIGN DATA WRAPPER files;',
          'CREATE SERVER archive FOREIGN DATA WRAPPER files;',
          'CREATE PUBLICATION changes FOR TABLE t;',
          'CREATE EVENT TRIGGER log_ddl ON ddl_command_end EXECUTE FUNCTION log_ddl();',
          'CREATE TEXT SEARCH PARSER p (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end, LEXTYPES = prsd_lextype);',
          "CREATE CONVERSION c FOR 'UTF8' TO 'LATIN1' FROM utf8_to_iso8859_1;",
        ].join('\n'),
      },
      {
        file: 'm/002.sql',
        sql: [
          'ALTER TABLE t REPLICA IDENTITY FULL, SET (fillfactor = 70);',
          'ALTER TABLE t ALTER note SET STORAGE EXTERNAL;',
          'ALTER TABLE t DISABLE RULE t_keep;',
          'ALTER STATISTICS t_stats SET STATISTICS 200;',
          'ALTER TEXT SEARCH CONFIGURATION notes ALTER MAPPING FOR asciiword WITH simple_en;',
          "ALTER SERVER archive VERSION '2';",
          "ALTER PUBLICATION changes SET (publish = 'insert');",
          'ALTER EVENT TRIGGER log_ddl DISABLE;',
        ].join('\n'),
      },
    ]);
    const created = (kind: Parameters<typeof creatorOf>[1], key: string): string | undefined => where(index, kind, key);
    expect([
      created('rule', 'public.t.t_keep'),
      created('statistics', 'public.t_stats'),
      created('text_search_dictionary', 'public.simple_en'),
      created('text_search_configuration', 'public.notes'),
      created('access_method', 'heap2'),
      created('foreign_data_wrapper', 'files'),
      created('foreign_server', 'archive'),
      created('publication', 'changes'),
      created('event_trigger', 'log_ddl'),
      created('text_search_parser', 'public.p'),
      created('conversion', 'public.c'),
    ]).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((line) => `m/001.sql:${line}`));
    const shaped = (kind: Parameters<typeof creatorOf>[1], key: string, attribute: string): number | undefined =>
      shaperOf(index, kind, key, attribute)?.location.line;
    expect([
      shaped('table', 'public.t', 'replicaIdentity'),
      shaped('table', 'public.t', 'storageParameters'),
      shaped('column', 'public.t.note', 'storage'),
      shaped('rule', 'public.t.t_keep', 'enabled'),
      shaped('statistics', 'public.t_stats', 'statisticsTarget'),
      shaped('text_search_configuration', 'public.notes', 'mappings'),
      shaped('foreign_server', 'archive', 'version'),
      shaped('publication', 'changes', 'operations'),
      shaped('event_trigger', 'log_ddl', 'enabled'),
    ]).toEqual([1, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  test('records the file:line of each object a migration creates, implicit names included', async () => {
    const index = await indexMigrations([
      {
        file: 'db/001_init.sql',
        sql: [
          '-- the first tables',
          'CREATE TABLE users (',
          '    id bigserial PRIMARY KEY,',
          '    email text NOT NULL UNIQUE,',
          '    age int CHECK (age > 0),',
          "    CHECK (email <> '' AND age < 200)",
          ');',
          'CREATE TABLE orders (',
          '    id int GENERATED ALWAYS AS IDENTITY,',
          '    user_id bigint REFERENCES users,',
          '    total numeric, UNIQUE (user_id, total)',
          ');',
          'CREATE INDEX ON orders (user_id);',
          'CREATE INDEX ON orders (lower(total::text));',
          'CREATE INDEX ON orders (user_id);',
        ].join('\n'),
      },
    ]);
    expect(where(index, 'table', 'public.users')).toBe('db/001_init.sql:2');
    expect(where(index, 'column', 'public.users.email')).toBe('db/001_init.sql:4');
    expect(where(index, 'constraint', 'public.users.users_pkey')).toBe('db/001_init.sql:3');
    expect(where(index, 'constraint', 'public.users.users_email_key')).toBe('db/001_init.sql:4');
    expect(where(index, 'constraint', 'public.users.users_age_check')).toBe('db/001_init.sql:5');
    expect(where(index, 'constraint', 'public.users.users_check')).toBe('db/001_init.sql:6');
    expect(where(index, 'sequence', 'public.users_id_seq')).toBe('db/001_init.sql:3');
    expect(where(index, 'sequence', 'public.orders_id_seq')).toBe('db/001_init.sql:9');
    expect(where(index, 'constraint', 'public.orders.orders_user_id_fkey')).toBe('db/001_init.sql:10');
    expect(where(index, 'constraint', 'public.orders.orders_user_id_total_key')).toBe('db/001_init.sql:11');
    expect(where(index, 'index', 'public.orders.orders_user_id_idx')).toBe('db/001_init.sql:13');
    expect(where(index, 'index', 'public.orders.orders_lower_idx')).toBe('db/001_init.sql:14');
    // The same unnamed index twice: PostgreSQL numbers the second.
    expect(where(index, 'index', 'public.orders.orders_user_id_idx1')).toBe('db/001_init.sql:15');
    expect(creatorOf(index, 'constraint', 'public.users.users_pkey')?.implicitName).toBe(true);
    expect(createdWithIdentity(index, 'foreign_key public.orders (user_id)').map((t) => t.key)).toEqual(['public.orders.orders_user_id_fkey']);
  });

  test('ALTER TABLE ADD COLUMN / ADD CONSTRAINT, and the last statement that shaped an attribute', async () => {
    const index = await indexMigrations([
      { file: 'm/001.sql', sql: 'create table t (a int);' },
      {
        file: 'm/002.sql',
        sql: "alter table t\n  add column b text not null default 'x',\n  add constraint t_b_len check (length(b) < 10);\nalter table t add foreign key (a) references t2 (id);",
      },
      { file: 'm/003.sql', sql: "\n\nalter table t alter column b set default 'y';\nalter table t drop column a;" },
    ]);
    expect(where(index, 'column', 'public.t.b')).toBe('m/002.sql:2');
    expect(where(index, 'constraint', 'public.t.t_b_len')).toBe('m/002.sql:3');
    expect(where(index, 'constraint', 'public.t.t_a_fkey')).toBe('m/002.sql:4');
    expect(shaperOf(index, 'column', 'public.t.b', 'default')?.location).toEqual({ file: 'm/003.sql', line: 3 });
    expect(shaperOf(index, 'column', 'public.t.b', 'type')?.location).toEqual({ file: 'm/002.sql', line: 2 });
    expect(creatorOf(index, 'column', 'public.t.a')).toBeUndefined();
    expect(dropperOf(index, 'column', 'public.t.a')?.location).toEqual({ file: 'm/003.sql', line: 4 });
  });

  test('resolves names through search_path, schema-qualified names and CREATE SCHEMA elements', async () => {
    const index = await indexMigrations([
      {
        file: '001.sql',
        sql: 'create schema app;\nset search_path to app, public;\ncreate table accounts (id int primary key);\ncreate index on accounts (id);',
      },
      // Each file starts from a fresh session, as the replay runs it.
      { file: '002.sql', sql: 'create table accounts (id int);\nalter table app.accounts add column name text;' },
      {
        file: '003.sql',
        sql: "select pg_catalog.set_config('search_path', '', false);\ncreate table billing.invoices (id int);\ncreate schema audit create table events (id int);",
      },
    ]);
    expect(where(index, 'table', 'app.accounts')).toBe('001.sql:3');
    expect(where(index, 'constraint', 'app.accounts.accounts_pkey')).toBe('001.sql:3');
    expect(where(index, 'index', 'app.accounts.accounts_id_idx')).toBe('001.sql:4');
    expect(where(index, 'table', 'public.accounts')).toBe('002.sql:1');
    expect(where(index, 'column', 'app.accounts.name')).toBe('002.sql:2');
    expect(where(index, 'table', 'billing.invoices')).toBe('003.sql:2');
    expect(where(index, 'table', 'audit.events')).toBe('003.sql:3');
  });

  test('follows renames and drops', async () => {
    const index = await indexMigrations([
      { file: '001.sql', sql: 'create table old (a int unique);\ncreate index old_a_idx2 on old (a);' },
      { file: '002.sql', sql: 'alter table old rename to new;\nalter index old_a_idx2 rename to new_a_idx;\nalter table new rename column a to b;' },
      { file: '003.sql', sql: 'drop table if exists gone;\ncreate table gone (x int);\ndrop table gone;' },
    ]);
    expect(where(index, 'table', 'public.new')).toBe('002.sql:1');
    expect(where(index, 'index', 'public.new.new_a_idx')).toBe('002.sql:2');
    expect(where(index, 'column', 'public.new.b')).toBe('002.sql:3');
    expect(shaperOf(index, 'column', 'public.new.b', 'type')?.location).toEqual({ file: '001.sql', line: 1 });
    expect(where(index, 'constraint', 'public.new.old_a_key')).toBe('001.sql:1');
    expect(where(index, 'table', 'public.gone')).toBeUndefined();
    expect(dropperOf(index, 'table', 'public.gone')?.location.line).toBe(3);
  });

  test('marks CREATE … IF NOT EXISTS statements with the object they check for', async () => {
    const index = await indexMigrations([
      {
        file: '001.sql',
        sql: 'create table if not exists t (a int, b int);\ncreate index if not exists t_b on t (b);\nalter table t add column if not exists c int;',
      },
    ]);
    expect(creatorOf(index, 'column', 'public.t.b')).toMatchObject({
      guard: { kind: 'table', key: 'public.t' },
      statement: 'CREATE TABLE IF NOT EXISTS public.t',
      statementLine: 1,
    });
    expect(creatorOf(index, 'index', 'public.t.t_b')?.guard).toEqual({ kind: 'index', key: 'public.t.t_b' });
    expect(creatorOf(index, 'column', 'public.t.c')?.guard).toEqual({ kind: 'column', key: 'public.t.c' });
  });

  test('reads DDL inside DO blocks, at its line', async () => {
    const sql = [
      'create table t (a int);',
      'DO $$',
      'BEGIN',
      "  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 't_a_positive') THEN",
      '    ALTER TABLE t ADD CONSTRAINT t_a_positive CHECK (a > 0);',
      '  END IF;',
      "  EXECUTE 'CREATE INDEX t_a_idx ON t (a)';",
      'END $$;',
    ].join('\n');
    const index = await indexMigrations([{ file: '001.sql', sql }]);
    expect(where(index, 'constraint', 'public.t.t_a_positive')).toBe('001.sql:5');
    expect(where(index, 'index', 'public.t.t_a_idx')).toBe('001.sql:7');
  });

  test('a file the parser rejects is skipped with the reason, the others are indexed', async () => {
    const index = await indexMigrations([
      { file: 'bad.sql', sql: 'create table (;\n' },
      { file: 'good.sql', sql: '\\restrict abc\ncreate table ok (a int);' },
    ]);
    expect(index.skipped).toEqual([
      { file: 'bad.sql', reason: expect.stringMatching(/^not valid SQL for the bundled PostgreSQL parser: syntax error .*\(line 1\)$/) },
    ]);
    expect(where(index, 'table', 'public.ok')).toBe('good.sql:2');
  });

  test('functions are found whatever their argument list', async () => {
    const index = await indexMigrations([{ file: 'f.sql', sql: 'create function touch(a int) returns int language sql as $$ select a $$;' }]);
    expect(where(index, 'function', 'public.touch(integer)')).toBe('f.sql:1');
  });
});

describe('runtime SQL', () => {
  test('parseDdl keeps schema changes only', async () => {
    expect(await parseDdl('select 1')).toBeUndefined();
    expect(await parseDdl('create table as you like it')).toBeUndefined();
    expect((await parseDdl('create table if not exists t (a int); insert into t values (1)'))?.length).toBe(1);
  });

  test('indexRuntimeSql maps statements back to source lines', async () => {
    const sql = '\n  CREATE TABLE IF NOT EXISTS receipts (\n    id int PRIMARY KEY\n  )';
    const statements = (await parseDdl(sql))!;
    const { index, statements: seen } = indexRuntimeSql([
      { file: 'app/db.ts', sql, statements, lineAt: (i) => 40 + sql.slice(0, i).split('\n').length - 1, context: 'ensureSchema' },
    ]);
    expect(seen).toEqual([{ file: 'app/db.ts', line: 41, summary: 'CREATE TABLE IF NOT EXISTS public.receipts', context: 'ensureSchema' }]);
    expect(creatorOf(index, 'constraint', 'public.receipts.receipts_pkey')).toMatchObject({
      location: { file: 'app/db.ts', line: 42 },
      context: 'ensureSchema',
    });
  });
});
