import { lineLookup } from '../text/lines.js';

/**
 * Line numbers of the UTF-8 byte offsets libpg-query reports. A script may be a
 * migration file (lines counted in the script) or SQL pulled out of application code
 * (`lineAt` maps a position in the SQL back to its line in the source file).
 */
export class ScriptLines {
  private readonly byteToIndex: Uint32Array | undefined;
  private readonly lineAt: (index: number) => number;

  constructor(
    private readonly text: string,
    lineAt?: (index: number) => number,
  ) {
    this.byteToIndex = /^[\u0000-\u007f]*$/.test(text) ? undefined : byteMap(text);
    this.lineAt = lineAt ?? lineLookup(text);
  }

  /** String index of a byte offset, clamped to the text. */
  indexOfByte(byte: number): number {
    if (byte <= 0) return 0;
    if (!this.byteToIndex) return Math.min(byte, this.text.length);
    return this.byteToIndex[Math.min(byte, this.byteToIndex.length - 1)]!;
  }

  lineOfIndex(index: number): number {
    return this.lineAt(index);
  }

  lineOfByte(byte: number): number {
    return this.lineOfIndex(this.indexOfByte(byte));
  }

  /** The line of the first token at or after `byte`: statement offsets may point at comments before it. */
  tokenLineOfByte(byte: number): number {
    return this.lineOfIndex(skipBlank(this.text, this.indexOfByte(byte)));
  }
}

function byteMap(text: string): Uint32Array {
  const map = new Uint32Array(Buffer.byteLength(text, 'utf8') + 1);
  let byte = 0;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    for (let b = 0; b < size; b++) map[byte + b] = i;
    byte += size;
    i += cp > 0xffff ? 2 : 1;
  }
  map[byte] = text.length;
  return map;
}

/** Past whitespace, `-- …` and (nested) `/* … *\/` comments. */
function skipBlank(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f') {
      i++;
    } else if (text.startsWith('--', i)) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end + 1;
    } else if (text.startsWith('/*', i)) {
      let depth = 0;
      while (i < text.length) {
        if (text.startsWith('/*', i)) {
          depth++;
          i += 2;
        } else if (text.startsWith('*/', i)) {
          depth--;
          i += 2;
          if (depth === 0) break;
        } else {
          i++;
        }
      }
    } else {
      break;
    }
  }
  return i;
}
