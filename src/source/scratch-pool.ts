import { startScratchServer, type ScratchServer, type ScratchSpec } from '../scratch/index.js';

/**
 * Starts the scratch server on first use and only once, however many sources need
 * one; `close` also waits for a start still in flight, so nothing outlives an error.
 */
export class ScratchPool {
  private starting: Promise<ScratchServer> | undefined;

  constructor(readonly spec: ScratchSpec) {}

  get(): Promise<ScratchServer> {
    this.starting ??= startScratchServer(this.spec);
    return this.starting;
  }

  async close(): Promise<void> {
    const starting = this.starting;
    this.starting = undefined;
    if (!starting) return;
    const server = await starting.catch(() => undefined);
    await server?.close();
  }
}
