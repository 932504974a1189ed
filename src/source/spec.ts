import { statSync } from 'node:fs';
import { ConfigError } from '../model/errors.js';
import { isConnectionString, redactConnectionString } from '../db/target.js';

/** What a SOURCE argument names. */
export type SourceSpec =
  | { readonly type: 'url'; readonly url: string }
  | { readonly type: 'migrations'; readonly path: string }
  | { readonly type: 'sql-file'; readonly path: string }
  | { readonly type: 'snapshot'; readonly path: string }
  | { readonly type: 'replay-command'; readonly command: string; readonly cwd: string };

/** A `postgres://` URL, a directory of migrations, a `.sql` file or a `.json` snapshot. */
export function parseSourceSpec(value: string): SourceSpec {
  if (isConnectionString(value)) return { type: 'url', url: value };
  let isDirectory: boolean;
  try {
    isDirectory = statSync(value).isDirectory();
  } catch {
    throw new ConfigError(
      `source ${redactConnectionString(value)} does not exist: give a connection string (postgres://… or host=… dbname=…), a migrations directory, a .sql file or a .json snapshot`,
    );
  }
  if (isDirectory) return { type: 'migrations', path: value };
  if (value.endsWith('.json')) return { type: 'snapshot', path: value };
  if (value.endsWith('.sql')) return { type: 'sql-file', path: value };
  throw new ConfigError(`source ${value} is neither a directory, a .sql file nor a .json snapshot`);
}

/** Migrations replayed into a scratch server (a directory, a .sql file, a replay command), not a database or a snapshot file. */
export function isReplayed(spec: SourceSpec): boolean {
  return spec.type !== 'url' && spec.type !== 'snapshot';
}

/** How a source is named in reports: never with a password. */
export function describeSource(spec: SourceSpec): string {
  switch (spec.type) {
    case 'url':
      return redactConnectionString(spec.url);
    case 'migrations':
      return `migrations:${spec.path.replace(/\/+$/, '')}`;
    case 'sql-file':
      return `sql:${spec.path}`;
    case 'snapshot':
      return `snapshot:${spec.path}`;
    case 'replay-command':
      return `command:${spec.command}`;
  }
}
