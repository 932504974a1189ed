import { LexError, lexSource, type LexedSource } from '../attribution/lexer.js';
import { ConfigError } from '../model/errors.js';

/** A TypeORM migration class: `implements MigrationInterface`, or an `up(queryRunner…)` method. */
const MIGRATION_CLASS = /\bimplements\s+MigrationInterface\b|\basync\s+up\s*\(\s*queryRunner\b/;
/** `.ts` / `.js` source, not declarations or maps. */
const SOURCE_FILE = /^(?!.*\.d\.[cm]?ts$).*\.[cm]?[jt]s$/i;

export function isTypeormMigrationFile(name: string, text: string): boolean {
  return SOURCE_FILE.test(name) && MIGRATION_CLASS.test(text);
}

/**
 * The SQL a TypeORM migration class runs in `up()`: each `queryRunner.query(\`…\`)` literal,
 * kept at its own line and column (everything else blanked), so that a replay error and every
 * cause points at the `.ts` file's line. Refused, with the way out, when `up()` builds its SQL
 * at run time (a `${…}` placeholder, `queryRunner.createTable(…)`): only TypeORM can run that.
 */
export function typeormMigrationSql(text: string, file: string): string {
  let lexed: LexedSource;
  try {
    lexed = lexSource(text, 'javascript');
  } catch (error) {
    if (error instanceof LexError) throw new ConfigError(`cannot read the TypeORM migration ${file}: ${error.message}`);
    throw error;
  }
  const up = methodRange(lexed.bare, 'up');
  if (!up) throw new ConfigError(`${file} looks like a TypeORM migration but has no up() method`);
  const lineOf = (index: number): number => text.slice(0, index).split('\n').length;
  const buffer: string[] = text.split('').map((c) => (c === '\n' ? '\n' : ' '));
  const body = lexed.bare.slice(up[0], up[1]);
  const api = /\bqueryRunner\s*\.\s*(?!query\b|connection\b|manager\b)(\w+)\s*\(/.exec(body);
  if (api) {
    throw new ConfigError(
      `${file}:${lineOf(up[0] + api.index)} builds SQL at run time (queryRunner.${api[1]}): replay TypeORM migrations with TypeORM itself, --replay-cmd "npx typeorm migration:run -d <data-source>"`,
    );
  }
  for (const call of body.matchAll(/\bqueryRunner\s*\.\s*query\s*\(/g)) {
    const open = up[0] + call.index + call[0].length;
    const literal = lexed.literals.find((l) => l.start >= open && lexed.bare.slice(open, l.start).trim() === '');
    if (!literal) {
      throw new ConfigError(
        `${file}:${lineOf(open)} passes queryRunner.query() something other than a string: replay with TypeORM itself, --replay-cmd "npx typeorm migration:run -d <data-source>"`,
      );
    }
    if (literal.placeholders.length > 0) {
      throw new ConfigError(
        `${file}:${lineOf(literal.start)} builds its SQL with \${${literal.placeholders[0]!.expression}}: replay with TypeORM itself, --replay-cmd "npx typeorm migration:run -d <data-source>"`,
      );
    }
    let last = literal.start;
    for (const piece of literal.pieces) {
      [...piece.text].forEach((c, k) => {
        const at = piece.offsets[k] ?? last;
        // A character an escape stands for takes its escape's place; newlines stay where they are.
        if (buffer[at] !== '\n') buffer[at] = c === '\n' ? ' ' : c;
        last = at;
      });
    }
    buffer[literal.end - 1] = ';';
  }
  return buffer.join('');
}

/** [start, end) of the body of method `name` in the blanked source. */
function methodRange(bare: string, name: string): [number, number] | undefined {
  const m = new RegExp(`\\b(?:async\\s+)?${name}\\s*\\([^)]*\\)[^{]*\\{`).exec(bare);
  if (!m) return undefined;
  let depth = 0;
  for (let k = m.index + m[0].length - 1; k < bare.length; k++) {
    if (bare[k] === '{') depth++;
    else if (bare[k] === '}' && --depth === 0) return [m.index + m[0].length, k];
  }
  return undefined;
}
