import { describe, expect, test } from 'vitest';
import { LexError, lexSource, type StringLiteral } from './lexer.js';

const texts = (literals: readonly StringLiteral[]): string[] => literals.map((l) => l.pieces.map((p) => p.text).join('⟨⟩'));

describe('JavaScript / TypeScript', () => {
  test('string and template literals, escapes decoded, placeholders kept apart', () => {
    const source = ["const a = 'it\\'s';", 'const b = "tab\\there";', 'const c = `CREATE TABLE ${name} (', '  id int -- ${"not a placeholder"}', ')`;'].join(
      '\n',
    );
    const { literals } = lexSource(source, 'javascript');
    expect(texts(literals)).toEqual(["it's", 'tab\there', 'not a placeholder', 'CREATE TABLE ⟨⟩ (\n  id int -- ⟨⟩\n)']);
    const template = literals[3]!;
    expect(template.placeholders.map((p) => p.expression)).toEqual(['name', '"not a placeholder"']);
    // Every decoded character knows where it sits in the source.
    const idIndex = template.pieces[1]!.text.indexOf('id');
    expect(source.slice(template.pieces[1]!.offsets[idIndex], template.pieces[1]!.offsets[idIndex]! + 2)).toBe('id');
  });

  test('comments are blanked and hide nothing; regex literals are not strings', () => {
    const source = [
      '// await db.query("CREATE TABLE commented_out (a int)")',
      '/* sequelize.sync() */',
      "const re = /it's \\/ [\"']/g; const half = total / 2; const s = 'after';",
    ].join('\n');
    const { literals, bare } = lexSource(source, 'javascript');
    expect(texts(literals)).toEqual(['after']);
    expect(bare).not.toContain('commented_out');
    expect(bare).not.toContain('sync');
    expect(bare.length).toBe(source.length);
    expect(bare.split('\n').length).toBe(3);
  });

  test('literals joined with + become one', () => {
    const { literals } = lexSource("q('CREATE INDEX i ON t (a) ' +\n  'WHERE b', other + 'x')", 'javascript');
    expect(texts(literals)).toEqual(['CREATE INDEX i ON t (a) WHERE b', 'x']);
  });

  test('nested templates and braces inside placeholders', () => {
    const { literals } = lexSource('const x = `a ${f({ k: `in ${deep}` })} b`;', 'javascript');
    expect(texts(literals)).toEqual(['in ⟨⟩', 'a ⟨⟩ b']);
  });

  test('an apostrophe that opens no string (JSX text) does not derail the rest', () => {
    const { literals } = lexSource("const el = <p>Don't panic</p>;\nconst q = 'CREATE TABLE t (a int)';", 'javascript');
    expect(texts(literals)).toContain('CREATE TABLE t (a int)');
  });

  test('an unterminated template literal is an error with its position', () => {
    expect(() => lexSource('const a = 1;\nconst q = `CREATE TABLE', 'javascript')).toThrow(LexError);
  });
});

describe('Python', () => {
  test('triple-quoted, raw, byte and f-strings', () => {
    const source = [
      'SQL = """',
      'CREATE TABLE IF NOT EXISTS notes (',
      "    body text DEFAULT 'x'",
      ')"""',
      "raw = r'\\d+'",
      'fmt = f"CREATE INDEX ON {table} ({col!r}) -- {{literal}}"',
      "b = b'bytes'",
      '# "not a string"',
    ].join('\n');
    const { literals, bare } = lexSource(source, 'python');
    expect(texts(literals)).toEqual([
      "\nCREATE TABLE IF NOT EXISTS notes (\n    body text DEFAULT 'x'\n)",
      '\\d+',
      'CREATE INDEX ON ⟨⟩ (⟨⟩) -- {literal}',
      'bytes',
    ]);
    expect(literals[2]!.placeholders.map((p) => p.expression)).toEqual(['table', 'col']);
    expect(bare).not.toContain('not a string');
  });

  test('adjacent strings are joined, as Python does', () => {
    const { literals } = lexSource('op.execute(\n    "ALTER TABLE taps "\n    "ADD COLUMN notes text"\n)', 'python');
    expect(texts(literals)).toEqual(['ALTER TABLE taps ADD COLUMN notes text']);
  });

  test('an unterminated triple-quoted string is an error', () => {
    expect(() => lexSource('x = """never closed\n', 'python')).toThrow(/unterminated triple-quoted string/);
  });
});
