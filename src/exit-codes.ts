import { isLostConnection } from './db/session-failure.js';
import { ConfigError, ConnectionError, ReplayError } from './model/errors.js';

/** The documented exit codes (README, "Exit codes"). */
export const EXIT = {
  parity: 0,
  drift: 1,
  usage: 2,
  connection: 3,
  replay: 4,
  internal: 70,
} as const;

/** The one mapping from a failure to an exit code, for every command. */
export function exitCodeForError(error: unknown): number {
  if (error instanceof ConfigError) return EXIT.usage;
  if (error instanceof ConnectionError) return EXIT.connection;
  if (error instanceof ReplayError) return EXIT.replay;
  // A server error no command translated: timeouts and lost sessions are still the database's state, not a bug of ours.
  const code = (error as { code?: unknown }).code;
  if (code === '57014' || code === '55P03' || isLostConnection(error)) return EXIT.connection;
  return EXIT.internal;
}
