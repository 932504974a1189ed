/**
 * Positions in SQL text come in three units: libpg-query reports UTF-8 byte offsets,
 * PostgreSQL and the parser's error cursor count characters (code points), and
 * JavaScript strings index UTF-16 code units. These convert to the last.
 */

/** Map ascending UTF-8 byte offsets into `text` to string indices, in one pass. */
export function byteOffsetsToIndices(text: string, offsets: readonly number[]): number[] {
  const indices: number[] = [];
  let index = 0;
  let bytes = 0;
  for (const offset of offsets) {
    if (offset < bytes) throw new RangeError('byte offsets must be ascending');
    while (bytes < offset && index < text.length) {
      const codePoint = text.codePointAt(index)!;
      bytes += codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
      index += codePoint > 0xffff ? 2 : 1;
    }
    indices.push(index);
  }
  return indices;
}

/** The string index `count` characters (code points) after `from`, clamped to the text. */
export function codePointsToIndex(text: string, count: number, from = 0): number {
  let index = from;
  for (let seen = 0; seen < count && index < text.length; seen++) {
    index += text.codePointAt(index)! > 0xffff ? 2 : 1;
  }
  return index;
}
