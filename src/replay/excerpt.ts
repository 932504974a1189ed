import { escapeControl } from '../model/escape.js';

/** Lines longer than this are shown as a window around the caret. */
const MAX_SHOWN = 160;

export interface LineColumn {
  readonly line: number;
  /** 1-based, in characters (code points), as PostgreSQL counts them. */
  readonly column: number;
}

/** Where a string index falls, 1-based. An index in trailing whitespace moves back onto the last token. */
export function lineColumnAt(text: string, index: number): LineColumn {
  const at = onContent(text, index);
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line++;
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  return { line, column: [...text.slice(lineStart, at)].length + 1 };
}

/**
 * The line holding `index`, prefixed by its number, and a caret under the position:
 *
 *     3 | create TABL users (id int);
 *       |        ^
 */
export function caretExcerpt(text: string, index: number): string {
  const at = onContent(text, index);
  const { line } = lineColumnAt(text, at);
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at);
  let before = [...text.slice(lineStart, at)];
  let after = [...text.slice(at, lineEnd).replace(/\r$/, '')];
  let prefix = '';
  let suffix = '';
  if (before.length + after.length > MAX_SHOWN) {
    const keepBefore = Math.min(before.length, Math.max(MAX_SHOWN / 2, MAX_SHOWN - after.length));
    if (keepBefore < before.length) [before, prefix] = [before.slice(before.length - keepBefore), '…'];
    const keepAfter = MAX_SHOWN - before.length;
    if (keepAfter < after.length) [after, suffix] = [after.slice(0, keepAfter), '…'];
  }
  const gutter = String(line);
  // Keep tabs so the caret lines up in a terminal; wide characters take two columns.
  // Control characters are shown escaped (never sent raw to a terminal), and the caret still lines up.
  const shown = (c: string): string => (c === '\t' ? c : escapeControl(c));
  const padding = [...prefix, ...before].map((c) => (c === '\t' ? '\t' : isWide(c) ? '  ' : ' '.repeat(shown(c).length))).join('');
  return `${gutter} | ${prefix}${before.map(shown).join('')}${after.map(shown).join('')}${suffix}\n${' '.repeat(gutter.length)} | ${padding}^`;
}

function onContent(text: string, index: number): number {
  return Math.max(0, Math.min(index, text.trimEnd().length));
}

/** East Asian wide and emoji characters, which terminals draw two columns wide. */
function isWide(character: string): boolean {
  const c = character.codePointAt(0)!;
  return (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf && c !== 0x303f) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    (c >= 0x1f300 && c <= 0x1f64f) ||
    (c >= 0x1f900 && c <= 0x1f9ff) ||
    (c >= 0x20000 && c <= 0x3fffd)
  );
}
