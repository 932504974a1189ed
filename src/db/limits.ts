/** Bounds on every session pgparity opens; apart from connect.ts so `--help` can show the defaults without loading pg. */
export interface SessionLimits {
  /** Milliseconds; bounds every statement pgparity sends. */
  readonly statementTimeoutMs: number;
  /** Milliseconds; pgparity never waits long behind someone else's lock. */
  readonly lockTimeoutMs: number;
  readonly connectTimeoutMs: number;
}

export const DEFAULT_LIMITS: SessionLimits = { statementTimeoutMs: 30_000, lockTimeoutMs: 3_000, connectTimeoutMs: 10_000 };
