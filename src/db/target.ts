import { parse } from 'pg-connection-string';
import { ConfigError } from '../model/errors.js';

/** A database to connect to. `password` is kept here and nowhere else. */
export interface ConnectionTarget {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password?: string;
  readonly database: string;
  readonly ssl?: boolean | 'require' | 'no-verify';
}

export function isPostgresUrl(value: string): boolean {
  return /^postgres(ql)?:\/\//i.test(value);
}

/** Parse a `postgres://` URL; the error message never repeats the URL (it may hold a password). */
export function parseTarget(url: string): ConnectionTarget {
  if (!isPostgresUrl(url)) throw new ConfigError(`not a PostgreSQL URL: ${redactUrl(url)} (expected postgres://user@host:port/database)`);
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(url);
  } catch {
    throw new ConfigError(`cannot parse the database URL ${redactUrl(url)}: check its syntax (postgres://user:password@host:port/database)`);
  }
  const sslmode = /[?&]sslmode=([^&]+)/.exec(url)?.[1];
  return {
    host: parsed.host || 'localhost',
    port: parsed.port ? Number(parsed.port) : 5432,
    user: parsed.user || process.env.USER || 'postgres',
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    database: parsed.database || parsed.user || 'postgres',
    ...(sslmode && sslmode !== 'disable' && sslmode !== 'prefer' && sslmode !== 'allow'
      ? { ssl: sslmode === 'require' ? ('no-verify' as const) : true }
      : {}),
  };
}

/** `postgres://user@host:port/db`: how a target is shown anywhere, never with its password. */
export function describeTarget(target: ConnectionTarget): string {
  const host = target.host.startsWith('/') ? `[${target.host}]` : target.host;
  return `postgres://${encodeURIComponent(target.user)}@${host}:${target.port}/${encodeURIComponent(target.database)}`;
}

/** The same URL with any password removed; safe for messages even when the URL does not parse. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]*):[^@/]*@/, '$1@').replace(/([?&]password=)[^&]*/gi, '$1***');
}

/** A URL holding the password, for handing to a child process' environment only. */
export function targetUrl(target: ConnectionTarget): string {
  const auth = target.password ? `${encodeURIComponent(target.user)}:${encodeURIComponent(target.password)}` : encodeURIComponent(target.user);
  // libpq and pg-connection-string both read a percent-encoded socket directory as the host.
  const host = target.host.startsWith('/') ? encodeURIComponent(target.host) : target.host;
  // postgresql://, the scheme every client accepts: SQLAlchemy 1.4+ rejects postgres:// ("Can't load plugin").
  return `postgresql://${auth}@${host}:${target.port}/${encodeURIComponent(target.database)}`;
}
