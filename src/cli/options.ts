import type { Argv } from 'yargs';
import { ConfigError } from '../model/errors.js';
import { ACCESS_DETAILS, type AccessDetail } from '../model/objects.js';
import type { SessionLimits } from '../db/limits.js';
import { REPORT_FORMATS } from '../report/formats.js';
import { withTimeoutOptions } from './live-options.js';

export const FORMATS = REPORT_FORMATS;
export type Format = (typeof FORMATS)[number];

/** `--search-path`: the schemas a replay of migrations runs in (src/replay/search-path.ts). */
export const SEARCH_PATH_OPTION = {
  type: 'string',
  array: true,
  describe:
    'replay migrations with these schemas (comma-separated, in order) created if missing and first in search_path, before "$user", public (default: what Flyway settings say)',
} as const;

/** Options every command that reads a database shares. */
export function withConnectionOptions<T>(y: Argv<T>) {
  return withTimeoutOptions(
    withSchemaOptions(
      y.option('scratch', {
        type: 'string',
        // No yargs default: unset lets the config file's `scratch` apply (else embedded).
        describe: 'where migrations are replayed: embedded (default) | docker[:IMAGE] | postgres://admin@host/db (a server pgparity may create databases on)',
      }),
    ),
    'any catalog query',
  )
    .option('search-path', SEARCH_PATH_OPTION)
    .option('cache', {
      type: 'boolean',
      default: true,
      describe: 'reuse earlier replays of unchanged migration files from the cache directory (--no-cache: always replay in full)',
    });
}

/** The config file, and which schemas are read (the SchemaFilter's schema part; `--exclude-table` is a report option). */
export function withSchemaOptions<T>(y: Argv<T>) {
  return y
    .option('config', {
      type: 'string',
      describe: 'config file (default: pgparity.config.json, .pgparityrc.json or "pgparity" in package.json, in the current directory)',
    })
    .option('schema', { type: 'string', array: true, describe: 'compare only these schemas (repeatable)' })
    .option('exclude-schema', { type: 'string', array: true, describe: 'leave these schemas out (repeatable)' });
}

/** `--color` / `--no-color`, for the commands whose text report may be coloured. */
export function withColorOption<T>(y: Argv<T>) {
  return y.option('color', { type: 'boolean', describe: 'force colour on or off (default: on a TTY unless NO_COLOR is set)' });
}

/** `--format` and `--output`, repeatable and paired in order: several reports from one run. */
export function withFormatOptions<T, const F extends readonly string[]>(y: Argv<T>, formats: F) {
  return y
    .option('format', { type: 'string', array: true, choices: formats, describe: 'report format; repeat with --output to write several' })
    .option('output', { alias: 'o', type: 'string', array: true, describe: 'write the report to FILE instead of stdout (pairs with --format in order)' });
}

/** `--quiet`, for the commands that say on stderr what they are doing. */
export function withQuietOption<T>(y: Argv<T>) {
  return y.option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'no progress on stderr' });
}

/** `--include owner,privileges` (check, diff, snapshot): what is left out unless asked for. */
export function withIncludeOption<T>(y: Argv<T>) {
  return y.option('include', {
    type: 'string',
    array: true,
    describe: `also compare ${ACCESS_DETAILS.join(', ')} (comma-separated or repeated): each object's owner, its privileges as sorted grant entries`,
  });
}

export function includeFrom(values: readonly string[] | undefined): AccessDetail[] {
  const details = (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
  for (const detail of details) {
    if (!(ACCESS_DETAILS as readonly string[]).includes(detail)) throw new ConfigError(`--include ${detail}: expected ${ACCESS_DETAILS.join(' or ')}`);
  }
  return [...new Set(details as AccessDetail[])];
}

/** Options of the commands that compare and report. */
export function withReportOptions<T>(y: Argv<T>) {
  return withColorOption(
    withComparisonOptions(
      withFormatOptions(y, FORMATS)
        .option('fail-on', {
          type: 'string',
          choices: ['error', 'warning', 'info'] as const,
          describe: 'lowest severity that makes the exit code 1 (default: error)',
        })
        .option('waivers', { type: 'string', describe: 'waiver file of accepted drift (default: pgparity.waivers.json when present)' }),
    ),
  );
}

/** What a comparison leaves out or looks past (the report commands, and rehearse's comparisons). */
export function withComparisonOptions<T>(y: Argv<T>) {
  return y
    .option('exclude-table', { type: 'string', array: true, describe: 'leave tables out by pattern: audit_* or public.audit_* (repeatable)' })
    .option('exclude-object', {
      type: 'string',
      array: true,
      describe: 'leave objects out by [kind:]pattern on their key: index:public.*_tmp_idx (repeatable)',
    })
    .option('include-history-tables', {
      type: 'boolean',
      default: false,
      describe: 'also compare migration history tables (alembic_version, flyway_schema_history, …)',
    })
    .option('ignore-column-order', { type: 'boolean', default: false, describe: 'do not report column order differences' });
}

export function limitsFrom(argv: { statementTimeout: number; lockTimeout: number; connectTimeout: number }): SessionLimits {
  for (const [flag, value] of [
    ['--statement-timeout', argv.statementTimeout],
    ['--lock-timeout', argv.lockTimeout],
    ['--connect-timeout', argv.connectTimeout],
  ] as const) {
    if (!Number.isFinite(value) || value <= 0) throw new ConfigError(`${flag} must be a positive number of seconds, got ${value}`);
  }
  return {
    statementTimeoutMs: Math.round(argv.statementTimeout * 1000),
    lockTimeoutMs: Math.round(argv.lockTimeout * 1000),
    connectTimeoutMs: Math.round(argv.connectTimeout * 1000),
  };
}
