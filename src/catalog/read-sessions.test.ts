import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import pg from 'pg';
import { connect } from '../db/connect.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { introspectCatalog, serializeSnapshot, type IntrospectOptions, type Introspection } from './index.js';

const RICH_SCHEMA = readFileSync(new URL('./test-fixtures/rich-schema.sql', import.meta.url), 'utf8');

// begin, settings, server version, 26 families, commit.
const ONE_SESSION = 30;
// … and pg_export_snapshot, and per helper: begin, set transaction snapshot, settings, commit.
const withHelpers = (helpers: number): number => ONE_SESSION + 1 + 4 * helpers;

describe('a read on several sessions', () => {
  let db: TestDatabase;
  let other: TestDatabase;
  let oneSession: Introspection;
  const opened: pg.Client[] = [];

  const read = async (options: Partial<IntrospectOptions> = {}): Promise<Introspection> => {
    const client = await connect(db.target, { readOnly: true });
    try {
      return await introspectCatalog(client, { source: 'test', ...options });
    } finally {
      await client.end();
    }
  };
  const openOn = (target: TestDatabase) => async (): Promise<pg.Client> => {
    const session = await connect(target.target, { readOnly: true });
    opened.push(session);
    return session;
  };

  beforeAll(async () => {
    [db, other] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    await db.exec(RICH_SCHEMA);
    oneSession = await read();
  });
  afterAll(async () => {
    await Promise.all(opened.map((session) => session.end().catch(() => undefined)));
    await Promise.all([db?.drop(), other?.drop()]);
  });

  test('gives the same snapshot as one session, every helper in the shared snapshot', async () => {
    expect(oneSession.queryCount).toBe(ONE_SESSION);
    expect(oneSession.snapshot.objects.length).toBeGreaterThan(100);
    const several = await read({ openSession: openOn(db) });
    expect(serializeSnapshot(several.snapshot)).toBe(serializeSnapshot(oneSession.snapshot));
    expect(several.queryCount).toBe(withHelpers(2));
  });

  test('the first session may wait idle for the helpers as long as a statement may run, and a minute more', async () => {
    const client = await connect(db.target, { readOnly: true, limits: { statementTimeoutMs: 120_000, lockTimeoutMs: 3_000, connectTimeoutMs: 10_000 } });
    const seen: string[] = [];
    const watched = new Proxy(client, {
      get(target, property, receiver) {
        if (property !== 'query') return Reflect.get(target, property, receiver) as unknown;
        return (query: unknown, values?: unknown[]) => {
          if (!(query instanceof pg.Query)) return target.query(query as string, values);
          if (seen.length === 0) {
            seen.push('');
            void target
              .query<{ v: string }>("select current_setting('idle_in_transaction_session_timeout') as v")
              .then(({ rows }) => void (seen[0] = rows[0]!.v));
          }
          return target.query(query);
        };
      },
    });
    try {
      await introspectCatalog(watched, { source: 'test', openSession: openOn(db) });
      expect(seen[0]).toBe('3min');
      // Only for the read's transaction.
      expect((await client.query<{ v: string }>("select current_setting('idle_in_transaction_session_timeout') as v")).rows[0]?.v).toBe('1min');
    } finally {
      await client.end();
    }
  });

  test('reads on one session when no helper can connect', async () => {
    const refused = await read({ openSession: () => Promise.reject(new Error('sorry, too many clients already')) });
    expect(serializeSnapshot(refused.snapshot)).toBe(serializeSnapshot(oneSession.snapshot));
    expect(refused.queryCount).toBe(withHelpers(0));
  });

  test('leaves out a helper that cannot take the snapshot, and closes it', async () => {
    // A session on another database cannot import this one's snapshot.
    const before = opened.length;
    const elsewhere = await read({ openSession: openOn(other) });
    expect(serializeSnapshot(elsewhere.snapshot)).toBe(serializeSnapshot(oneSession.snapshot));
    expect(elsewhere.queryCount).toBe(withHelpers(0));
    const helpers = opened.slice(before);
    expect(helpers).toHaveLength(2);
    await expect(helpers[0]!.query('select 1')).rejects.toThrow(/Client was closed|not queryable|Connection terminated/);
  });

  test('does not wait for a helper that never gets a server (a transaction pooler with no free connection)', async () => {
    const stuck: pg.Client[] = [];
    const pooled = await read({
      openSession: async () => {
        const session = await openOn(db)();
        stuck.push(session);
        // As pgbouncer queues a client's first query until a server connection frees up.
        return new Proxy(session, {
          get: (target, property, receiver) => (property === 'query' ? () => new Promise(() => undefined) : Reflect.get(target, property, receiver)),
        });
      },
    });
    expect(serializeSnapshot(pooled.snapshot)).toBe(serializeSnapshot(oneSession.snapshot));
    expect(pooled.queryCount).toBe(withHelpers(0));
    expect(stuck).toHaveLength(2);
    for (const session of stuck) await expect(session.query('select 1')).rejects.toThrow(/Client was closed|not queryable|Connection terminated/);
  });

  test('reads on one session when the server will not export a snapshot', async () => {
    // Exporting a snapshot is refused inside a subtransaction: the read starts over without helpers.
    const client = await connect(db.target, { readOnly: true });
    const refusing = new Proxy(client, {
      get(target, property, receiver) {
        if (property !== 'query') return Reflect.get(target, property, receiver) as unknown;
        return (query: unknown, values?: unknown[]) =>
          typeof query === 'string' && query.startsWith('select pg_export_snapshot()')
            ? target.query('savepoint s').then(() => target.query(query))
            : target.query(query as string, values);
      },
    });
    try {
      const result = await introspectCatalog(refusing, { source: 'test', openSession: openOn(db) });
      expect(serializeSnapshot(result.snapshot)).toBe(serializeSnapshot(oneSession.snapshot));
      // The refused attempt (begin, settings, server version, the export; its rollback is not counted), then one session.
      expect(result.queryCount).toBe(4 + ONE_SESSION);
    } finally {
      await client.end();
    }
  });

  test('a failure on a helper is the read failure, in one line, and every session is closed', async () => {
    const before = opened.length;
    // Each catalog query sent as a pg.Query (the families) runs after `prefix` on its session.
    const prefixed = (client: pg.Client, prefix: string): pg.Client =>
      new Proxy(client, {
        get(target, property, receiver) {
          if (property !== 'query') return Reflect.get(target, property, receiver) as unknown;
          return (query: unknown, values?: unknown[]) => {
            if (!(query instanceof pg.Query)) return target.query(query as string, values);
            void target.query(prefix).catch(() => undefined);
            return target.query(query);
          };
        },
      });
    const client = await connect(db.target, { readOnly: true });
    try {
      // The first session is slow to start its first family, so the helpers take families; theirs time out.
      const failure = await introspectCatalog(prefixed(client, 'select pg_sleep(0.5)'), {
        source: 'postgres://app@db/prod',
        openSession: async () => prefixed(await openOn(db)(), 'set local statement_timeout = 1'),
      }).catch((error: unknown) => error);
      expect((failure as Error).message).toBe('reading the catalog of postgres://app@db/prod hit statement_timeout: raise it with --statement-timeout');
      const helpers = opened.slice(before);
      expect(helpers).toHaveLength(2);
      for (const session of helpers) await expect(session.query('select 1')).rejects.toThrow(/Client was closed|not queryable|Connection terminated/);
      // The first session's transaction was rolled back: it can read again.
      expect((await introspectCatalog(client, { source: 'test' })).queryCount).toBe(ONE_SESSION);
    } finally {
      await client.end();
    }
  });
});
