/**
 * Defaults written differently that are the same default (CURRENT_TIMESTAMP and now(), a constant
 * cast to another type of the column's family) are parity on every major; the ones that are not
 * (statement_timestamp(), clock_timestamp(), LOCALTIMESTAMP, a cast that cuts the value) are found.
 * Each major's own server prints both sides, as live and the scratch server would.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { diff } from '../../src/commands/diff.js';
import type { ScratchServer } from '../../src/scratch/provider.js';
import { databaseUrlWith, MAJORS, startMajor } from './support.js';

/** column type, the default in the migrations, the default in live. */
const SYNONYMS: readonly (readonly [type: string, expected: string, actual: string])[] = [
  ['timestamptz', 'CURRENT_TIMESTAMP', 'now()'],
  ['timestamptz', 'now()', 'transaction_timestamp()'],
  ['timestamptz', 'CURRENT_TIMESTAMP', 'transaction_timestamp()'],
  ['timestamptz', 'now()', 'pg_catalog.now()'],
  ['date', 'CURRENT_DATE', "('now'::text)::date"],
  ['timestamp', 'LOCALTIMESTAMP', "('now'::text)::timestamp"],
  ['text', 'CURRENT_USER', 'current_user'],
  ['text', 'CURRENT_USER', '"current_user"()'],
  ['text', 'CURRENT_ROLE', 'CURRENT_USER'],
  ['text', 'USER', 'CURRENT_USER'],
  ['text', 'SESSION_USER', '"session_user"()'],
  ['text', 'CURRENT_CATALOG', 'current_database()'],
  ['text', 'CURRENT_SCHEMA', 'current_schema()'],
  ['varchar(20)', "'DRAFT'::text", "'DRAFT'::character varying"],
  ['varchar(20)', "'DRAFT'", "'DRAFT'::varchar"],
  ['bigint', "'5'::integer", '5'],
];

const DIFFERENT: readonly (readonly [type: string, expected: string, actual: string])[] = [
  ['timestamptz', 'now()', 'statement_timestamp()'],
  ['timestamptz', 'now()', 'clock_timestamp()'],
  ['timestamptz', 'CURRENT_TIMESTAMP', 'CURRENT_TIMESTAMP(0)'],
  ['timestamp', 'now()', 'LOCALTIMESTAMP'],
  ['text', 'CURRENT_USER', 'SESSION_USER'],
  ['varchar(20)', "'DRAFT'", "'DRAFTS'"],
  ['varchar(20)', "'DRAFT'", "'DRAFT'::varchar(3)"],
  ['text', "'5'", '5'],
];

const servers: ScratchServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.close();
});

function table(pairs: typeof SYNONYMS, side: 1 | 2, name: string): string {
  return `create table ${name} (${pairs.map((pair, i) => `c${i} ${pair[0]} default ${pair[side]}`).join(', ')});`;
}

describe.each(MAJORS)('PostgreSQL %i', (major) => {
  test('synonymous defaults are parity, the others are found', { timeout: 120_000 }, async (ctx) => {
    const server = await startMajor(major);
    if (typeof server === 'string') return ctx.skip(server);
    servers.push(server);
    // The issue's migration: a default set on a text column whose type then changes.
    const migrated =
      "create table draft (type text); alter table draft alter column type set default 'DRAFT'; alter table draft alter column type type varchar(20);";
    const expected = await databaseUrlWith(server, `${table(SYNONYMS, 1, 'same')} ${table(DIFFERENT, 1, 'other')} ${migrated}`);
    const actual = await databaseUrlWith(
      server,
      `${table(SYNONYMS, 2, 'same')} ${table(DIFFERENT, 2, 'other')} create table draft (type varchar(20) default 'DRAFT');`,
    );
    const { report } = await diff({ from: { type: 'url', url: expected }, to: { type: 'url', url: actual }, scratch: { type: 'embedded' } });
    expect(report.findings.map((f) => `${f.key} ${f.attribute} ${f.severity}`)).toEqual(DIFFERENT.map((_, i) => `public.other.c${i} default error`));
  });
});
