import type { Severity } from '../model/finding.js';

export type Paint = (text: string) => string;

export interface Palette {
  readonly red: Paint;
  readonly yellow: Paint;
  readonly green: Paint;
  readonly dim: Paint;
  readonly bold: Paint;
  readonly severity: (severity: Severity) => Paint;
}

const code =
  (open: number, close: number): Paint =>
  (text) =>
    text === '' ? text : `\u001b[${open}m${text}\u001b[${close}m`;
const plain: Paint = (text) => text;

/** ANSI colours, or none at all: whether to colour is the caller's decision (TTY, NO_COLOR, --color). */
export function palette(color: boolean): Palette {
  const p = color
    ? { red: code(31, 39), yellow: code(33, 39), green: code(32, 39), dim: code(2, 22), bold: code(1, 22) }
    : { red: plain, yellow: plain, green: plain, dim: plain, bold: plain };
  const bySeverity: Readonly<Record<Severity, Paint>> = { error: p.red, warning: p.yellow, info: p.dim };
  return { ...p, severity: (s) => bySeverity[s] };
}
