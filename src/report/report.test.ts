import { describe, expect, test } from 'vitest';
import { buildReport } from '../compare/verdict.js';
import { compareSnapshots } from '../compare/compare.js';
import { column, constraint, enumType, extension, index, schema, snapshot, table, tableWithColumns, view } from '../../test/support/objects.js';
import type { Report } from '../model/report.js';
import { renderJson } from './json.js';
import { renderText } from './text.js';
import { renderMarkdown } from './markdown.js';
import { renderJunit } from './junit.js';

/**
 * One drift scenario that touches every part of the reports: schema-level and table
 * findings, the three changes, the three severities, a rename, a multi-line diff, a warning.
 * The golden files under __golden__ are the reporters' contract: update them with
 * `npx vitest run src/report -u` and read the diff before committing.
 */
function driftReport(): Report {
  const activeUsers = ' SELECT users.id,\n    users.email\n   FROM public.users\n  WHERE (users.nickname IS NOT NULL);';
  const common = [
    schema('public'),
    ...tableWithColumns('public.events', ['id', 'created_at']),
    constraint('public.users.users_pkey', 'primary_key', 'PRIMARY KEY (id)'),
    column('public.users.id', 'integer', { position: 1, notNull: true }),
  ];
  const expected = [
    ...common,
    enumType('public.mood', ['happy', 'sad']),
    enumType('public.order_status', ['pending', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded']),
    ...tableWithColumns('public.audit_log', ['id', 'at']),
    table('public.users', ['id', 'email', 'nickname']),
    column('public.users.email', 'text', { position: 2, notNull: true }),
    column('public.users.nickname', 'text', { position: 3 }),
    constraint('public.users.users_email_key', 'unique', 'UNIQUE (email)'),
    index('public.events.events_created_idx', 'CREATE INDEX ON public.events USING btree (created_at)'),
    view('public.active_users', activeUsers),
  ];
  const actual = [
    ...common,
    extension('pg_stat_statements', '1.11'),
    enumType('public.order_status', ['pending', 'paid', 'on_hold', 'shipped', 'delivered', 'cancelled', 'refunded']),
    ...tableWithColumns('public.sessions', ['token']),
    table('public.users', ['id', 'nickname', 'email'], { comment: 'Registered users' }),
    column('public.users.email', 'text', { position: 3 }),
    column('public.users.nickname', 'character varying(50)', { position: 2 }),
    constraint('public.users.uq_users_email', 'unique', 'UNIQUE (email)'),
    index('public.events.events_created_idx', 'CREATE INDEX ON public.events USING btree (created_at)', { valid: false }),
    view('public.active_users', activeUsers.replace('(users.nickname IS NOT NULL)', "(users.nickname <> ''::text)")),
  ];
  return buildReport({
    expected: { source: 'migrations:db/migrations', serverVersion: '18.4', provider: 'embedded' },
    actual: { source: 'postgres://app@db/prod', serverVersion: '16.9' },
    findings: compareSnapshots(snapshot(expected), snapshot(actual)),
    warnings: ['live runs PostgreSQL 16.9 but the migrations were replayed on 18.4: use --scratch docker:postgres:16 to match'],
  });
}

const parity: Report = buildReport({
  expected: { source: 'migrations:db/migrations', serverVersion: '18.4', provider: 'embedded' },
  actual: { source: 'postgres://app@db/prod', serverVersion: '18.4' },
  findings: [],
  warnings: [],
});

const tool = { name: 'pgparity', version: '0.1.0' };

describe('renderText', () => {
  test('drift, without colour', async () => {
    await expect(renderText(driftReport(), { color: false })).toMatchFileSnapshot('./__golden__/drift.txt');
  });

  test('drift, with colour', async () => {
    await expect(renderText(driftReport(), { color: true })).toMatchFileSnapshot('./__golden__/drift.color.txt');
  });

  test('drift, wrapped to 80 columns', async () => {
    await expect(renderText(driftReport(), { color: false, width: 80 })).toMatchFileSnapshot('./__golden__/drift.80.txt');
  });

  test('parity', async () => {
    await expect(renderText(parity, { color: false })).toMatchFileSnapshot('./__golden__/parity.txt');
  });

  test('no escape codes at all without colour', () => {
    expect(renderText(driftReport(), { color: false })).not.toMatch(/\u001b/);
  });
});

describe('renderJson', () => {
  test('drift', async () => {
    await expect(renderJson(driftReport(), tool)).toMatchFileSnapshot('./__golden__/drift.json');
  });

  test('parity: every top-level field present, warnings as an empty list', async () => {
    await expect(renderJson(parity, tool)).toMatchFileSnapshot('./__golden__/parity.json');
    expect(Object.keys(JSON.parse(renderJson(parity, tool)) as object)).toEqual([
      'formatVersion',
      'tool',
      'verdict',
      'gate',
      'expected',
      'actual',
      'summary',
      'findings',
      'warnings',
    ]);
  });

  test('finding fields come in contract order, absent ones left out', () => {
    const [first, ...rest] = (JSON.parse(renderJson(driftReport(), tool)) as { findings: object[] }).findings;
    expect(Object.keys(first!)).toEqual(['change', 'kind', 'key', 'object', 'severity', 'message']);
    const changed = rest.find((f) => 'attribute' in f)!;
    expect(Object.keys(changed)).toEqual(['change', 'kind', 'key', 'object', 'attribute', 'expected', 'actual', 'severity', 'message']);
  });
});

// The fixture goldens (reporters.test.ts) have no long values: this one has diffs, renames, info and a warning.
describe('renderMarkdown and renderJunit on the same drift', () => {
  test('markdown', async () => {
    await expect(renderMarkdown(driftReport())).toMatchFileSnapshot('./__golden__/drift.md');
  });

  test('junit', async () => {
    await expect(renderJunit(driftReport())).toMatchFileSnapshot('./__golden__/drift.junit.xml');
  });
});
