import pg from 'pg';
import { CATALOG_TYPES } from './array-values.js';

/**
 * Sessions that help one catalog read, as `pg_dump -j` takes them: each runs in a read-only
 * repeatable-read transaction on the snapshot the first session exported, so every query sees
 * the same catalog whichever session runs it. A helper that cannot connect or cannot take the
 * snapshot (too many connections, a pooler that refuses) is left out, and so is one that is not
 * ready before the work runs out (a transaction pooler with no free server connection): the
 * first session reads what is left, so no helper is ever waited for.
 */
export class HelperSessions {
  private readonly connecting: Promise<pg.Client | undefined>[];
  /** Every helper that connected, closed at the end whatever happened. */
  private readonly sessions: pg.Client[] = [];
  private readonly working: Promise<void>[] = [];
  private closed = false;

  /** Starts connecting `count` sessions at once, while the first session begins its transaction. */
  constructor(open: () => Promise<pg.Client>, count: number) {
    this.connecting = Array.from({ length: count }, () =>
      open().then(
        (session) => {
          this.sessions.push(session);
          if (this.closed) void session.end().catch(() => undefined);
          return session;
        },
        () => undefined,
      ),
    );
  }

  /**
   * Each helper that takes `snapshot` (and `settings`, run in its transaction) runs `work`, which
   * must not throw and should return at once when nothing is left to do, then ends its
   * transaction and closes at once, not idle until the others are done. Returns at once.
   */
  join(snapshot: string, settings: string, count: (statements: number) => void, work: (session: pg.Client) => Promise<void>): void {
    // An id the server made (`00000003-0000001B-1`); anything else is not pasted into SQL.
    if (!/^[0-9A-F-]+$/i.test(snapshot)) return;
    for (const connecting of this.connecting) {
      void connecting.then(async (session) => {
        if (!session || this.closed) return;
        try {
          await session.query(`begin isolation level repeatable read read only; set transaction snapshot '${snapshot}'; ${settings}`);
        } catch {
          // Left out: the others read without it.
          return;
        }
        if (this.closed) return;
        count(3);
        this.working.push(
          work(session).then(async () => {
            count(1);
            await session.query('commit').catch(() => undefined);
            await session.end().catch(() => undefined);
          }),
        );
      });
    }
  }

  /** No helper joins from now on: the work is all taken. */
  leave(): void {
    this.closed = true;
  }

  /** Resolves when the helpers that joined have finished their work. */
  async finished(): Promise<void> {
    await Promise.all(this.working);
  }

  /** A session failed: the helpers are closed now, so that their queries stop. */
  abort(): void {
    this.closed = true;
    for (const session of this.sessions) void session.end().catch(() => undefined);
  }

  /** Close every helper, and those still connecting when they connect. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.sessions.map((session) => session.end().catch(() => undefined)));
  }
}

/**
 * Run one query and hand each row to `onRow` as it arrives, so that the rows of a large catalog are
 * never all held at once and mapping them overlaps with the server producing them. Arrays are read
 * by CATALOG_TYPES. A failure of `onRow` ends the query with that failure once the server is done with it.
 */
export function streamRows(session: pg.ClientBase, config: pg.QueryConfig, onRow: (row: Record<string, unknown>) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let failure: { error: unknown } | undefined;
    const query = new pg.Query({ ...config, types: CATALOG_TYPES });
    query.on('row', (row: Record<string, unknown>) => {
      if (failure) return;
      try {
        onRow(row);
      } catch (error) {
        failure = { error };
      }
    });
    query.on('error', reject);
    query.on('end', () => (failure ? reject(failure.error) : resolve()));
    session.query(query);
  });
}
