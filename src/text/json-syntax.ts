import { lineAndColumn } from './lines.js';

/**
 * Where JSON text first goes wrong, as line and column (1-based). JSON.parse does not say so in
 * every case on Node 20, so this walks the grammar (RFC 8259) itself; it runs only after a failure.
 */
export function jsonSyntaxErrorPosition(text: string): { readonly line: number; readonly column: number } {
  return lineAndColumn(text, firstErrorOffset(text));
}

const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

function firstErrorOffset(text: string): number {
  let at = 0;
  const fail = (): never => {
    throw at;
  };
  const skipSpace = (): void => {
    while (at < text.length && ' \t\n\r'.includes(text[at] ?? '')) at++;
  };
  const expect = (literal: string): void => {
    for (const ch of literal) {
      if (text[at] !== ch) fail();
      at++;
    }
  };
  const string = (): void => {
    expect('"');
    for (;;) {
      const ch = text[at];
      if (ch === undefined || ch < ' ') fail();
      if (ch === '"') return void at++;
      if (ch === '\\') {
        at++;
        if (text[at] === 'u') {
          at++;
          for (let i = 0; i < 4; i++, at++) if (!/[0-9a-fA-F]/.test(text[at] ?? '')) fail();
          continue;
        }
        if (!'"\\/bfnrt'.includes(text[at] ?? 'x')) fail();
      }
      at++;
    }
  };
  const number = (): void => {
    NUMBER.lastIndex = at;
    const match = NUMBER.exec(text);
    if (!match) fail();
    at += match?.[0].length ?? 0;
  };
  const value = (): void => {
    skipSpace();
    const ch = text[at];
    if (ch === '{') {
      at++;
      skipSpace();
      if (text[at] === '}') return void at++;
      for (;;) {
        skipSpace();
        string();
        skipSpace();
        expect(':');
        value();
        skipSpace();
        if (text[at] === '}') return void at++;
        expect(',');
      }
    }
    if (ch === '[') {
      at++;
      skipSpace();
      if (text[at] === ']') return void at++;
      for (;;) {
        value();
        skipSpace();
        if (text[at] === ']') return void at++;
        expect(',');
      }
    }
    if (ch === '"') return string();
    if (ch === 't') return expect('true');
    if (ch === 'f') return expect('false');
    if (ch === 'n') return expect('null');
    return number();
  };
  try {
    value();
    skipSpace();
    if (at < text.length) fail();
  } catch (offset) {
    if (typeof offset === 'number') return offset;
    throw offset;
  }
  return text.length;
}
