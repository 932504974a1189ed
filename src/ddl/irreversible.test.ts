import { describe, expect, test } from 'vitest';
import { acceptedDataLoss, findDataLoss } from './irreversible.js';

describe('findDataLoss', () => {
  test('each statement that destroys data, with its line and a reason', async () => {
    const sql = [
      'create table keep (id int);',
      '-- the importer is gone',
      'alter table app.users drop column legacy_id, add column x int;',
      'drop table sessions, tokens;',
      'truncate audit_log;',
      'delete from events;',
      'delete from events where id < 10;',
      "update users set name = 'x';",
      'update users set name = n.name from names n where n.id = users.id;',
      'drop schema old cascade;',
      'drop schema empty;',
      'drop type mood cascade;',
      'alter type address drop attribute zip;',
      'alter table orders alter column total type integer;',
    ].join('\n');
    const found = await findDataLoss(sql);
    expect(found?.map((l) => [l.line, l.reason])).toEqual([
      [3, 'drops column app.users.legacy_id and its values'],
      [4, 'drops table sessions and its rows'],
      [4, 'drops table tokens and its rows'],
      [5, 'empties table audit_log'],
      [6, 'deletes every row of events'],
      [8, 'overwrites column name in every row of users'],
      [10, 'drops schema old with every table in it (CASCADE)'],
      [12, 'drops type mood and every column of that type (CASCADE)'],
      [13, 'drops attribute address.zip and its values'],
      [14, 'changes the type of column orders.total to a narrower one: values may be cut or converted for good'],
    ]);
    expect(found?.at(-1)?.retyped).toEqual({ table: 'orders', column: 'total' });
    expect(found?.[0]?.statement).toBe('alter table app.users drop column legacy_id, add column x int');
  });

  test('a script that does not parse: undefined, the replay reports it', async () => {
    expect(await findDataLoss('drop tabel x;')).toBeUndefined();
    expect(await findDataLoss('  \n')).toEqual([]);
  });
});

describe('acceptedDataLoss', () => {
  test('the reversible-by-design marker and its reason', () => {
    expect(acceptedDataLoss('-- pgparity:reversible-by-design: sessions are recreated\ndelete from sessions;')).toBe('sessions are recreated');
    expect(acceptedDataLoss('-- pgparity: reversible-by-design\ntruncate cache;')).toBe('accepted');
    expect(acceptedDataLoss('truncate cache;')).toBeUndefined();
  });
});
