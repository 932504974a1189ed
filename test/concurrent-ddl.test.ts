import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type pg from 'pg';
import { connect } from '../src/db/connect.js';
import { introspectCatalog } from '../src/catalog/index.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { runCli } from './support/cli.js';
import { ConnectionError } from '../src/model/errors.js';
import { exitCodeForError } from '../src/exit-codes.js';

const TABLES = 100;

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  const tables = Array.from({ length: TABLES }, (_, i) => `create table t_${i} (id int primary key, v text);`);
  await db.exec(tables.join('\n'));
});
afterAll(() => db?.drop());

/**
 * Another session loops ADD COLUMN / CREATE INDEX / DROP COLUMN over every table, as a busy
 * application's migrations or `ensureSchema()` would, until `stop` is called.
 */
function ddlLoop(): { stop(): Promise<number> } {
  let running = true;
  let rounds = 0;
  const done = (async () => {
    const client = await connect(db.target, { readOnly: false, limits: { statementTimeoutMs: 0, lockTimeoutMs: 0, connectTimeoutMs: 10_000 } });
    try {
      while (running) {
        for (let i = 0; i < TABLES && running; i++) {
          await client.query(`alter table t_${i} add column extra int`);
          await client.query(`create index t_${i}_extra on t_${i} (extra)`);
          await client.query(`alter table t_${i} drop column extra`);
        }
        rounds++;
      }
    } finally {
      await client.end();
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
      return rounds;
    },
  };
}

describe('introspection under concurrent DDL', () => {
  test('every snapshot succeeds, with the tables as they are outside the DDL', async () => {
    const loop = ddlLoop();
    const failures: string[] = [];
    try {
      for (let i = 0; i < 40; i++) {
        const client = await connect(db.target, { readOnly: true });
        try {
          // Every other read on three sessions sharing one snapshot: a race on any of them is retried too.
          const openSession = () => connect(db.target, { readOnly: true });
          const { snapshot } = await introspectCatalog(client, { source: 'live', ...(i % 2 === 1 ? { openSession } : {}) });
          expect(snapshot.objects.filter((o) => o.kind === 'table')).toHaveLength(TABLES);
        } catch (error) {
          failures.push(error instanceof Error ? error.message : String(error));
        } finally {
          await client.end();
        }
      }
      for (let i = 0; i < 4; i++) {
        const r = await runCli(['snapshot', db.url, '--quiet']);
        if (r.code !== 0) failures.push(`exit ${r.code}: ${r.stderr}`);
      }
    } finally {
      await loop.stop();
    }
    expect(failures).toEqual([]);
  }, 300_000);
});

test('a read that keeps seeing dropped objects gives up with exit 3 and says the schema changed', async () => {
  await db.exec('create index if not exists t_0_v on t_0 (v)');
  const client = await connect(db.target, { readOnly: true });
  // Every read sees an index whose definition is gone, as when DDL never pauses.
  const racing = new Proxy(client, {
    get(target, property, receiver) {
      if (property !== 'query') return Reflect.get(target, property, receiver) as unknown;
      return (query: string | (pg.Query & { text: string }), values?: unknown[]) => {
        if (typeof query === 'string') return target.query(query, values);
        // Catalog queries stream their rows: the index query's come without definitions.
        if (query.text.includes('pg_get_indexdef')) query.prependListener('row', (row: { definition: string | null }) => void (row.definition = null));
        return target.query(query);
      };
    },
  });
  try {
    const failure = await introspectCatalog(racing, { source: 'postgres://app@db/prod' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConnectionError);
    expect((failure as Error).message).toBe(
      'the schema of postgres://app@db/prod changed during the read, 8 times in a row (indexes were dropped while they were read): run again when the concurrent DDL is done',
    );
    expect(exitCodeForError(failure)).toBe(3);
  } finally {
    await client.end();
  }
});
