/**
 * Just enough of a JavaScript/TypeScript and Python lexer to find string literals (with
 * escapes decoded, template and f-string placeholders kept apart) and to blank comments,
 * so that SQL in application code can be parsed and mapped back to its source lines.
 */

export type SourceLanguage = 'javascript' | 'python';

/** A run of decoded literal text; `offsets[i]` is the source index of `text[i]`. */
export interface LiteralPiece {
  readonly text: string;
  readonly offsets: readonly number[];
}

/** `${expr}` / f-string `{expr}`: between two pieces of a literal. */
export interface Placeholder {
  readonly expression: string;
  /** Source index of the placeholder. */
  readonly index: number;
}

/** One string literal, or several joined by `+` (or, in Python, written side by side). */
export interface StringLiteral {
  readonly start: number;
  readonly end: number;
  readonly pieces: readonly LiteralPiece[];
  /** `placeholders[i]` sits between `pieces[i]` and `pieces[i + 1]`. */
  readonly placeholders: readonly Placeholder[];
}

export interface LexedSource {
  readonly literals: readonly StringLiteral[];
  /** The source with comments and the contents of every literal blanked (newlines kept). */
  readonly bare: string;
}

export class LexError extends Error {
  override readonly name = 'LexError';
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(message);
  }
}

/** Keywords after which `/` starts a regular expression, not a division. */
const REGEX_AFTER = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'instanceof', 'yield', 'await']);

interface Builder {
  pieces: LiteralPiece[];
  placeholders: Placeholder[];
  text: string;
  offsets: number[];
}

function newBuilder(): Builder {
  return { pieces: [], placeholders: [], text: '', offsets: [] };
}

function finish(b: Builder, start: number, end: number): StringLiteral {
  return { start, end, pieces: [...b.pieces, { text: b.text, offsets: b.offsets }], placeholders: b.placeholders };
}

export function lexSource(text: string, language: SourceLanguage): LexedSource {
  return new Lexer(text, language).run();
}

class Lexer {
  private readonly literals: StringLiteral[] = [];
  private readonly bare: string[];
  private i = 0;
  /** Whether a `/` here starts a regex (JavaScript). */
  private regexAllowed = true;
  /** Joining literals: after a literal, and after `+` that follows one. */
  private join: 'none' | 'literal' | 'plus' = 'none';

  constructor(
    private readonly text: string,
    private readonly language: SourceLanguage,
  ) {
    this.bare = text.split('');
  }

  run(): LexedSource {
    this.code(false);
    return { literals: this.literals, bare: this.bare.join('') };
  }

  private blank(from: number, to: number): void {
    for (let k = from; k < to && k < this.text.length; k++) if (this.text[k] !== '\n') this.bare[k] = ' ';
  }

  /** Scan code; inside a template placeholder, stop at its closing brace and return its index. */
  private code(inPlaceholder: boolean): number {
    const t = this.text;
    let depth = 0;
    while (this.i < t.length) {
      const c = t[this.i]!;
      if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
        this.i++;
        continue;
      }
      if (this.language === 'python' ? c === '#' : t.startsWith('//', this.i)) {
        const end = t.indexOf('\n', this.i);
        this.blank(this.i, end === -1 ? t.length : end);
        this.i = end === -1 ? t.length : end;
        continue;
      }
      if (this.language === 'javascript' && t.startsWith('/*', this.i)) {
        const end = t.indexOf('*/', this.i + 2);
        if (end === -1) throw new LexError('unterminated /* comment', this.i);
        this.blank(this.i, end + 2);
        this.i = end + 2;
        continue;
      }
      if (this.language === 'python' && this.pythonString()) continue;
      if (this.language === 'javascript' && (c === '"' || c === "'")) {
        this.jsQuoted(c);
        continue;
      }
      if (this.language === 'javascript' && c === '`') {
        this.template();
        continue;
      }
      if (this.language === 'javascript' && c === '/' && this.regexAllowed) {
        this.regex();
        continue;
      }
      if (/[A-Za-z_$\d]/.test(c)) {
        const word = /^[\w$]+/.exec(t.slice(this.i, this.i + 200))![0];
        this.i += word.length;
        this.regexAllowed = REGEX_AFTER.has(word);
        this.join = 'none';
        continue;
      }
      if (inPlaceholder && c === '{') depth++;
      if (inPlaceholder && c === '}') {
        if (depth === 0) return this.i;
        depth--;
      }
      this.join = c === '+' && this.join === 'literal' ? 'plus' : 'none';
      this.regexAllowed = !(c === ')' || c === ']' || c === '}');
      this.i++;
    }
    if (inPlaceholder) throw new LexError('unterminated ${ placeholder in a template literal', this.i);
    return this.i;
  }

  private emit(literal: StringLiteral): void {
    const previous = this.literals.at(-1);
    const joins = this.join === 'plus' || (this.language === 'python' && this.join === 'literal');
    if (previous && joins) {
      const pieces = [...previous.pieces];
      const last = pieces.pop()!;
      const [first, ...rest] = literal.pieces;
      pieces.push({ text: last.text + first!.text, offsets: [...last.offsets, ...first!.offsets] }, ...rest);
      this.literals[this.literals.length - 1] = {
        start: previous.start,
        end: literal.end,
        pieces,
        placeholders: [...previous.placeholders, ...literal.placeholders],
      };
    } else {
      this.literals.push(literal);
    }
    this.join = 'literal';
    this.regexAllowed = false;
  }

  // ── JavaScript ───────────────────────────────────────────────────────────

  private jsQuoted(quote: string): void {
    const t = this.text;
    const start = this.i;
    const b = newBuilder();
    let k = start + 1;
    while (k < t.length && t[k] !== quote) {
      if (t[k] === '\n') {
        // Not a string after all (an apostrophe in JSX text): move on past the quote.
        this.i = start + 1;
        this.join = 'none';
        return;
      }
      if (t[k] === '\\') k = this.escape(b, k);
      else push(b, t[k++]!, k - 1);
    }
    if (k >= t.length) {
      this.i = start + 1;
      return;
    }
    this.blank(start + 1, k);
    this.i = k + 1;
    this.emit(finish(b, start, this.i));
  }

  private template(): void {
    const t = this.text;
    const start = this.i;
    const b = newBuilder();
    let segment = start + 1;
    let k = segment;
    for (;;) {
      if (k >= t.length) throw new LexError('unterminated template literal', start);
      const c = t[k]!;
      if (c === '`') break;
      if (c === '\\') {
        k = this.escape(b, k);
      } else if (c === '$' && t[k + 1] === '{') {
        this.blank(segment, k);
        const saved = { join: this.join, regex: this.regexAllowed };
        this.i = k + 2;
        this.join = 'none';
        this.regexAllowed = true;
        const close = this.code(true);
        this.join = saved.join;
        this.regexAllowed = saved.regex;
        b.pieces.push({ text: b.text, offsets: b.offsets });
        b.placeholders.push({ expression: t.slice(k + 2, close).trim(), index: k });
        b.text = '';
        b.offsets = [];
        k = close + 1;
        segment = k;
      } else {
        push(b, c, k++);
      }
    }
    this.blank(segment, k);
    this.i = k + 1;
    this.join = 'none';
    this.emit(finish(b, start, this.i));
  }

  private regex(): void {
    const t = this.text;
    let k = this.i + 1;
    let inClass = false;
    while (k < t.length && t[k] !== '\n') {
      const c = t[k]!;
      if (c === '\\') k += 2;
      else if (c === '[' || c === ']') {
        inClass = c === '[';
        k++;
      } else if (c === '/' && !inClass) break;
      else k++;
    }
    if (k >= t.length || t[k] === '\n') {
      // A division after all.
      this.i++;
      this.regexAllowed = true;
      return;
    }
    k++;
    while (k < t.length && /[a-z]/i.test(t[k]!)) k++;
    this.blank(this.i, k);
    this.i = k;
    this.regexAllowed = false;
    this.join = 'none';
  }

  /** Decode the escape at `k` (a backslash) into `b`; returns the index after it. */
  private escape(b: Builder, k: number): number {
    const t = this.text;
    const next = t[k + 1];
    if (next === undefined) return k + 1;
    if (next === '\n') return k + 2;
    if (next === '\r') return t[k + 2] === '\n' ? k + 3 : k + 2;
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0', a: '\u0007' };
    if (next in simple && !(next === 'a' && this.language === 'javascript')) {
      push(b, simple[next]!, k);
      return k + 2;
    }
    const hex = next === 'x' ? /^[0-9a-f]{2}/i.exec(t.slice(k + 2, k + 4)) : undefined;
    if (hex) {
      push(b, String.fromCharCode(parseInt(hex[0], 16)), k);
      return k + 4;
    }
    const braced = next === 'u' ? /^\{([0-9a-f]+)\}/i.exec(t.slice(k + 2, k + 12)) : undefined;
    if (braced) {
      push(b, String.fromCodePoint(parseInt(braced[1]!, 16)), k);
      return k + 2 + braced[0].length;
    }
    const unicode =
      next === 'u'
        ? /^[0-9a-f]{4}/i.exec(t.slice(k + 2, k + 6))
        : next === 'U' && this.language === 'python'
          ? /^[0-9a-f]{8}/i.exec(t.slice(k + 2, k + 10))
          : undefined;
    if (unicode) {
      push(b, String.fromCodePoint(parseInt(unicode[0], 16)), k);
      return k + 2 + unicode[0].length;
    }
    if (this.language === 'python' && !'\\\'"'.includes(next)) {
      // Python keeps unknown escapes as written.
      push(b, '\\', k);
    }
    push(b, next, k + 1);
    return k + 2;
  }

  // ── Python ───────────────────────────────────────────────────────────────

  /** A string literal with its prefix (r, b, f, u, rb, fr, …) at `i`; false when there is none. */
  private pythonString(): boolean {
    const t = this.text;
    const m = /^([rRbBuUfF]{0,2})('''|"""|'|")/.exec(t.slice(this.i, this.i + 5));
    if (!m) return false;
    if (m[1] && this.i > 0 && /[\w$]/.test(t[this.i - 1]!)) return false;
    const prefix = m[1]!.toLowerCase();
    const quote = m[2]!;
    const raw = prefix.includes('r');
    const formatted = prefix.includes('f');
    const start = this.i;
    const b = newBuilder();
    let k = start + m[0].length;
    const bodyStart = k;
    for (;;) {
      if (k >= t.length || (quote.length === 1 && t[k] === '\n')) {
        if (quote.length === 3) throw new LexError(`unterminated triple-quoted string`, start);
        // An unterminated one-line string: not something to read; go on after it.
        this.i = k;
        this.join = 'none';
        return true;
      }
      if (t.startsWith(quote, k)) break;
      const c = t[k]!;
      if (c === '\\') {
        if (raw) {
          push(b, c, k);
          if (k + 1 < t.length) push(b, t[k + 1]!, k + 1);
          k += 2;
        } else {
          k = this.escape(b, k);
        }
      } else if (formatted && c === '{' && t[k + 1] === '{') {
        push(b, '{', k);
        k += 2;
      } else if (formatted && c === '}' && t[k + 1] === '}') {
        push(b, '}', k);
        k += 2;
      } else if (formatted && c === '{') {
        const close = matchingBrace(t, k);
        b.pieces.push({ text: b.text, offsets: b.offsets });
        b.placeholders.push({
          expression: t
            .slice(k + 1, close)
            .replace(/[!:][^'"]*$/, '')
            .trim(),
          index: k,
        });
        b.text = '';
        b.offsets = [];
        k = close + 1;
      } else {
        push(b, c, k++);
      }
    }
    this.blank(bodyStart, k);
    this.i = k + quote.length;
    this.emit(finish(b, start, this.i));
    return true;
  }
}

function push(b: Builder, text: string, offset: number): void {
  b.text += text;
  for (let n = 0; n < text.length; n++) b.offsets.push(offset);
}

/** The `}` closing the f-string placeholder opened at `open`, over nested brackets and strings. */
function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let k = open; k < text.length; k++) {
    const c = text[k]!;
    if (c === '{' || c === '[' || c === '(') depth++;
    else if (c === '}' || c === ']' || c === ')') {
      depth--;
      if (depth === 0) return k;
    } else if (c === '"' || c === "'") {
      const end = text.indexOf(c, k + 1);
      if (end !== -1) k = end;
    }
  }
  throw new LexError('unterminated placeholder in an f-string', open);
}
