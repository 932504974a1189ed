/**
 * Everything pgparity starts registers its teardown here, so that a scratch server
 * or database is removed on success, on error and on SIGINT / SIGTERM alike.
 */
type Teardown = () => Promise<void>;

const pending = new Set<Teardown>();
let signalsHooked = false;
let interruption: { readonly signal: NodeJS.Signals; readonly code: number } | undefined;

/**
 * The signal that is ending this run, if any. Whatever fails meanwhile (a replay whose scratch
 * database the cleanup just dropped) is a consequence of the interruption, not an error to report.
 */
export function interrupted(): { readonly signal: NodeJS.Signals; readonly code: number } | undefined {
  return interruption;
}

export function onCleanup(teardown: Teardown): () => void {
  hookSignals();
  pending.add(teardown);
  return () => pending.delete(teardown);
}

/** Run every registered teardown, newest first; failures are swallowed so the others still run. */
export async function cleanupAll(): Promise<void> {
  const all = [...pending].reverse();
  pending.clear();
  for (const teardown of all) await teardown().catch(() => undefined);
}

function hookSignals(): void {
  if (signalsHooked) return;
  signalsHooked = true;
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    process.once(signal, () => {
      interruption = { signal, code };
      if (pending.size > 0) process.stderr.write(`\npgparity: ${signal} received, removing scratch databases…\n`);
      void cleanupAll().finally(() => process.exit(code));
    });
  }
}

/** One line on stderr about what the scratch layer did on its own (leftovers it removed or found). */
export function scratchNotice(line: string): void {
  process.stderr.write(`pgparity: ${line}\n`);
}
