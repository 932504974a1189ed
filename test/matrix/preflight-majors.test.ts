/**
 * Lock modes and rewrites are measured, not looked up: the same statements on each installed
 * major. Where PostgreSQL changed behaviour the measurement changes with it; where it did not,
 * the test pins that it agrees on every major (see docs/preflight.md, "Across majors").
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { connect } from '../../src/db/connect.js';
import { ReplayError } from '../../src/model/errors.js';
import { measureMigration } from '../../src/preflight/measure.js';
import type { ScratchServer } from '../../src/scratch/provider.js';
import { startMajor } from './support.js';

const MEASURED = [15, 16, 17, 18] as const;
const servers = new Map<number, ScratchServer>();

beforeAll(async () => {
  for (const major of MEASURED) {
    const server = await startMajor(major);
    if (typeof server === 'string') console.log(`preflight majors: skipping PostgreSQL ${major}: ${server}`);
    else servers.set(major, server);
  }
}, 300_000);

afterAll(async () => {
  for (const server of servers.values()) await server.close();
});

const SCHEMA = 'create table t (id int primary key, a int, b varchar(100), note text)';

/** Each statement measured on a fresh table: (locks on t, rewritten relations, scanned tables). */
async function measure(server: ScratchServer, sql: string): Promise<string[]> {
  const db = await server.createDatabase();
  const client = await connect(db.target, { readOnly: false, limits: { statementTimeoutMs: 0, lockTimeoutMs: 0, connectTimeoutMs: 10_000 } });
  try {
    await client.query(SCHEMA);
    const measured = await measureMigration(client, db.target, { id: 'm', file: 'm.sql', sql });
    return measured.statements.map((s) => {
      const locks = s.effects.locks.filter((l) => l.relation === 'public.t').map((l) => l.mode);
      return `${locks.join(',')} | rewrites ${s.effects.rewrites.map((r) => r.relation).join(',') || '-'} | scans ${s.effects.scans.map((r) => r.relation).join(',') || '-'}`;
    });
  } finally {
    await client.end();
  }
}

describe('preflight measurements across majors', () => {
  test('a stable default (now()) is a fast default, a volatile one rewrites; SET NOT NULL scans; a varchar cut rewrites — on every major', async () => {
    const sql = [
      'alter table t add column created timestamptz default now();',
      'alter table t add column touched timestamptz default clock_timestamp();',
      'alter table t alter column a set not null;',
      'alter table t alter column b type varchar(10);',
      'alter table t alter column b type text;',
    ].join('\n');
    const expected = [
      'AccessExclusiveLock | rewrites - | scans -',
      'AccessExclusiveLock | rewrites public.t,public.t_pkey | scans -',
      'AccessExclusiveLock | rewrites - | scans public.t',
      'AccessExclusiveLock | rewrites public.t,public.t_pkey | scans -',
      'AccessExclusiveLock | rewrites - | scans -',
    ];
    if (servers.size === 0) return console.log('preflight majors: no server started');
    for (const [major, server] of servers) expect({ major, measured: await measure(server, sql) }).toEqual({ major, measured: expected });
  }, 120_000);

  test('PostgreSQL 18 adds a generated column as virtual (no rewrite); 15-17 refuse it without STORED', async () => {
    const sql = 'alter table t add column doubled int generated always as (a * 2);';
    for (const [major, server] of servers) {
      if (major >= 18) {
        expect({ major, measured: await measure(server, sql) }).toEqual({ major, measured: ['AccessExclusiveLock | rewrites - | scans -'] });
      } else {
        const failure = await measure(server, sql).catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(ReplayError);
        expect((failure as ReplayError).message).toMatch(/^migration m\.sql:1:\d+ failed: syntax error at end of input/);
      }
    }
    // The stored form rewrites on every major.
    for (const [major, server] of servers) {
      expect({ major, measured: await measure(server, 'alter table t add column tripled int generated always as (a * 3) stored;') }).toEqual({
        major,
        measured: ['AccessExclusiveLock | rewrites public.t,public.t_pkey | scans -'],
      });
    }
  }, 120_000);
});
