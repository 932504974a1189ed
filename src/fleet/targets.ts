import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from '../model/errors.js';
import { parseTarget, type ConnectionTarget } from '../db/target.js';

/** One database of a fleet, as the targets file or `--targets-query` names it. */
export interface FleetTarget {
  readonly name: string;
  /** Never reported: it may hold a password. */
  readonly target: ConnectionTarget;
}

/**
 * A targets file: a JSON or YAML list of `{ name, url }` (or `{ targets: [...] }`). `${NAME}` in a
 * URL is replaced from the environment, so the file needs no password.
 */
export async function readTargetsFile(path: string, env: Readonly<Record<string, string | undefined>>): Promise<FleetTarget[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `cannot read the targets file ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
    );
  }
  let data: unknown;
  try {
    data = /\.json$/i.test(path) ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ConfigError(`${path} is not valid ${/\.json$/i.test(path) ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}`);
  }
  const list = Array.isArray(data) ? data : (data as { targets?: unknown } | null)?.targets;
  if (!Array.isArray(list) || list.length === 0) throw new ConfigError(`${path}: expected a list of { "name": …, "url": … } (or { "targets": [ … ] })`);
  const seen = new Set<string>();
  return list.map((entry: unknown, i) => {
    const { name, url } = (entry ?? {}) as { name?: unknown; url?: unknown };
    if (typeof name !== 'string' || name === '' || typeof url !== 'string' || url === '') {
      throw new ConfigError(`${path}: target ${i + 1} needs a "name" and a "url" (strings)`);
    }
    if (seen.has(name)) throw new ConfigError(`${path}: two targets are named "${name}": names identify targets in reports and shards`);
    seen.add(name);
    return { name, target: parseTarget(substituteEnv(url, env, `${path}: target "${name}"`)) };
  });
}

/** `${NAME}` → the variable's value; an unset variable is an error, not an empty string in a URL. */
export function substituteEnv(text: string, env: Readonly<Record<string, string | undefined>>, where: string): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
    const value = env[name];
    if (value === undefined) throw new ConfigError(`${where}: the environment variable ${name} is not set`);
    return value;
  });
}

/** `--targets-query`: each row's first column names a database on the `--url` server, reached as `--url` is. */
export function targetsFromDatabaseNames(server: ConnectionTarget, names: readonly string[]): FleetTarget[] {
  return [...new Set(names)].sort().map((name) => ({ name, target: { ...server, database: name } }));
}
