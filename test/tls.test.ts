/**
 * TLS as libpq does it (sslmode, sslrootcert), the password file and the service file, against a
 * server of our own started with ssl=on, a certificate for `localhost` signed by a CA made here,
 * and a pg_hba.conf that accepts TCP connections over TLS only.
 */
import { execFile } from 'node:child_process';
import { chmod, chown, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { connect } from '../src/db/connect.js';
import { startEmbeddedServer, type EmbeddedServer } from '../src/scratch/embedded.js';
import { runCli } from './support/cli.js';

const run = promisify(execFile);

let dir: string;
let server: EmbeddedServer;
let port: number;
let password: string;
let home: string;

async function openssl(...args: string[]): Promise<void> {
  await run('openssl', args, { cwd: dir });
}

/** A CA, and a server certificate for DNS:localhost signed by it. */
async function makeCa(name: string): Promise<void> {
  await openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=${name}`, '-keyout', `${name}.key`, '-out', `${name}.crt`);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pgparity-tls-'));
  await chmod(dir, 0o755);
  await makeCa('ca');
  await makeCa('other-ca');
  await openssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-keyout', 'server.key', '-out', 'server.csr');
  await writeFile(join(dir, 'san.ext'), 'subjectAltName=DNS:localhost\n');
  await openssl(
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    'san.ext',
    '-out',
    'server.crt',
  );
  await chmod(join(dir, 'server.key'), 0o600);
  // Under root the server runs as `postgres`, which must own its key.
  if (userInfo().uid === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    await chown(join(dir, 'server.key'), Number(stdout.trim()), 0);
  }
  server = await startEmbeddedServer(undefined, {
    extraSettings: ['ssl=on', `ssl_cert_file=${join(dir, 'server.crt')}`, `ssl_key_file=${join(dir, 'server.key')}`],
  });
  const db = await server.createDatabase();
  port = db.target.port;
  password = db.target.password ?? '';
  // TCP connections only over TLS: a plain one is refused, so a success proves TLS was used.
  const hba = join(db.target.host, 'pg_hba.conf');
  await writeFile(hba, (await readFile(hba, 'utf8')).replace(/^host(\s)/gm, 'hostssl$1'));
  const client = await connect({ ...db.target, database: 'postgres' }, { readOnly: false });
  await client.query('select pg_reload_conf()');
  await client.end();
  home = join(dir, 'home');
  await run('mkdir', ['-p', home]);
}, 180_000);

afterAll(async () => {
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function url(host: string, params: string): string {
  return `postgres://postgres:${password}@${host}:${port}/postgres?${params}`;
}

async function snapshot(source: string, env: Record<string, string> = {}) {
  return runCli(['snapshot', source, '-o', join(dir, 'out.json')], { env: { HOME: home, ...env } });
}

describe('sslmode against a server with a self-signed CA', () => {
  test('verify-full with the right CA connects', async () => {
    const r = await snapshot(url('localhost', `sslmode=verify-full&sslrootcert=${join(dir, 'ca.crt')}`));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  test('verify-full with the wrong CA fails with exit 3 and one line', async () => {
    const r = await snapshot(url('localhost', `sslmode=verify-full&sslrootcert=${join(dir, 'other-ca.crt')}`));
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(
      /^pgparity: cannot connect to postgres:\/\/postgres@localhost:\d+\/postgres: the server's certificate cannot be verified \([^)\n]+\) — check sslrootcert \(the CA that signed it\) and sslmode\n$/,
    );
    expect(r.stderr).not.toContain(password);
  });

  test('verify-full checks the host name; verify-ca does not', async () => {
    const full = await snapshot(url('127.0.0.1', `sslmode=verify-full&sslrootcert=${join(dir, 'ca.crt')}`));
    expect(full).toEqual({
      code: 3,
      stdout: '',
      stderr: `pgparity: cannot connect to postgres://postgres@127.0.0.1:${port}/postgres: the server's certificate is not for host "127.0.0.1" — connect by a name the certificate lists, or use sslmode=verify-ca\n`,
    });
    const ca = await snapshot(url('127.0.0.1', `sslmode=verify-ca&sslrootcert=${join(dir, 'ca.crt')}`));
    expect(ca.code).toBe(0);
  });

  test('require and the default (prefer) use TLS; disable is refused by hostssl', async () => {
    expect((await snapshot(url('localhost', 'sslmode=require'))).code).toBe(0);
    expect((await snapshot(url('localhost', 'connect_timeout=10'))).code).toBe(0);
    const plain = await snapshot(url('localhost', 'sslmode=disable'));
    expect(plain.code).toBe(3);
    expect(plain.stderr).toMatch(
      /^pgparity: the server refused user "postgres" at postgres:\/\/postgres@localhost:\d+\/postgres \(no pg_hba.conf entry for host "127\.0\.0\.1", user "postgres", database "postgres", no encryption\): check pg_hba\.conf and the user name\n$/,
    );
  });

  test('verify-full without a root certificate says which file is missing (exit 2)', async () => {
    const r = await snapshot(url('localhost', 'sslmode=verify-full'));
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: `pgparity: sslmode=verify-full needs the certificate of the CA that signed the server's: root certificate file ${join(home, '.postgresql', 'root.crt')} does not exist; set sslrootcert=FILE (or PGSSLROOTCERT), sslrootcert=system for the system's CAs, or a weaker sslmode\n`,
    });
  });

  test('PGSSLMODE and PGSSLROOTCERT apply to a keyword/value string, as in libpq', async () => {
    const r = await snapshot(`host=localhost port=${port} user=postgres password=${password} dbname=postgres`, {
      PGSSLMODE: 'verify-full',
      PGSSLROOTCERT: join(dir, 'ca.crt'),
    });
    expect(r.code).toBe(0);
    const wrong = await snapshot(`host=localhost port=${port} user=postgres password=${password} dbname=postgres`, {
      PGSSLMODE: 'verify-full',
      PGSSLROOTCERT: join(dir, 'other-ca.crt'),
    });
    expect(wrong.code).toBe(3);
  });
});

describe('password file and service file', () => {
  test('a service (PGSERVICEFILE) with TLS settings, its password from ~/.pgpass', async () => {
    const services = join(dir, 'services.conf');
    await writeFile(services, `[tls]\nhost=localhost\nport=${port}\nuser=postgres\ndbname=postgres\nsslmode=verify-full\nsslrootcert=${join(dir, 'ca.crt')}\n`);
    await writeFile(join(home, '.pgpass'), `localhost:${port}:postgres:postgres:${password}\n`, { mode: 0o600 });
    try {
      const r = await runCli(['snapshot', 'service=tls', '-o', join(dir, 'service.json')], { env: { HOME: home, PGSERVICEFILE: services } });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      // PGSERVICE alone names the live database.
      const viaEnv = await runCli(['verify', '--snapshot', join(dir, 'service.json')], { env: { HOME: home, PGSERVICEFILE: services, PGSERVICE: 'tls' } });
      expect(viaEnv.stderr).toBe('');
      expect(viaEnv.code).toBe(0);
      // A password file others can read is ignored, with a warning: then the password is missing.
      await chmod(join(home, '.pgpass'), 0o644);
      const exposed = await runCli(['verify', '--snapshot', join(dir, 'service.json')], { env: { HOME: home, PGSERVICEFILE: services, PGSERVICE: 'tls' } });
      expect(exposed.code).toBe(3);
      expect(exposed.stderr).toBe(
        `pgparity: password authentication failed for user "postgres" at postgres://postgres@localhost:${port}/postgres: check the password in the URL, DATABASE_URL or PGPASSWORD (password file ${join(home, '.pgpass')} has group or world access and is ignored; permissions should be u=rw (0600) or less)\n`,
      );
    } finally {
      await rm(join(home, '.pgpass'), { force: true });
    }
  });
});
