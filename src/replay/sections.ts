/**
 * Single-file migrations that hold both directions: dbmate (`-- migrate:up` / `-- migrate:down`)
 * and goose (`-- +goose Up` / `-- +goose Down`, with `StatementBegin` / `StatementEnd` around
 * statements that contain semicolons). Each half keeps the file's line numbers: the lines of the
 * other half are blanked, so a failure still points at `file:line:col` in the real file.
 */

const DBMATE = /^[ \t]*--[ \t]*migrate:(up|down)\b.*$/gim;
const GOOSE = /^[ \t]*--[ \t]*\+goose[ \t]+(up|down)\b.*$/gim;

export interface Sections {
  readonly tool: 'dbmate' | 'goose';
  readonly up: string;
  readonly down: string | undefined;
}

/** The up and down halves of a dbmate or goose file; undefined for a plain SQL file. */
export function splitSections(sql: string): Sections | undefined {
  for (const [tool, marker] of [
    ['dbmate', DBMATE],
    ['goose', GOOSE],
  ] as const) {
    const marks = [...sql.matchAll(marker)].map((m) => ({ direction: m[1]!.toLowerCase(), start: m.index, end: m.index + m[0].length }));
    if (marks.length === 0) continue;
    const half = (direction: string): string | undefined => {
      const ranges = marks.flatMap((m, i) => (m.direction === direction ? [[m.end, marks[i + 1]?.start ?? sql.length] as const] : []));
      if (ranges.length === 0) return undefined;
      return keepOnly(sql, ranges);
    };
    return { tool, up: half('up') ?? '', down: half('down') };
  }
  return undefined;
}

/** `sql` with every character outside `ranges` blanked (newlines kept): the same lines and columns. */
function keepOnly(sql: string, ranges: readonly (readonly [number, number])[]): string {
  let out = '';
  let at = 0;
  for (const [start, end] of ranges) {
    out += blank(sql.slice(at, start)) + sql.slice(start, end);
    at = end;
  }
  return out + blank(sql.slice(at));
}

function blank(text: string): string {
  return text.replace(/[^\n]/g, '');
}
