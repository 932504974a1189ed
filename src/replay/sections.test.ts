import { describe, expect, test } from 'vitest';
import { splitSections } from './sections.js';

describe('splitSections', () => {
  test('dbmate: each half keeps its lines where they are in the file', () => {
    const file = '-- migrate:up\ncreate table a (id int);\n\n-- migrate:down\ndrop table a;\n';
    expect(splitSections(file)).toEqual({ tool: 'dbmate', up: '\ncreate table a (id int);\n\n\n\n', down: '\n\n\n\ndrop table a;\n' });
  });

  test('goose: markers in any case, StatementBegin / End left to the server as comments', () => {
    const file =
      '-- +goose Up\n-- +goose StatementBegin\ncreate function f() returns int language sql as $$ select 1; $$;\n-- +goose StatementEnd\n-- +goose down\ndrop function f();\n';
    const sections = splitSections(file)!;
    expect(sections.tool).toBe('goose');
    expect(sections.up.split('\n')).toEqual([
      '',
      '-- +goose StatementBegin',
      'create function f() returns int language sql as $$ select 1; $$;',
      '-- +goose StatementEnd',
      '',
      '',
      '',
    ]);
    expect(sections.down?.split('\n')[5]).toBe('drop function f();');
  });

  test('an up-only file has no down; a plain file has no sections', () => {
    expect(splitSections('-- migrate:up\ncreate table a (id int);\n')?.down).toBeUndefined();
    expect(splitSections('create table a (id int); -- migrate:down is only text here\n')).toBeUndefined();
  });
});
