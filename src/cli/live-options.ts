import type { Argv } from 'yargs';
import { DEFAULT_LIMITS } from '../db/connect.js';

/** Bounds on the live session, for commands that only read live (no scratch server). */
export function withLiveSessionOptions<T>(y: Argv<T>) {
  return y
    .option('url', { type: 'string', describe: 'live database (default: DATABASE_URL, else the PG* variables)' })
    .option('statement-timeout', { type: 'number', default: DEFAULT_LIMITS.statementTimeoutMs / 1000, describe: 'seconds any query may run' })
    .option('lock-timeout', { type: 'number', default: DEFAULT_LIMITS.lockTimeoutMs / 1000, describe: 'seconds to wait for a lock before giving up' })
    .option('connect-timeout', { type: 'number', default: DEFAULT_LIMITS.connectTimeoutMs / 1000, describe: 'seconds to wait for a connection' });
}
