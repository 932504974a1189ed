import { ConfigError } from '../model/errors.js';

/**
 * libpq connection strings, in both standard forms: `postgres://user:pw@host:port/db?sslmode=…`
 * and keyword/value (`host=db user=app password='s3 cret' dbname=prod`). Parsed here rather than
 * by pg-connection-string, which prints a multi-line SECURITY WARNING for `sslmode=require` and
 * knows no keyword/value form. Error messages never repeat the string: it may hold a password.
 */
export type Conninfo = Readonly<Record<string, string>>;

/** The keywords pgparity uses; any other libpq keyword is accepted and ignored. */
const KNOWN_KEYWORDS = new Set([
  'host',
  'hostaddr',
  'port',
  'dbname',
  'user',
  'password',
  'passfile',
  'service',
  'sslmode',
  'sslrootcert',
  'sslcert',
  'sslkey',
  'connect_timeout',
  'application_name',
  'options',
  'sslpassword',
  'sslcrl',
  'sslcompression',
  'sslsni',
  'requiressl',
  'gssencmode',
  'target_session_attrs',
  'load_balance_hosts',
  'channel_binding',
  'client_encoding',
  'keepalives',
  'sslnegotiation',
  'require_auth',
  'krbsrvname',
  'gsslib',
  'replication',
  'fallback_application_name',
  'keepalives_idle',
  'keepalives_interval',
  'keepalives_count',
  'tcp_user_timeout',
  'ssl_min_protocol_version',
  'ssl_max_protocol_version',
  'sslcertmode',
  'sslkeylogfile',
  'min_protocol_version',
  'max_protocol_version',
]);

export function isPostgresUrl(value: string): boolean {
  return /^postgres(ql)?:\/\//i.test(value);
}

/** `host=… dbname=…`: starts with a libpq keyword and `=` (a file path rarely does). */
export function isKeywordValueString(value: string): boolean {
  const keyword = /^\s*([a-z_]+)\s*=/.exec(value)?.[1];
  return keyword !== undefined && KNOWN_KEYWORDS.has(keyword);
}

/** Either form of connection string. */
export function isConnectionString(value: string): boolean {
  return isPostgresUrl(value) || isKeywordValueString(value);
}

export function parseConninfo(text: string): Conninfo {
  return isPostgresUrl(text) ? parseUrl(text) : parseKeywordValue(text);
}

function parseUrl(text: string): Conninfo {
  const bad = (why: string): never => {
    throw new ConfigError(`cannot parse the database URL ${redactConnectionString(text)}: ${why} (postgres://user:password@host:port/database)`);
  };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return bad('check its syntax');
  }
  const out: Record<string, string> = {};
  const decode = (part: string, what: string): string => {
    try {
      return decodeURIComponent(part);
    } catch {
      return bad(`its ${what} has a bad %-escape`);
    }
  };
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host !== '') out.host = decode(host, 'host');
  if (url.port !== '') out.port = url.port;
  if (url.username !== '') out.user = decode(url.username, 'user name');
  if (url.password !== '') out.password = decode(url.password, 'password');
  const database = url.pathname.replace(/^\//, '');
  if (database !== '') out.dbname = decode(database, 'database name');
  for (const [key, value] of url.searchParams) {
    // `ssl=true` (node-postgres, JDBC) means sslmode=require.
    if (key === 'ssl') {
      if (value === 'true' || value === '1') out.sslmode ??= 'require';
      continue;
    }
    if (!KNOWN_KEYWORDS.has(key)) bad(`unknown parameter "${key}"`);
    out[key] = value;
  }
  return out;
}

/** libpq's keyword/value syntax: `k = v`, values single-quoted with `\'` and `\\` escapes. */
function parseKeywordValue(text: string): Conninfo {
  const out: Record<string, string> = {};
  let at = 0;
  const skipSpace = () => {
    while (at < text.length && /\s/.test(text[at]!)) at++;
  };
  const bad = (why: string): never => {
    throw new ConfigError(`cannot parse the connection string ${redactConnectionString(text)}: ${why} (host=… port=… user=… dbname=…)`);
  };
  for (skipSpace(); at < text.length; skipSpace()) {
    const key = /^[A-Za-z_]+/.exec(text.slice(at))?.[0];
    if (key === undefined) return bad(`expected a keyword at character ${at + 1}`);
    at += key.length;
    skipSpace();
    if (text[at] !== '=') return bad(`missing "=" after "${key}"`);
    at++;
    skipSpace();
    let value = '';
    if (text[at] === "'") {
      at++;
      while (at < text.length && text[at] !== "'") {
        if (text[at] === '\\' && at + 1 < text.length) at++;
        value += text[at];
        at++;
      }
      if (text[at] !== "'") return bad(`unterminated quoted value of "${key}"`);
      at++;
    } else {
      while (at < text.length && !/\s/.test(text[at]!)) {
        if (text[at] === '\\' && at + 1 < text.length) at++;
        value += text[at];
        at++;
      }
    }
    if (!KNOWN_KEYWORDS.has(key)) return bad(`unknown keyword "${key}"`);
    out[key] = value;
  }
  return out;
}

/** The same string with any password replaced by `***`; safe for messages even when it does not parse. */
export function redactConnectionString(text: string): string {
  return text
    .replace(/(\/\/[^:/@\s]*):\S*@/g, '$1@')
    .replace(/([?&]password=)[^&\s]*/gi, '$1***')
    .replace(/(^|\s)(password\s*=\s*)('(?:[^'\\]|\\.)*'?|\S*)/gi, '$1$2***');
}
