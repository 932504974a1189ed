import { startScratchServer, type ScratchNeeds, type ScratchServer, type ScratchSpec } from '../scratch/index.js';

/**
 * Starts the scratch server on first use and only once, however many sources need
 * one; `close` also waits for a start still in flight, so nothing outlives an error.
 */
export class ScratchPool {
  private starting: Promise<ScratchServer> | undefined;
  private readonly deferred: Promise<void>[] = [];

  constructor(readonly spec: ScratchSpec) {}

  /** `needs` count only when this call starts the server. */
  get(needs: ScratchNeeds = {}): Promise<ScratchServer> {
    this.starting ??= startScratchServer(this.spec, needs);
    return this.starting;
  }

  /** Work that may end after its result is used (saving a replayed cluster for the next run): `close` waits for it. */
  defer(work: Promise<void>): void {
    this.deferred.push(work.catch(() => undefined));
  }

  async close(): Promise<void> {
    await Promise.all(this.deferred.splice(0));
    const starting = this.starting;
    this.starting = undefined;
    if (!starting) return;
    const server = await starting.catch(() => undefined);
    await server?.close();
  }
}
