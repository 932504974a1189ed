import type { ConnectionTarget } from '../db/target.js';

/** A PostgreSQL server that pgparity may create and drop databases on. */
export interface ScratchServer {
  /** `embedded`, `docker:postgres:16`, `url`: what the report says served. */
  readonly provider: string;
  /** The server's own `server_version`, e.g. `18.4`. */
  readonly serverVersion: string;
  /**
   * What, besides its version, decides what a replay on this server produces (e.g. the extensions
   * it can install, at which versions); keys the replay cache. Absent: the version says it all.
   */
  fingerprint?(): Promise<string>;
  /** A new, empty, uniquely named database. */
  createDatabase(): Promise<ScratchDatabase>;
  /** Drop everything created and stop what was started. Safe to call twice. */
  close(): Promise<void>;
}

export interface ScratchDatabase {
  readonly name: string;
  /** The fastest way in for pgparity itself (a Unix socket for the embedded server). */
  readonly target: ConnectionTarget;
  /** The same database over TCP, for other programs (`--replay-cmd`) that may not speak socket paths. */
  readonly clientTarget: ConnectionTarget;
}

export type ScratchSpec =
  | { readonly type: 'embedded'; readonly major?: number }
  | { readonly type: 'docker'; readonly image: string }
  | { readonly type: 'url'; readonly url: string };

/** What the work to be done on a scratch server needs from it, beyond the defaults. */
export interface ScratchNeeds {
  /** For the largest transaction of a replay; applied where pgparity starts the server (embedded). */
  readonly maxLocksPerTransaction?: number;
}

/** Asked for a server after `close`: what asked has already been given up (its run ended with another error). */
export class ScratchPoolClosed extends Error {
  constructor() {
    super('the scratch server was asked for after the run ended');
  }
}
