/**
 * Control characters (C0, DEL, C1), line and paragraph separators and bidirectional overrides:
 * what a name from live must not bring to a terminal or a report as is (an ESC sequence, a newline
 * that starts a fake `::error` annotation line, text that reads backwards).
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `gh\n::error` → `gh\\n::error`, ESC → `\x1b`; `keep` lists characters to leave as they are (`'\n'`). */
export function escapeControl(text: string, keep = ''): string {
  return text.replace(UNSAFE, (c) => (keep.includes(c) ? c : (NAMED[c] ?? escapeCode(c.charCodeAt(0)))));
}

function escapeCode(code: number): string {
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}
