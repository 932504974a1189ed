import { describe, expect, test } from 'vitest';
import { statementFacts } from '../ddl/preflight-facts.js';
import { narrows } from './rules.js';

describe('narrows', () => {
  test.each([
    ['character varying(200)', 'character varying(20)', true],
    ['character varying(20)', 'character varying(200)', false],
    ['character varying(20)', 'text', false],
    ['text', 'character varying(20)', true],
    ['numeric(10,2)', 'numeric(10,1)', true],
    ['numeric(10,2)', 'numeric(12,2)', false],
    ['numeric(10,2)', 'numeric(9,1)', true],
    ['numeric', 'numeric(10,2)', true],
    ['bigint', 'integer', true],
    ['integer', 'bigint', false],
    ['double precision', 'integer', true],
    ['timestamp with time zone', 'date', true],
    ['integer', 'text', false],
  ])('%s → %s: %s', (from, to, expected) => {
    expect(narrows(from, to)).toBe(expected);
  });
});

describe('statementFacts', () => {
  test('what the text says that measuring cannot', async () => {
    const alter = await statementFacts(
      'alter table t alter column q type integer using q::integer, alter column n type varchar(5), add column c uuid default gen_random_uuid()',
    );
    expect([...alter!.typeChanges]).toEqual([
      ['q', 'q'],
      ['n', null],
    ]);
    expect(alter!.defaultedColumns).toEqual(['c']);
    expect((await statementFacts("set lock_timeout = '2s'"))!.setsLockTimeout).toBe(true);
    expect((await statementFacts('set lock_timeout to 0'))!.setsLockTimeout).toBe(false);
    expect((await statementFacts("select set_config('lock_timeout', '5s', false)"))!.setsLockTimeout).toBe(true);
    expect((await statementFacts('delete from audit_log'))!.unbounded).toEqual({ verb: 'delete', table: 'audit_log' });
    expect((await statementFacts('delete from audit_log where id < 5'))!.unbounded).toBeUndefined();
    expect((await statementFacts('truncate a, b cascade'))!.truncate).toEqual({ cascade: true });
    expect((await statementFacts("alter type tier rename value 'gold' to 'premium'"))!.enumRename).toEqual({ type: 'tier', from: 'gold', to: 'premium' });
    expect((await statementFacts('drop index concurrently i'))!.dropIndex).toEqual({ concurrent: true });
    expect((await statementFacts('alter table t add constraint pk primary key using index i'))!.usingIndex).toBe(true);
    expect((await statementFacts('drop database x'))!.dropDatabase).toBe(true);
  });
});
