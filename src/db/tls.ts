import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ConnectionOptions } from 'node:tls';
import { ConfigError } from '../model/errors.js';
import type { ConnectionTarget, TlsSettings } from './target.js';

/** node-postgres' `ssl` for one attempt: false for a plain connection. */
export type SslOption = false | ConnectionOptions;

/**
 * The connection attempts libpq's sslmode makes, in order: `prefer` tries TLS then plain (the
 * default; plain only over a Unix socket), `allow` plain then TLS, `require` TLS without checking
 * the certificate (unless a root certificate is there: then as verify-ca, as libpq does),
 * `verify-ca` the chain against sslrootcert, `verify-full` the chain and the host name.
 */
export function sslAttempts(target: ConnectionTarget, home: string = process.env.HOME ?? homedir()): SslOption[] {
  const tls = target.ssl;
  if (!tls || tls.mode === 'disable' || target.host.startsWith('/')) return [false];
  const client = clientCertificate(tls, home);
  const unverified: ConnectionOptions = { rejectUnauthorized: false, ...client };
  switch (tls.mode) {
    case 'allow':
      return [false, unverified];
    case 'prefer':
      return [unverified, false];
    case 'require': {
      const root = rootCertificate(tls, home, false);
      return [root === undefined ? unverified : { ...root, ...client, checkServerIdentity: () => undefined }];
    }
    case 'verify-ca':
      return [{ ...rootCertificate(tls, home, true), ...client, checkServerIdentity: () => undefined }];
    case 'verify-full':
      return [{ ...rootCertificate(tls, home, true), ...client }];
  }
}

/** `{ ca }` from sslrootcert (default ~/.postgresql/root.crt); `{}` for sslrootcert=system (the system's CAs). */
function rootCertificate(tls: TlsSettings, home: string, required: true): ConnectionOptions;
function rootCertificate(tls: TlsSettings, home: string, required: boolean): ConnectionOptions | undefined;
function rootCertificate(tls: TlsSettings, home: string, required: boolean): ConnectionOptions | undefined {
  if (tls.rootCert === 'system') return { rejectUnauthorized: true };
  const file = tls.rootCert ?? join(home, '.postgresql', 'root.crt');
  if (!existsSync(file)) {
    if (!required) return undefined;
    throw new ConfigError(
      `sslmode=${tls.mode} needs the certificate of the CA that signed the server's: root certificate file ${file} does not exist; set sslrootcert=FILE (or PGSSLROOTCERT), sslrootcert=system for the system's CAs, or a weaker sslmode`,
    );
  }
  return { rejectUnauthorized: true, ca: readPem(file, 'sslrootcert') };
}

/** The client certificate and key (default ~/.postgresql/postgresql.crt and .key), when there is one. */
function clientCertificate(tls: TlsSettings, home: string): ConnectionOptions {
  const certFile = tls.cert ?? join(home, '.postgresql', 'postgresql.crt');
  if (!existsSync(certFile)) return {};
  const keyFile = tls.key ?? join(home, '.postgresql', 'postgresql.key');
  if (!existsSync(keyFile)) throw new ConfigError(`certificate ${certFile} is there but its key ${keyFile} is not: set sslkey=FILE (or PGSSLKEY)`);
  return { cert: readPem(certFile, 'sslcert'), key: readPem(keyFile, 'sslkey') };
}

function readPem(file: string, setting: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read ${setting} ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
