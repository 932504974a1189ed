import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../model/errors.js';
import type { Conninfo } from './conninfo.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The connection service file, as libpq reads it: `[name]` sections of `keyword=value` lines,
 * looked up in PGSERVICEFILE (else ~/.pg_service.conf), then in PGSYSCONFDIR/pg_service.conf.
 */
export function serviceSettings(service: string, env: Env, home: string): Conninfo {
  const files = [env.PGSERVICEFILE ?? join(home, '.pg_service.conf'), ...(env.PGSYSCONFDIR ? [join(env.PGSYSCONFDIR, 'pg_service.conf')] : [])];
  for (const file of files) {
    const text = readIfExists(file);
    if (text === undefined) {
      if (file === env.PGSERVICEFILE) throw new ConfigError(`service file ${file} (PGSERVICEFILE) not found: check the path`);
      continue;
    }
    const found = serviceSection(text, service, file);
    if (found) return found;
  }
  throw new ConfigError(`definition of service "${service}" not found in ${files.join(' or ')}: check PGSERVICE / service=, or PGSERVICEFILE`);
}

function serviceSection(text: string, service: string, file: string): Conninfo | undefined {
  let current: string | undefined;
  let found: Record<string, string> | undefined;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const section = /^\[(.*)\]$/.exec(line);
    if (section) {
      current = section[1];
      if (current === service) found ??= {};
      return;
    }
    if (current !== service || !found) return;
    const eq = line.indexOf('=');
    if (eq <= 0) throw new ConfigError(`syntax error in service file ${file}, line ${index + 1}: expected keyword=value`);
    const key = line.slice(0, eq).trim();
    if (key === 'service') throw new ConfigError(`nested service specifications are not supported in service file ${file}, line ${index + 1}`);
    found[key] = line.slice(eq + 1).trim();
  });
  return found;
}

/** What `lookupPassword` found, and why a password file was skipped. */
export interface PasswordLookup {
  readonly password?: string;
  readonly warning?: string;
}

/**
 * The password for host:port:database:user from the password file (PGPASSFILE or `passfile`,
 * else ~/.pgpass), as libpq: the first matching line wins, `*` matches anything, `\:` and `\\`
 * escape; `localhost` also matches a Unix socket. A file others can read is ignored, with a warning.
 */
export function lookupPassword(file: string, host: string, port: number, database: string, user: string): PasswordLookup {
  let mode: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return {};
    mode = stat.mode;
  } catch {
    return {};
  }
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    return { warning: `password file ${file} has group or world access and is ignored; permissions should be u=rw (0600) or less` };
  }
  const text = readIfExists(file) ?? '';
  const wanted = [host.startsWith('/') ? 'localhost' : host, String(port), database, user];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const fields = splitFields(line);
    if (fields.length < 5) continue;
    if (wanted.every((value, i) => fields[i] === '*' || fields[i] === value)) return { password: fields.slice(4).join(':') };
  }
  return {};
}

function splitFields(line: string): string[] {
  const fields: string[] = [''];
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '\\' && i + 1 < line.length) fields[fields.length - 1] += line[++i];
    else if (ch === ':' && fields.length < 5) fields.push('');
    else fields[fields.length - 1] += ch;
  }
  return fields;
}

function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
