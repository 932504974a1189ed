import yoctoSpinner, { type Spinner } from 'yocto-spinner';
import { escapeControl } from '../model/escape.js';

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

let spinner: Spinner | undefined;

/**
 * `{ progress }` for a command's settings: a spinner on stderr with the latest message, only
 * when stderr is an interactive terminal (not piped, not CI, not TERM=dumb); silent otherwise.
 */
export function withProgress(quiet: boolean): { progress?: (message: string) => void } {
  if (quiet || !interactive(process.stderr)) return {};
  return {
    progress: (message) => {
      if (!spinner) {
        // Signals stay with scratch cleanup (scratch/cleanup.ts); on exit the spinner only gives the cursor back.
        spinner = yoctoSpinner({ stream: process.stderr, handleSignals: false });
        process.once('exit', clearProgress);
      }
      if (spinner.isSpinning) spinner.text = message;
      else spinner.start(message);
    },
  };
}

/** Stop and erase the spinner before printing anything else (it restarts on the next progress message). */
export function clearProgress(): void {
  spinner?.stop();
}

function interactive(stream: NodeJS.WriteStream): boolean {
  return stream.isTTY === true && process.env.TERM !== 'dumb' && process.env.CI === undefined;
}

export function warn(message: string): void {
  clearProgress();
  process.stderr.write(`pgparity: warning: ${escapeControl(message)}\n`);
}

/** Something a person should know at the time it happens (not a warning), e.g. a download starting. */
export function notice(message: string): void {
  clearProgress();
  process.stderr.write(`pgparity: ${message}\n`);
}
