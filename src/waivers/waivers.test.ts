import { describe, expect, test } from 'vitest';
import { buildReport, exitCodeFor } from '../compare/verdict.js';
import type { Finding } from '../model/finding.js';
import type { Waiver } from '../model/waiver.js';
import { applyWaivers } from './apply.js';
import { parseWaivers } from './schema.js';

const extraTable: Finding = {
  change: 'extra',
  kind: 'table',
  key: 'public.sessions',
  object: { schema: 'public', name: 'sessions' },
  severity: 'error',
  message: 'table public.sessions exists in live but no migration creates it',
};
const nullable: Finding = {
  change: 'changed',
  kind: 'column',
  key: 'public.users.email',
  object: { schema: 'public', table: 'users', name: 'email' },
  attribute: 'nullable',
  expected: false,
  actual: true,
  severity: 'error',
  message: 'column public.users.email is nullable in live, NOT NULL in migrations',
};
const emailDefault: Finding = { ...nullable, attribute: 'default', expected: null, actual: "''::text", message: 'column public.users.email: default differs' };

const report = buildReport({
  expected: { source: 'migrations:db/migrations', serverVersion: '18.4' },
  actual: { source: 'postgres://app@db/prod', serverVersion: '18.4' },
  findings: [extraTable, nullable, emailDefault],
  warnings: [],
});
const terms = { reason: 'accepted', owner: 'team-a', expires: '2026-04-01' };
const today = new Date('2026-03-15T12:00:00Z');

describe('applyWaivers', () => {
  test('a waiver in force marks its findings waived; they no longer fail the run', () => {
    const waived = applyWaivers(report, [{ key: 'public.sessions', ...terms }], today);
    expect(waived.findings.find((f) => f.key === 'public.sessions')!.waiver).toEqual(terms);
    expect(waived.summary).toEqual({ missing: 0, extra: 1, changed: 2, waived: 1 });
    expect(waived.verdict).toBe('drift');
    expect(waived.staleWaivers).toEqual([]);
    expect(waived.warnings).toEqual([]);

    const all = applyWaivers(
      report,
      [
        { key: 'public.sessions', ...terms },
        { key: 'public.users.email', ...terms },
      ],
      today,
    );
    expect(exitCodeFor(report, 'error')).toBe(1);
    expect(exitCodeFor(all, 'error')).toBe(0);
  });

  test('change, kind and attribute make a waiver precise', () => {
    const waived = applyWaivers(report, [{ key: 'public.users.email', change: 'changed', kind: 'column', attribute: 'default', ...terms }], today);
    expect(waived.findings.filter((f) => f.waiver).map((f) => f.attribute)).toEqual(['default']);
    expect(exitCodeFor(waived, 'error')).toBe(1);
    const wrongKind = applyWaivers(report, [{ key: 'public.sessions', kind: 'view', ...terms }], today);
    expect(wrongKind.summary.waived).toBe(0);
    expect(wrongKind.staleWaivers).toHaveLength(1);
  });

  test('from its expiry date on, the finding counts again and a warning says so', () => {
    const onTheDay = applyWaivers(report, [{ key: 'public.sessions', ...terms }], new Date('2026-04-01T00:00:00Z'));
    expect(onTheDay.findings.every((f) => !f.waiver)).toBe(true);
    expect(exitCodeFor(onTheDay, 'error')).toBe(1);
    expect(onTheDay.warnings).toEqual([
      'the waiver for public.sessions expired on 2026-04-01 (owner team-a: accepted): its finding counts again; fix the drift or extend the waiver',
    ]);
    expect(onTheDay.staleWaivers).toEqual([]);
    const dayBefore = applyWaivers(report, [{ key: 'public.sessions', ...terms }], new Date('2026-03-31T23:59:59Z'));
    expect(dayBefore.summary.waived).toBe(1);
  });

  test('an expired waiver over several findings is one warning', () => {
    const expired = applyWaivers(report, [{ key: 'public.users.email', ...terms, expires: '2026-01-01' }], today);
    expect(expired.warnings).toEqual([
      'the waiver for public.users.email expired on 2026-01-01 (owner team-a: accepted): its 2 findings count again; fix the drift or extend the waiver',
    ]);
  });

  test('a waiver that matches nothing is stale: listed and warned about, without failing the run', () => {
    const stale: Waiver = { key: 'public.gone', kind: 'table', ...terms };
    const result = applyWaivers(report, [{ key: 'public.sessions', ...terms }, { key: 'public.users.email', ...terms }, stale], today);
    expect(result.staleWaivers).toEqual([stale]);
    expect(result.warnings).toEqual(['stale waiver: public.gone (table) matches no finding (owner team-a): the drift it accepted is gone; remove the waiver']);
    expect(exitCodeFor(result, 'error')).toBe(0);
  });

  test('pure: the input report is not modified', () => {
    const before = JSON.stringify(report);
    applyWaivers(report, [{ key: 'public.sessions', ...terms }], today);
    expect(JSON.stringify(report)).toBe(before);
  });
});

describe('parseWaivers', () => {
  const error = (raw: unknown): string => {
    try {
      parseWaivers(raw, 'pgparity.waivers.json');
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('no error');
  };

  test('a valid file', () => {
    expect(
      parseWaivers({ waivers: [{ key: 'public.sessions', change: 'extra', kind: 'table', reason: 'r', owner: 'o', expires: '2026-12-31' }] }, 'w.json'),
    ).toEqual([{ key: 'public.sessions', change: 'extra', kind: 'table', reason: 'r', owner: 'o', expires: '2026-12-31' }]);
  });

  test('one line naming the entry and the key', () => {
    const base = { key: 'public.sessions', reason: 'r', owner: 'o', expires: '2026-12-31' };
    expect(error({ waivers: [base, { ...base, expires: '2026-02-30' }] })).toBe(
      'pgparity.waivers.json: waivers[1].expires must be a date as YYYY-MM-DD (got "2026-02-30")',
    );
    expect(error({ waivers: [{ key: 'x', owner: 'o', expires: '2026-12-31' }] })).toBe('pgparity.waivers.json: waivers[0].reason is required');
    expect(error({ waivers: [{ ...base, kind: 'tabel' }] })).toMatch(/^pgparity\.waivers\.json: waivers\[0\]\.kind must be one of schema, .* \(got "tabel"\)$/);
    expect(error({ waivers: [{ ...base, expiry: '2026-12-31' }] })).toBe('pgparity.waivers.json: unknown key waivers[0].expiry (did you mean expires?)');
    expect(error([base])).toBe('pgparity.waivers.json: the file must be an object (got a list)');
  });
});
