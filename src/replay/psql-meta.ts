import { ReplayError } from '../model/errors.js';
import { caretExcerpt } from './excerpt.js';
import type { Migration } from './discover.js';

/**
 * psql meta-commands that change nothing in the schema. Recent pg_dump versions wrap
 * every dump in `\restrict KEY` … `\unrestrict KEY`, so a plain `pg_dump --schema-only`
 * baseline holds them.
 */
const HARMLESS = new Set(['restrict', 'unrestrict', 'set', 'unset', 'echo', 'qecho', 'timing', 'pset', 'encoding']);

const META_LINE = /^\\([A-Za-z_]+)[^\n]*$/gm;

/**
 * Blank out harmless psql meta-commands (same length, so every error position in the
 * file stays right); any other meta-command (`\connect`, `\i`, `\copy`) is not plain
 * SQL and stops the replay with its location and the way out.
 */
export function withoutPsqlMetaCommands(migration: Migration): Migration {
  if (!migration.sql.includes('\\')) return migration;
  const sql = migration.sql.replace(META_LINE, (line, command: string, offset: number) => {
    if (HARMLESS.has(command)) return ' '.repeat(line.length);
    const lineNo = migration.sql.slice(0, offset).split('\n').length;
    throw new ReplayError(
      `migration ${migration.file}:${lineNo}:1 uses the psql meta-command \\${command}, which is not SQL: remove it, or replay with --replay-cmd "psql -v ON_ERROR_STOP=1 -f ${migration.file}"`,
      { file: migration.file, line: lineNo, column: 1 },
      caretExcerpt(migration.sql, offset),
    );
  });
  return sql === migration.sql ? migration : { ...migration, sql };
}
