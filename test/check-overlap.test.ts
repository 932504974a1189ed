/**
 * `check` reads live while the migrations replay: once live has answered (a wrong URL or password
 * still fails before any server starts), its catalog read and the replay run side by side.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { check } from '../src/commands/check.js';
import { connect } from '../src/db/connect.js';
import { targetUrl } from '../src/db/target.js';
import { ConnectionError } from '../src/model/errors.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

const WIDGETS = "create table widgets (id int primary key, name text not null check (name <> ''))";

let live: TestDatabase;
let dir: string;
let migrations: string;

beforeAll(async () => {
  live = await createTestDatabase();
  await live.exec(WIDGETS);
  dir = await mkdtemp(join(tmpdir(), 'pgparity-check-overlap-'));
  migrations = join(dir, 'migrations');
  await mkdir(migrations);
  await writeFile(join(migrations, '001_widgets.sql'), `${WIDGETS};\n`);
});
afterAll(async () => {
  await live?.drop();
  await rm(dir, { recursive: true, force: true });
});

/** A session on live holding a catalog table the read needs, as a long migration on live would. */
async function holdCatalog(): Promise<pg.Client> {
  const holder = await connect(live.target, { readOnly: false });
  await holder.query('begin; lock table pg_catalog.pg_policy in access exclusive mode');
  return holder;
}

function run(progress: (message: string) => void, lockTimeoutMs: number) {
  return check({
    url: targetUrl(live.target),
    env: {},
    cwd: dir,
    migrations,
    cache: false,
    scratch: { type: 'embedded' },
    limits: { statementTimeoutMs: 120_000, lockTimeoutMs, connectTimeoutMs: 10_000 },
    progress,
  });
}

describe('check reads live beside the replay', () => {
  test('while the live read waits for a lock, the migrations replay and their catalog is read', async () => {
    const holder = await holdCatalog();
    const messages: string[] = [];
    let released: Promise<unknown> | undefined;
    try {
      // Read one after the other, the replay would wait for the live read, which waits for the
      // lock until lock_timeout (30 s) ends the run. Here the lock goes once the replayed side is read.
      const result = await run((message) => {
        messages.push(message);
        if (message.startsWith('reading the catalog of migrations:')) released ??= holder.query('rollback');
      }, 30_000);
      expect(result.report.findings).toEqual([]);
      expect(result.report.verdict).toBe('parity');
    } finally {
      await (released ?? holder.query('rollback'));
      await holder.end();
    }
    const steps = messages
      .filter((m) => !/^replaying migrations \d/.test(m))
      .map((m) => m.replace(/:\/\/\S+/, '://…').replace(/into \S+ PostgreSQL \S+/, 'into …'));
    expect(steps).toEqual([
      'reading the catalog of postgres://…',
      'starting the scratch PostgreSQL',
      'replaying 1 migration into …',
      `reading the catalog of migrations:${migrations}`,
      'finding the cause of each difference',
    ]);
  });

  test('a live read that fails once the replay has started ends the run with its own error', async () => {
    const holder = await holdCatalog();
    try {
      const messages: string[] = [];
      const failure = await run((message) => messages.push(message), 1_000).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ConnectionError);
      expect((failure as Error).message).toMatch(
        /^reading the catalog of postgres(?:ql)?:\/\/\S+ waited too long for a lock \(lock_timeout\): retry, or raise --lock-timeout$/,
      );
      expect(messages).toContain('starting the scratch PostgreSQL');
    } finally {
      await holder.query('rollback');
      await holder.end();
    }
  });
});
