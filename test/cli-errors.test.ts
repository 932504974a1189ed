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
    expect(r.stderr).toBe('pgparity: unknown option --bogus: see pgparity --help for the options\n');
  });

  test('an unknown negated option is named as typed', async () => {
    const r = await runCli(['rehearse', '--migrations', PARITY, '--no-cache']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'pgparity: unknown option --no-cache: see pgparity --help for the options\n' });
  });

  test('an unknown option before any command names the option, not only the missing command', async () => {
    const r = await runCli(['--bogus']);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'pgparity: unknown option --bogus: give a command first (check, diff, snapshot, history, preflight, stamp, verify, rehearse, fingerprint, merge, demo or cleanup), see pgparity --help\n',
    });
  });

  test('a mistyped command is named as a command, with the one it most likely meant', async () => {
    expect(await runCli(['chekc', '--url', 'postgres://x@127.0.0.1:1/x'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'pgparity: unknown command chekc (did you mean check?): give one of check, diff, snapshot, history, preflight, stamp, verify, rehearse, fingerprint, merge, demo or cleanup\n',
    });
    expect((await runCli(['zzz'])).stderr).toBe(
      'pgparity: unknown command zzz: give one of check, diff, snapshot, history, preflight, stamp, verify, rehearse, fingerprint, merge, demo or cleanup\n',
    );
  });

  test('a stray word after a command is an unexpected argument, not an option', async () => {
    const r = await runCli(['check', 'check', '--migrations', PARITY, 'extra']);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: 'pgparity: unexpected arguments check, extra: see pgparity check --help for what check takes\n',
    });
  });

  test("yargs' words are English whatever the locale, so errors and help stay one language", async () => {
    const env = { LANG: 'de_DE.UTF-8', LC_ALL: 'fr_FR.UTF-8' };
    expect((await runCli(['check', '--bogus', '--migrations', PARITY], { env })).stderr).toBe(
      'pgparity: unknown option --bogus: see pgparity --help for the options\n',
    );
    const help = await runCli(['snapshot', '--help'], { env });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('\nOptions:\n');
    expect(help.stdout).toContain('[string] [required]');
    expect(help.stdout).not.toMatch(/Optionen|erforderlich|requis/);
  });

  test('a value outside the choices names the option, the value and the choices', async () => {
    const r = await runCli(['check', '--format', 'xml', '--migrations', PARITY]);
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'pgparity: --format "xml": expected one of text, json, junit, markdown, html\n' });
    const two = await runCli(['diff', '--from', PARITY, '--to', PARITY, '--format', 'xml', '--fail-on', 'fatal']);
    expect(two.stderr).toBe(
      'pgparity: --format "xml": expected one of text, json, junit, markdown, html; --fail-on "fatal": expected one of error, warning, info\n',
    );
    expect(two.code).toBe(2);
  });

  test('a timeout that is not a number names the option and the value', async () => {
    const r = await runCli(['check', '--statement-timeout', 'abc', '--url', db.url, '--migrations', PARITY]);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: 'pgparity: --statement-timeout "abc": expected a positive number of seconds, e.g. --statement-timeout 30\n',
    });
    const history = await runCli(['history', '--lock-timeout', '0', '--url', db.url]);
    expect(history).toEqual({ code: 2, stdout: '', stderr: 'pgparity: --lock-timeout "0": expected a positive number of seconds, e.g. --lock-timeout 30\n' });
  });

  test('a count that is not a number names the option and the value', async () => {
    const preflight = await runCli(['preflight', '--max-scan-rows', 'many', '--url', db.url, '--migrations', PARITY]);
    expect(preflight).toEqual({ code: 2, stdout: '', stderr: 'pgparity: --max-scan-rows "many": expected a number\n' });
    const rehearse = await runCli(['rehearse', '-m', PARITY, '--with-data', 'abc']);
    expect(rehearse).toEqual({ code: 2, stdout: '', stderr: 'pgparity: --with-data "abc": expected a number\n' });
  });

  test('sslmode=require prints no library SECURITY WARNING, only the one-line error', async () => {
    const r = await runCli(['snapshot', 'postgres://u:s3cretPW@127.0.0.1:1/d?sslmode=require']);
    expect(r).toEqual({
      code: 3,
      stdout: '',
      stderr: 'pgparity: cannot connect to postgres://u@127.0.0.1:1/d: connection refused — is PostgreSQL running and listening on port 1?\n',
    });
  });

  test('a keyword/value connection string is accepted wherever a URL is, and its password never shown', async () => {
    const r = await runCli(['snapshot', 'host=127.0.0.1 port=1 user=u password=s3cretPW! dbname=d']);
    expect(r).toEqual({
      code: 3,
      stdout: '',
      stderr: 'pgparity: cannot connect to postgres://u@127.0.0.1:1/d: connection refused — is PostgreSQL running and listening on port 1?\n',
    });
    const bad = await runCli(['check', '--migrations', PARITY, '--url', `host=127.0.0.1 password='s3cretPW!' dbnme=d`]);
    expect(bad).toEqual({
      code: 2,
      stdout: '',
      stderr: `pgparity: cannot parse the connection string host=127.0.0.1 password=*** dbnme=d: unknown keyword "dbnme" (host=… port=… user=… dbname=…)\n`,
    });
  });

  test('a migration that is not text (NUL bytes) is named, exit 2', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pgparity-test-'));
    await mkdir(join(dir, 'migrations'));
    await writeFile(join(dir, 'migrations', '001_ok.sql'), 'create table t (id int);\n');
    await writeFile(join(dir, 'migrations', '002_blob.sql'), Buffer.from([0x63, 0x72, 0x00, 0x01, 0x02]));
    const r = await runCli(['check', '--url', db.url, '--migrations', 'migrations'], { cwd: dir });
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: 'pgparity: migration migrations/002_blob.sql is not a text file (a NUL byte at offset 2): remove it from the migrations or fix its contents\n',
    });
    await writeFile(join(dir, 'migrations', '002_blob.sql'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('select 1;\n', 'utf16le')]));
    const utf16 = await runCli(['diff', '--from', 'migrations', '--to', db.url], { cwd: dir });
    expect(utf16).toEqual({ code: 2, stdout: '', stderr: 'pgparity: migration migrations/002_blob.sql is UTF-16 text: save it as UTF-8\n' });
  });

  test('a missing positional argument', async () => {
    const r = await runCli(['snapshot']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'pgparity: the snapshot command needs 1 argument (got 0): see pgparity snapshot --help\n' });
  });

  test('no command', async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'pgparity: give a command: check, diff, snapshot, history, preflight, stamp, verify, rehearse, fingerprint, merge, demo or cleanup (pgparity --help)\n',
    );
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
