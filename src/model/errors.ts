/**
 * Typed failures. Drift is a result, never an error; each class maps to one exit
 * code in `src/exit-codes.ts`. Messages are one line, say what is wrong and how to fix it,
 * and never contain a password.
 */

export class PgparityError extends Error {
  override readonly name: string = 'PgparityError';
}

/** Bad flags, missing configuration, unreadable inputs. Exit 2. */
export class ConfigError extends PgparityError {
  override readonly name = 'ConfigError';
}

/** Cannot reach or log in to a database, or cannot start the scratch server. Exit 3. */
export class ConnectionError extends PgparityError {
  override readonly name = 'ConnectionError';
}

export interface SourcePosition {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** A migration failed to replay. Exit 4. */
export class ReplayError extends PgparityError {
  override readonly name = 'ReplayError';
  constructor(
    message: string,
    readonly position?: SourcePosition,
    /** The failing source line with a caret under the position, ready to print. */
    readonly excerpt?: string,
  ) {
    super(message);
  }
}
