import { ConfigError, ConnectionError, ReplayError } from '../model/errors.js';

/** The documented exit codes (README, "Exit codes"). */
export const EXIT = {
  parity: 0,
  drift: 1,
  usage: 2,
  connection: 3,
  replay: 4,
  internal: 70,
} as const;

export function exitCodeForError(error: unknown): number {
  if (error instanceof ConfigError) return EXIT.usage;
  if (error instanceof ConnectionError) return EXIT.connection;
  if (error instanceof ReplayError) return EXIT.replay;
  return EXIT.internal;
}
