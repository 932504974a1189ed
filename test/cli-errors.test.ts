import { chmod, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { describeTarget } from '../src/db/target.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { runCli, scratchEntries } from './support/cli.js';

let db: TestDatabase;
beforeAll(async () => void (db = await createTestDatabase()));
afterAll(() => db.drop());

const PARITY = 'fixtures/parity/migrations';

describe('configuration errors exit 2 with one line', () => {
  test('no live database configured', async () => {
    const r = await runCli(['check', '--migrations', PARITY]);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'pgparity: no live database configured: pass --url postgres://user@host:port/db, or set DATABASE_URL or the PG* variables (PGHOST, PGDATABASE, …)\n',
    });
  });

  test('an unknown option', async () => {
    const r = await runCli(['check', '--bogus', '--migrations', PARITY]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('pgparity: Unknown argument: bogus (pgparity --help)\n');
  });

  test('no command', async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('pgparity: give a command: check, diff, snapshot, history, stamp, verify or demo (pgparity --help)\n');
  });

  test('a migrations directory that does not exist', async () => {
    const r = await runCli(['check', '--url', db.url, '--migrations', 'db/nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('pgparity: migrations directory db/nope does not exist: check --migrations\n');
  });

  test('neither --migrations nor --replay-cmd', async () => {
    const r = await runCli(['check', '--url', db.url]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('pgparity: nothing to compare against: pass --migrations DIR (plain SQL files) or --replay-cmd "your migrate command"\n');
  });

  test('an unreadable snapshot', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pgparity-test-'));
    await writeFile(join(dir, 'broken.json'), '{"formatVersion": 1, "objects": [');
    const r = await runCli(['diff', '--from', join(dir, 'broken.json'), '--to', db.url]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^pgparity: cannot read snapshot .*broken\.json: .+\n$/);
  });

  test('an unknown --scratch', async () => {
    const r = await runCli(['check', '--url', db.url, '--migrations', PARITY, '--scratch', 'podman']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'pgparity: unknown --scratch "podman": use embedded[:MAJOR], docker[:IMAGE] or a postgres:// URL of a server pgparity may create databases on\n',
    );
  });
});

describe('connection errors exit 3 with one line and no password', () => {
  test('wrong password', async () => {
    const url = `postgres://${db.target.user}:not-the-password@${encodeURIComponent(db.target.host)}:${db.target.port}/${db.target.database}`;
    const r = await runCli(['check', '--url', url, '--migrations', PARITY]);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(
      `pgparity: password authentication failed for user "${db.target.user}" at ${describeTarget(db.target)}: check the password in the URL, DATABASE_URL or PGPASSWORD\n`,
    );
    expect(r.stderr).not.toContain('not-the-password');
  });

  test('nothing listening', async () => {
    const r = await runCli(['check', '--url', 'postgres://app:s3cret@127.0.0.1:1/prod', '--migrations', PARITY]);
    expect(r).toEqual({
      code: 3,
      stdout: '',
      stderr: 'pgparity: cannot connect to postgres://app@127.0.0.1:1/prod: connection refused — is PostgreSQL running and listening on port 1?\n',
    });
  });

  test('from DATABASE_URL, with the PG* variables pointing elsewhere', async () => {
    const r = await runCli(['check', '--migrations', PARITY], {
      env: { DATABASE_URL: 'postgres://app:s3cret@127.0.0.1:1/prod', PGHOST: 'db.internal', PGDATABASE: 'prod' },
    });
    expect(r.code).toBe(3);
    expect(r.stderr).not.toContain('s3cret');
    expect(r.stderr).toContain('cannot connect to postgres://app@127.0.0.1:1/prod');
  });
});

describe('a migration that fails to replay exits 4', () => {
  test('syntax error: file:line:col, the PostgreSQL message and a caret', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pgparity-test-'));
    await mkdir(join(dir, 'migrations'));
    await writeFile(join(dir, 'migrations', '001_ok.sql'), 'create table a (id int primary key);\n');
    await writeFile(join(dir, 'migrations', '002_bad.sql'), '-- adds b\n\nCREATE TABL b (id int);\n');
    const scratchTmp = await mkdtemp(join(tmpdir(), 'pgparity-tmp-'));
    // Under root the server runs as `postgres`, which must reach the scratch directory.
    await chmod(scratchTmp, 0o755);
    const r = await runCli(['check', '--url', db.url, '--migrations', join(dir, 'migrations')], { env: { TMPDIR: scratchTmp } });
    expect(r.code).toBe(4);
    const file = join(dir, 'migrations', '002_bad.sql');
    expect(r.stderr).toBe(
      `pgparity: migration ${file}:3:8 failed: syntax error at or near "TABL" — fix the migration or check the order of files\n` +
        '3 | CREATE TABL b (id int);\n' +
        '  |        ^\n',
    );
    // The scratch server is gone, also after a failure.
    expect(await scratchEntries(scratchTmp)).toEqual([]);
  });
});
