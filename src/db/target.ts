import { homedir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../model/errors.js';
import { isConnectionString, parseConninfo, redactConnectionString } from './conninfo.js';
import { lookupPassword, serviceSettings } from './libpq-files.js';

export { isConnectionString, redactConnectionString } from './conninfo.js';

export const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
export type SslMode = (typeof SSL_MODES)[number];

/** libpq's TLS settings; certificate paths as given (defaults under ~/.postgresql are applied at connect time). */
export interface TlsSettings {
  readonly mode: SslMode;
  readonly rootCert?: string;
  readonly cert?: string;
  readonly key?: string;
}

/** A database to connect to. `password` is kept here and nowhere else. */
export interface ConnectionTarget {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password?: string;
  readonly database: string;
  /** Absent: no TLS (targets pgparity builds itself, such as an embedded scratch server). */
  readonly ssl?: TlsSettings;
  /** Why no password was found where libpq looks (a password file others can read is ignored), for the error when one is asked for. */
  readonly passwordNote?: string;
}

export type Env = Readonly<Record<string, string | undefined>>;

/** Parse a connection string (URL or keyword/value) as libpq would; the error message never repeats it. */
export function parseTarget(text: string, env: Env = process.env): ConnectionTarget {
  return resolveTarget(text, env).target;
}

/**
 * A connection string completed as libpq completes it: what the string says, then the service
 * (`service=` or PGSERVICE) for what it leaves out, then the PG* variables, then defaults; the
 * password last from the password file. `text` undefined: the environment alone. `warnings`:
 * what a person should know (a password file others can read is ignored).
 */
export function resolveTarget(
  text: string | undefined,
  env: Env = process.env,
  home: string = env.HOME ?? homedir(),
): { target: ConnectionTarget; warnings: string[] } {
  if (text !== undefined && !isConnectionString(text)) {
    throw new ConfigError(
      `not a PostgreSQL connection string: ${redactConnectionString(text)} (expected postgres://user@host:port/database or host=… user=… dbname=…)`,
    );
  }
  const explicit = text === undefined ? {} : parseConninfo(text);
  const serviceName = explicit.service ?? env.PGSERVICE;
  const service = serviceName ? serviceSettings(serviceName, env, home) : {};
  const pick = (keyword: string, variable: string): string | undefined => explicit[keyword] ?? service[keyword] ?? (env[variable] || undefined);

  const host = pick('host', 'PGHOST') ?? pick('hostaddr', 'PGHOSTADDR') ?? 'localhost';
  if (host.includes(',')) throw new ConfigError(`several hosts (${host}) are not supported: give pgparity one host`);
  const portText = pick('port', 'PGPORT') ?? '5432';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) throw new ConfigError(`invalid port "${portText}": expected a number from 1 to 65535`);
  const user = pick('user', 'PGUSER') ?? env.USER ?? 'postgres';
  const database = pick('dbname', 'PGDATABASE') ?? user;
  const mode = pick('sslmode', 'PGSSLMODE') ?? (pick('requiressl', 'PGREQUIRESSL') === '1' ? 'require' : 'prefer');
  if (!(SSL_MODES as readonly string[]).includes(mode)) throw new ConfigError(`invalid sslmode "${mode}": expected one of ${SSL_MODES.join(', ')}`);
  const rootCert = pick('sslrootcert', 'PGSSLROOTCERT');
  const cert = pick('sslcert', 'PGSSLCERT');
  const key = pick('sslkey', 'PGSSLKEY');

  const warnings: string[] = [];
  let password = pick('password', 'PGPASSWORD');
  if (password === undefined) {
    const file = pick('passfile', 'PGPASSFILE') ?? join(home, '.pgpass');
    const found = lookupPassword(file, host, port, database, user);
    if (found.warning) warnings.push(found.warning);
    password = found.password;
  }
  const ssl: TlsSettings = { mode: mode as SslMode, ...(rootCert && { rootCert }), ...(cert && { cert }), ...(key && { key }) };
  const passwordNote = password === undefined ? warnings[0] : undefined;
  return { target: { host, port, user, ...(password !== undefined && { password }), database, ssl, ...(passwordNote && { passwordNote }) }, warnings };
}

/** `postgres://user@host:port/db`: how a target is shown anywhere, never with its password. */
export function describeTarget(target: ConnectionTarget): string {
  const host = target.host.startsWith('/') ? `[${target.host}]` : target.host;
  return `postgres://${encodeURIComponent(target.user)}@${host}:${target.port}/${encodeURIComponent(target.database)}`;
}

/** A URL holding the password, for handing to a child process' environment only. */
export function targetUrl(target: ConnectionTarget): string {
  const auth = target.password ? `${encodeURIComponent(target.user)}:${encodeURIComponent(target.password)}` : encodeURIComponent(target.user);
  // libpq and pg-connection-string both read a percent-encoded socket directory as the host.
  const host = target.host.startsWith('/') ? encodeURIComponent(target.host) : target.host;
  // postgresql://, the scheme every client accepts: SQLAlchemy 1.4+ rejects postgres:// ("Can't load plugin").
  return `postgresql://${auth}@${host}:${target.port}/${encodeURIComponent(target.database)}`;
}
