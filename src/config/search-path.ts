import { ConfigError } from '../model/errors.js';

/*
 * `--search-path` and the config key `searchPath`, checked where the settings are merged; kept apart
 * from src/replay/search-path.ts (which applies them) so that reading settings loads no replay code.
 */

/**
 * The schemas a replay runs in: created (if missing) before the first migration, and put first in
 * the search_path of every migration session, before PostgreSQL's default `"$user", public`.
 */
export interface ReplaySchemas {
  /** In search_path order. */
  readonly searchPath: readonly string[];
  /** Created if missing: the search path's schemas, and Flyway's other `schemas`. */
  readonly create: readonly string[];
  /** Where it was said: `--search-path`, or a Flyway settings file. */
  readonly from: string;
}

/** `--search-path app,audit` (or the config file's `searchPath`): the schema names, checked; undefined when not given. */
export function parseSearchPath(values: readonly string[] | undefined, flag = '--search-path'): ReplaySchemas | undefined {
  if (values === undefined || values.length === 0) return undefined;
  const names = values.flatMap((v) => v.split(',')).map((v) => v.trim());
  if (names.some((n) => n === '')) {
    throw new ConfigError(`${flag} "${values.join(',')}": a schema name is empty: give schema names separated by commas, e.g. ${flag} app,audit`);
  }
  const unique = [...new Set(names)];
  return { searchPath: unique, create: unique, from: flag };
}
