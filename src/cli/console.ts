/**
 * The one place that decides how pgparity talks to a person: colour only on a TTY
 * and never with NO_COLOR; progress only when stderr is a TTY, so it never mixes
 * with a report piped from stdout.
 */
export function useColor(stream: NodeJS.WriteStream, flag: boolean | undefined): boolean {
  if (flag !== undefined) return flag;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

/** `{ progress }` for a command's settings: a single rewritten stderr line, only on a TTY. */
export function withProgress(quiet: boolean): { progress?: (message: string) => void } {
  if (quiet || !process.stderr.isTTY) return {};
  return { progress: (message) => void process.stderr.write(`\r\x1b[2K${message}…`) };
}

/** Clear a progress line before printing anything else on stderr. */
export function clearProgress(): void {
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[2K');
}

export function warn(message: string): void {
  clearProgress();
  process.stderr.write(`pgparity: warning: ${message}\n`);
}
