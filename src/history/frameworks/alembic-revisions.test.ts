import { describe, expect, test } from 'vitest';
import { parseAlembicRevision, revisionGraph, type AlembicRevision } from './alembic-revisions.js';

describe('parseAlembicRevision', () => {
  test('reads the typed assignments of current Alembic templates', () => {
    const source = "revision: str = 'ae1027a6acf'\ndown_revision: Union[str, None] = '1975ea83b712'\nbranch_labels = None\n";
    expect(parseAlembicRevision(source)).toEqual({ revision: 'ae1027a6acf', downRevisions: ['1975ea83b712'] });
  });

  test('reads the untyped assignments of older templates, a base and a merge', () => {
    expect(parseAlembicRevision('revision = "1975ea83b712"\ndown_revision = None\n')).toEqual({ revision: '1975ea83b712', downRevisions: [] });
    expect(parseAlembicRevision("revision = 'c3'\ndown_revision = ('a1',\n    'b2')\n")).toEqual({ revision: 'c3', downRevisions: ['a1', 'b2'] });
  });

  test('a file without a revision is not a revision (env.py)', () => {
    expect(parseAlembicRevision('from alembic import context\nconfig = context.config\n')).toBeUndefined();
  });

  test('the Revises: line of the docstring is not the assignment', () => {
    expect(parseAlembicRevision('"""x\n\nRevision ID: zz\nRevises: yy\n"""\nrevision = \'aa\'\ndown_revision = \'bb\'\n')).toEqual({
      revision: 'aa',
      downRevisions: ['bb'],
    });
  });
});

describe('revisionGraph', () => {
  const graph = (entries: [string, string[]][]) =>
    revisionGraph(new Map(entries.map(([id, down]): [string, AlembicRevision] => [id, { revision: id, downRevisions: down }])));

  test('heads, ancestors and a parents-first order', () => {
    const g = graph([
      ['c', ['b']],
      ['a', []],
      ['b', ['a']],
    ]);
    expect(g.heads).toEqual(['c']);
    expect([...g.ancestorsOf('b')].sort()).toEqual(['a', 'b']);
    expect(g.order).toEqual(['a', 'b', 'c']);
  });

  test('a branch has two heads until merged', () => {
    expect(
      graph([
        ['a', []],
        ['b', ['a']],
        ['c', ['a']],
      ]).heads,
    ).toEqual(['b', 'c']);
    expect(
      graph([
        ['a', []],
        ['b', ['a']],
        ['c', ['a']],
        ['m', ['b', 'c']],
      ]).heads,
    ).toEqual(['m']);
  });
});
