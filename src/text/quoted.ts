/** Index of the quote closing the `'` or `"` at `start` (a doubled quote escapes one); -1 if it is never closed. */
export function closingQuote(text: string, start: number): number {
  const quote = text[start] ?? '';
  let i = text.indexOf(quote, start + 1);
  while (i >= 0 && text[i + 1] === quote) i = text.indexOf(quote, i + 2);
  return i;
}
