import type { ScratchNeeds, ScratchServer, ScratchSpec } from '../scratch/index.js';
import type { MajorWish } from '../scratch/embedded-major.js';
import type { ScratchChoice } from '../model/report.js';
import { ScratchPoolClosed } from '../scratch/provider.js';

/**
 * Starts the scratch server on first use and only once, however many sources need
 * one; `close` also waits for a start still in flight, so nothing outlives an error, and
 * once closed no server starts (a replay that runs beside a failed live read asks too late).
 * An `embedded` server runs the major `follow` asked for (the live side's), installed on demand.
 */
export class ScratchPool {
  private starting: Promise<ScratchServer> | undefined;
  private preparing: Promise<ScratchSpec> | undefined;
  private wish: MajorWish | undefined;
  private chosen: ScratchChoice | undefined;
  private readonly deferred: Promise<void>[] = [];
  private readonly adopted: Promise<{ close(): Promise<void> } | undefined>[] = [];
  private closed = false;
  private startedNow!: () => void;
  /** Resolves once a server has started (never, if none is): work meant to run while it is busy waits for it. */
  readonly started = new Promise<void>((resolve) => (this.startedNow = resolve));

  constructor(
    readonly requested: ScratchSpec,
    private readonly notice: (line: string) => void = () => undefined,
  ) {}

  /** Run the scratch server at this major (a live side's), when the requested spec leaves the major open. */
  follow(wish: MajorWish): void {
    if (!this.preparing) this.wish = wish;
  }

  /** The spec to start, the major decided (and installed when needed); the same answer on every call. */
  prepare(): Promise<ScratchSpec> {
    if (this.closed) return Promise.reject(new ScratchPoolClosed());
    this.preparing ??= (async () => {
      if (this.requested.type !== 'embedded') return this.requested;
      // The server code is loaded with the first source that needs a server.
      const { chooseEmbeddedMajor } = await import('../scratch/embedded-major.js');
      const { spec, choice } = await chooseEmbeddedMajor(this.requested, this.wish, this.notice);
      this.chosen = choice;
      return spec;
    })();
    return this.preparing;
  }

  /** For an embedded server, once prepared: the major that serves and why. */
  get choice(): ScratchChoice | undefined {
    return this.chosen;
  }

  /** `needs` count only when this call starts the server. */
  get(needs: ScratchNeeds = {}): Promise<ScratchServer> {
    if (this.closed) return Promise.reject(new ScratchPoolClosed());
    this.starting ??= this.prepare()
      .then(async (spec) => (await import('../scratch/index.js')).startScratchServer(spec, needs))
      .then((server) => {
        this.startedNow();
        return server;
      });
    return this.starting;
  }

  /**
   * A server started outside `get` (the replay cache starts its own embedded server, from a saved
   * cluster when it has one): not started once the pool is closed, and closed with the pool
   * otherwise (closing a server its user already closed waits for that).
   */
  async adopt<S extends { close(): Promise<void> }>(start: () => Promise<S>): Promise<S> {
    if (this.closed) throw new ScratchPoolClosed();
    const starting = start();
    this.adopted.push(starting.catch(() => undefined));
    const server = await starting;
    if (this.closed) {
      await server.close();
      throw new ScratchPoolClosed();
    }
    this.startedNow();
    return server;
  }

  /** Work that may end after its result is used (saving a replayed cluster for the next run): `close` waits for it. */
  defer(work: Promise<void>): void {
    this.deferred.push(work.catch(() => undefined));
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.deferred.splice(0));
    for (const server of await Promise.all(this.adopted.splice(0))) await server?.close();
    const starting = this.starting;
    this.starting = undefined;
    if (!starting) return;
    const server = await starting.catch(() => undefined);
    await server?.close();
  }
}
