import { ConnectionError, PgparityError } from '../model/errors.js';

/** SQLSTATEs and driver messages that mean the session was lost, not that a statement was wrong. */
export function isLostConnection(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e.code?.startsWith('08') === true ||
    // admin_shutdown, crash_shutdown, cannot_connect_now: the server went away under us.
    e.code === '57P01' ||
    e.code === '57P02' ||
    e.code === '57P03' ||
    /Connection terminated|ECONNRESET|EPIPE|server closed the connection/.test(e.message ?? '')
  );
}

/**
 * A failure of a read-only session on live (or a scratch database) becomes one line with its
 * cause and fix: every command maps timeouts, lost connections and missing permissions the same
 * way (exit 3). `doing` says what was under way: `reading the catalog of postgres://app@db/prod`.
 */
export function sessionFailure(error: unknown, doing: string): unknown {
  if (error instanceof PgparityError) return error;
  const e = error as { code?: string; message?: string };
  const cause = (e.message ?? String(error)).split('\n')[0] ?? '';
  if (e.code === '57014') return new ConnectionError(`${doing} hit statement_timeout: raise it with --statement-timeout`);
  if (e.code === '55P03') return new ConnectionError(`${doing} waited too long for a lock (lock_timeout): retry, or raise --lock-timeout`);
  if (e.code === '42501') return new ConnectionError(`permission denied ${doing}: ${cause}`);
  if (isLostConnection(error)) return new ConnectionError(`lost the connection while ${doing}: ${cause}`);
  return error;
}
