import { describe, expect, test } from 'vitest';
import { caretExcerpt, lineColumnAt } from './excerpt.js';
import { OutputTail } from './output-tail.js';

describe('caret excerpts', () => {
  test('point at a column of a CRLF file, keeping tabs for alignment', () => {
    const sql = 'create table a (x int);\r\n\tcreate TABL b ();\r\n';
    const index = sql.indexOf('TABL');
    expect(lineColumnAt(sql, index)).toEqual({ line: 2, column: 9 });
    expect(caretExcerpt(sql, index)).toBe('2 | \tcreate TABL b ();\n  | \t       ^');
  });

  test('an error at the end of input points after the last token', () => {
    const sql = 'create table a (\n  x int\n\n\n';
    expect(lineColumnAt(sql, sql.length)).toEqual({ line: 2, column: 8 });
    expect(caretExcerpt(sql, sql.length)).toBe('2 |   x int\n  |        ^');
  });

  test('a very long line is cut around the caret', () => {
    const sql = `insert into t values ${'(1), '.repeat(100)}(oops);`;
    const excerpt = caretExcerpt(sql, sql.indexOf('oops'));
    const [line, caret] = excerpt.split('\n') as [string, string];
    expect(line.startsWith('1 | …')).toBe(true);
    expect(line.endsWith('(oops);')).toBe(true);
    expect(line.length).toBeLessThan(200);
    expect(line[caret.indexOf('^')]).toBe('o');
  });
});

describe('command output', () => {
  test('keeps the last lines, split across chunks, without colours or secrets', () => {
    const tail = new OutputTail(['s3cret'], 3);
    const seen: string[] = [];
    const write = (stream: 'stdout' | 'stderr', text: string | Buffer): void => tail.write(stream, Buffer.from(text), (l) => seen.push(l));
    write('stdout', 'one\ntw');
    write('stdout', 'o\r');
    write('stdout', '\nthree \x1b[31mred\x1b[0m\n');
    const euro = Buffer.from('€ s3cret\n');
    write('stderr', euro.subarray(0, 1));
    write('stderr', euro.subarray(1));
    write('stdout', 'no newline');
    tail.end((l) => seen.push(l));
    expect(seen).toEqual(['one', 'two', 'three red', '€ ***', 'no newline']);
    expect(tail.excerpt(10)).toBe('three red\n€ ***\nno newline');
    expect(tail.lastErrorLine()).toBe('€ ***');
  });
});
