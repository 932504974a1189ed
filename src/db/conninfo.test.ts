import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseConninfo, redactConnectionString } from './conninfo.js';
import { resolveTarget } from './target.js';

const NO_HOME = { HOME: '/nonexistent' };

describe('connection strings', () => {
  test('keyword/value, quoted values with escapes', () => {
    expect(parseConninfo(`host=db port = 6432 user=u password='s3 cret\\'PW!' dbname=d sslmode=require`)).toEqual({
      host: 'db',
      port: '6432',
      user: 'u',
      password: "s3 cret'PW!",
      dbname: 'd',
      sslmode: 'require',
    });
  });

  test('URL with percent-escapes, socket directory, IPv6 and parameters', () => {
    expect(parseConninfo('postgres://app:p%40ss@%2Fvar%2Frun%2Fpostgresql:5433/my%20db?sslmode=verify-full&sslrootcert=/ca.pem')).toEqual({
      host: '/var/run/postgresql',
      port: '5433',
      user: 'app',
      password: 'p@ss',
      dbname: 'my db',
      sslmode: 'verify-full',
      sslrootcert: '/ca.pem',
    });
    expect(parseConninfo('postgresql://[::1]/d')).toEqual({ host: '::1', dbname: 'd' });
  });

  test('errors never repeat the password', () => {
    expect(() => parseConninfo(`host=db password=s3cretPW! bogus=1`)).toThrow(
      'cannot parse the connection string host=db password=*** bogus=1: unknown keyword "bogus"',
    );
    expect(() => parseConninfo(`postgres://u:s3cretPW!@db/d?nope=1`)).toThrow(
      'cannot parse the database URL postgres://u@db/d?nope=1: unknown parameter "nope"',
    );
    expect(() => resolveTarget('user=u password=s3cretPW! dbname', NO_HOME)).toThrow(
      'cannot parse the connection string user=u password=*** dbname: missing "=" after "dbname"',
    );
  });

  test('redaction of both forms', () => {
    expect(redactConnectionString(`host=h user=u password=s3cretPW! dbname=d`)).toBe('host=h user=u password=*** dbname=d');
    expect(redactConnectionString(`host=h password = 'a b\\'c' dbname=d`)).toBe('host=h password = *** dbname=d');
    expect(redactConnectionString('postgres://u:s3cretPW!@h/d?password=x&a=b')).toBe('postgres://u@h/d?password=***&a=b');
  });
});

describe('completed as libpq completes them', () => {
  test('PG* variables fill what the string leaves out; sslmode defaults to prefer', () => {
    const { target } = resolveTarget('dbname=d', {
      ...NO_HOME,
      PGHOST: 'h',
      PGPORT: '6000',
      PGUSER: 'u',
      PGPASSWORD: 'pw',
      PGSSLMODE: 'verify-ca',
      PGSSLROOTCERT: '/ca',
    });
    expect(target).toEqual({ host: 'h', port: 6000, user: 'u', password: 'pw', database: 'd', ssl: { mode: 'verify-ca', rootCert: '/ca' } });
    expect(resolveTarget('postgres://u@h/d', NO_HOME).target.ssl).toEqual({ mode: 'prefer' });
    expect(() => resolveTarget('postgres://u@h/d?sslmode=sometimes', NO_HOME)).toThrow(
      'invalid sslmode "sometimes": expected one of disable, allow, prefer, require, verify-ca, verify-full',
    );
  });

  test('a service from PGSERVICEFILE, then PGSYSCONFDIR; the string and then the service win over PG*', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pgparity-service-'));
    await writeFile(join(dir, 'mine.conf'), '# mine\n[app]\nhost=svc-host\nport=7000\ndbname=svc_db\n');
    await writeFile(join(dir, 'pg_service.conf'), '[sys]\nhost=sys-host\nuser=sys_user\nsslmode=require\n');
    const env = { ...NO_HOME, PGSERVICEFILE: join(dir, 'mine.conf'), PGSYSCONFDIR: dir, PGHOST: 'env-host', PGUSER: 'env_user' };
    expect(resolveTarget('service=app port=7001', env).target).toEqual({
      host: 'svc-host',
      port: 7001,
      user: 'env_user',
      database: 'svc_db',
      ssl: { mode: 'prefer' },
    });
    expect(resolveTarget(undefined, { ...env, PGSERVICE: 'sys' }).target).toEqual({
      host: 'sys-host',
      port: 5432,
      user: 'sys_user',
      database: 'sys_user',
      ssl: { mode: 'require' },
    });
    expect(() => resolveTarget('service=nope', env)).toThrow(
      `definition of service "nope" not found in ${join(dir, 'mine.conf')} or ${join(dir, 'pg_service.conf')}`,
    );
  });

  test('the password file: first matching line, wildcards, escapes; ignored when others can read it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pgparity-pgpass-'));
    const file = join(dir, 'pgpass');
    await writeFile(file, '# comment\nother:*:*:*:nope\ndb:5432:prod:app:pa\\:ss\\\\1\n*:*:*:app:fallback\n');
    await chmod(file, 0o600);
    expect(resolveTarget('host=db dbname=prod user=app', { ...NO_HOME, PGPASSFILE: file })).toEqual({
      target: { host: 'db', port: 5432, user: 'app', password: 'pa:ss\\1', database: 'prod', ssl: { mode: 'prefer' } },
      warnings: [],
    });
    expect(resolveTarget(`host=db dbname=other user=app passfile=${file}`, NO_HOME).target.password).toBe('fallback');
    expect(resolveTarget('host=db dbname=prod user=app password=given', { ...NO_HOME, PGPASSFILE: file }).target.password).toBe('given');
    await writeFile(join(dir, '.pgpass'), 'db:5432:prod:app:from-home\n');
    await chmod(join(dir, '.pgpass'), 0o600);
    expect(resolveTarget('host=db dbname=prod user=app', { HOME: dir }).target.password).toBe('from-home');
    await chmod(file, 0o644);
    expect(resolveTarget('host=db dbname=prod user=app', { ...NO_HOME, PGPASSFILE: file })).toEqual({
      target: {
        host: 'db',
        port: 5432,
        user: 'app',
        database: 'prod',
        ssl: { mode: 'prefer' },
        passwordNote: `password file ${file} has group or world access and is ignored; permissions should be u=rw (0600) or less`,
      },
      warnings: [`password file ${file} has group or world access and is ignored; permissions should be u=rw (0600) or less`],
    });
  });
});
