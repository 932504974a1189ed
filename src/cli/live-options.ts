import type { Argv } from 'yargs';
import { DEFAULT_LIMITS } from '../db/limits.js';
import { ConfigError } from '../model/errors.js';

/** Bounds on the live session, for commands that only read live (no scratch server). */
export function withLiveSessionOptions<T>(y: Argv<T>) {
  return withTimeoutOptions(y.option('url', { type: 'string', describe: 'live database (default: DATABASE_URL, else the PG* variables)' }), 'any query');
}

/** `--statement-timeout`, `--lock-timeout`, `--connect-timeout`: bounds on every session pgparity opens; `queries` says which queries the first bounds. */
export function withTimeoutOptions<T>(y: Argv<T>, queries: string) {
  return y
    .option('statement-timeout', {
      requiresArg: true,
      coerce: seconds('statement-timeout'),
      default: DEFAULT_LIMITS.statementTimeoutMs / 1000,
      describe: `seconds ${queries} may run`,
    })
    .option('lock-timeout', {
      requiresArg: true,
      coerce: seconds('lock-timeout'),
      default: DEFAULT_LIMITS.lockTimeoutMs / 1000,
      describe: 'seconds to wait for a lock before giving up',
    })
    .option('connect-timeout', {
      requiresArg: true,
      coerce: seconds('connect-timeout'),
      default: DEFAULT_LIMITS.connectTimeoutMs / 1000,
      describe: 'seconds to wait for a connection',
    });
}

/**
 * Parse a number of seconds (`--statement-timeout 2.5`); a bad value names the option and
 * itself. Read as a string first: yargs' own numbers turn `abc` into NaN and lose the word.
 */
export function seconds(flag: string): (value: unknown) => number {
  return (value) => {
    const { given, n } = numberOf(value);
    if (!Number.isFinite(n) || n <= 0) throw new ConfigError(`--${flag} ${JSON.stringify(given)}: expected a positive number of seconds, e.g. --${flag} 30`);
    return n;
  };
}

/** A numeric option read as given (`--concurrency abc` names `abc`, not NaN); the command checks its range. */
export function numeric(flag: string): (value: unknown) => number {
  return (value) => {
    const { given, n } = numberOf(value);
    if (!Number.isFinite(n)) throw new ConfigError(`--${flag} ${JSON.stringify(given)}: expected a number`);
    return n;
  };
}

function numberOf(value: unknown): { readonly given: string; readonly n: number } {
  const given = Array.isArray(value) ? value.at(-1) : value;
  const n = typeof given === 'number' ? given : String(given).trim() === '' ? Number.NaN : Number(given);
  return { given: String(given ?? ''), n };
}
