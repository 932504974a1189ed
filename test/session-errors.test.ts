import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { connect } from '../src/db/connect.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { runCli } from './support/cli.js';

let live: TestDatabase;
let dir: string;
let holder: pg.Client;
const COMMANDS: Record<string, () => string[]> = {
  snapshot: () => ['snapshot', live.url],
  check: () => ['check', '--url', live.url, '--migrations', join(dir, 'migrations')],
  diff: () => ['diff', '--from', join(dir, 'migrations'), '--to', live.url],
  verify: () => ['verify', '--url', live.url, '--snapshot', join(dir, 'expected.json')],
};

beforeAll(async () => {
  live = await createTestDatabase();
  await live.exec('create table widgets (id int primary key, name text not null)');
  dir = await mkdtemp(join(tmpdir(), 'pgparity-session-errors-'));
  const { mkdir } = await import('node:fs/promises');
  await mkdir(join(dir, 'migrations'));
  await writeFile(join(dir, 'migrations', '001_widgets.sql'), 'create table widgets (id int primary key, name text not null);\n');
  const written = await runCli(['snapshot', live.url, '-o', join(dir, 'expected.json')]);
  expect(written.code).toBe(0);
  // Another session holds a catalog table the introspection reads, as a long migration on live would.
  holder = await connect(live.target, { readOnly: false });
  await holder.query('begin; lock table pg_catalog.pg_policy in access exclusive mode');
});
afterAll(async () => {
  await holder?.query('rollback').catch(() => undefined);
  await holder?.end();
  await live?.drop();
});

describe('a lock held on a catalog table live is read from', () => {
  for (const command of Object.keys(COMMANDS)) {
    test(`${command}: lock_timeout is exit 3 with one line saying what to do`, async () => {
      const r = await runCli([...COMMANDS[command]!(), '--lock-timeout', '0.2']);
      expect(r.stderr).toMatch(
        /^pgparity: reading the catalog of postgres(?:ql)?:\/\/\S+ waited too long for a lock \(lock_timeout\): retry, or raise --lock-timeout\n$/,
      );
      expect(r.code).toBe(3);
    });

    test(`${command}: statement_timeout is exit 3 with one line saying what to do`, async () => {
      // Waiting for the lock, the statement runs out of time before lock_timeout ends the wait.
      const r = await runCli([...COMMANDS[command]!(), '--statement-timeout', '0.2', '--lock-timeout', '30']);
      expect(r.stderr).toMatch(/^pgparity: reading the catalog of postgres(?:ql)?:\/\/\S+ hit statement_timeout: raise it with --statement-timeout\n$/);
      expect(r.code).toBe(3);
    });
  }
});
