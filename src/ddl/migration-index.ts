import { parse, parsePlPgSQL, type Node } from 'libpg-query';
import { lineAndColumn, lineLookup } from '../text/lines.js';
import { DdlWalker } from './ddl-walker.js';
import { SchemaIndexBuilder } from './schema-index-builder.js';
import type { SchemaIndex } from './schema-index.js';
import { ScriptLines } from './script-lines.js';
import { codePointsToIndex } from './text-offsets.js';

export interface IndexableScript {
  /** As shown to the user: `db/migrations/0042_add_email_verified.sql`. */
  readonly file: string;
  readonly sql: string;
}

/**
 * Which statement (file:line) creates, alters, renames or drops each object, over the
 * migrations in replay order. A file the bundled parser rejects is listed in `skipped`
 * and the others are still indexed: attribution must never stop a check.
 */
export async function indexMigrations(migrations: readonly IndexableScript[]): Promise<SchemaIndex> {
  const builder = new SchemaIndexBuilder();
  for (const migration of migrations) {
    const sql = withoutMetaCommands(migration.sql);
    const parsed = await parseOrReason(sql);
    if (typeof parsed === 'string') {
      builder.skip(migration.file, parsed);
      continue;
    }
    const lines = new ScriptLines(sql);
    const walker = new DdlWalker(builder, migration.file, lines);
    for (const { node, byteOffset } of parsed) {
      if ('DoStmt' in node) await walkDoBlock(walker, node, sql, lines);
      else walker.statement(node, byteOffset);
    }
  }
  return builder.build();
}

/** DDL found in application code: SQL text, and where each character of it sits in the source file. */
export interface RuntimeSql {
  readonly file: string;
  readonly sql: string;
  readonly statements: readonly ParsedStatement[];
  /** Source line of a string index into `sql`. */
  readonly lineAt: (index: number) => number;
  /** The function that issues it (`ensureSchema`). */
  readonly context?: string;
}

export interface ParsedStatement {
  readonly node: Node;
  readonly byteOffset: number;
}

/** A statement of runtime DDL as a person reads it. */
export interface RuntimeStatement {
  readonly file: string;
  readonly line: number;
  readonly summary: string;
  readonly context?: string;
}

/** Index DDL issued by application code, in the order given; also returns each statement's summary. */
export function indexRuntimeSql(fragments: readonly RuntimeSql[]): { readonly index: SchemaIndex; readonly statements: RuntimeStatement[] } {
  const builder = new SchemaIndexBuilder();
  const statements: RuntimeStatement[] = [];
  for (const fragment of fragments) {
    const walker = new DdlWalker(builder, fragment.file, new ScriptLines(fragment.sql, fragment.lineAt), fragment.context);
    for (const { node, byteOffset } of fragment.statements) {
      const { line, summary } = walker.statement(node, byteOffset);
      statements.push({ file: fragment.file, line, summary, ...(fragment.context ? { context: fragment.context } : {}) });
    }
  }
  return { index: builder.build(), statements };
}

/** Statement kinds that change the schema. */
const DDL_NODES = [
  'CreateStmt',
  'AlterTableStmt',
  'IndexStmt',
  'RenameStmt',
  'DropStmt',
  'ViewStmt',
  'CreateTableAsStmt',
  'CreateSeqStmt',
  'AlterSeqStmt',
  'CreateFunctionStmt',
  'AlterFunctionStmt',
  'CreateTrigStmt',
  'CreatePolicyStmt',
  'AlterPolicyStmt',
  'CreateEnumStmt',
  'CreateDomainStmt',
  'CreateRangeStmt',
  'CompositeTypeStmt',
  'AlterEnumStmt',
  'AlterDomainStmt',
  'CreateSchemaStmt',
  'CreateExtensionStmt',
  'AlterExtensionStmt',
  'AlterObjectSchemaStmt',
];

/**
 * The schema-changing statements of a string found in application code; undefined when it
 * does not parse or changes nothing (a query, prose that happens to say "create table").
 */
export async function parseDdl(sql: string): Promise<ParsedStatement[] | undefined> {
  if (sql.trim() === '') return undefined;
  const parsed = await parseOrReason(sql);
  if (typeof parsed === 'string') return undefined;
  const ddl = parsed.filter(({ node }) => DDL_NODES.some((kind) => kind in node));
  return ddl.length > 0 ? ddl : undefined;
}

async function parseOrReason(sql: string): Promise<ParsedStatement[] | string> {
  if (sql.trim() === '') return [];
  try {
    const result = await parse(sql);
    return (result.stmts ?? []).flatMap((s) => (s.stmt ? [{ node: s.stmt, byteOffset: s.stmt_location ?? 0 }] : []));
  } catch (error) {
    const e = error as { message?: string; sqlDetails?: { cursorPosition?: number } };
    const cursor = e.sqlDetails?.cursorPosition;
    const line = cursor === undefined ? undefined : lineAndColumn(sql, codePointsToIndex(sql, cursor)).line;
    return `not valid SQL for the bundled PostgreSQL parser: ${e.message ?? String(error)}${line === undefined ? '' : ` (line ${line})`}`;
  }
}

/** psql meta-commands (`\connect`, `\restrict`) are not SQL: blanked, keeping every offset. */
function withoutMetaCommands(sql: string): string {
  return sql.includes('\\') ? sql.replace(/^\\[A-Za-z_]+[^\n]*$/gm, (line) => ' '.repeat(line.length)) : sql;
}

/**
 * `DO $$ BEGIN IF NOT EXISTS (…) THEN ALTER TABLE … END IF; END $$`: the guarded-DDL idiom.
 * The statements in the body (and EXECUTE of a constant string) are indexed at their lines.
 */
async function walkDoBlock(walker: DdlWalker, node: Extract<Node, { DoStmt: unknown }>, sql: string, lines: ScriptLines): Promise<void> {
  const body = (node.DoStmt.args ?? []).find((a) => 'DefElem' in a && a.DefElem.defname === 'as');
  if (!body || !('DefElem' in body)) return;
  const language = (node.DoStmt.args ?? []).find((a) => 'DefElem' in a && a.DefElem.defname === 'language');
  if (language && 'DefElem' in language && language.DefElem.arg && 'String' in language.DefElem.arg && language.DefElem.arg.String.sval !== 'plpgsql') return;
  const bodyByte = body.DefElem.location ?? 0;
  const bodyLine = lines.lineOfByte(bodyByte);
  const text = sql.slice(lines.indexOfByte(bodyByte));
  let plpgsql: unknown;
  try {
    plpgsql = await parsePlPgSQL(`DO ${text.slice(0, doBodyLength(text))}`);
  } catch {
    return;
  }
  for (const { query, lineno } of embeddedStatements(plpgsql)) {
    const inner = await parseOrReason(query);
    if (typeof inner === 'string') continue;
    const base = bodyLine + Math.max(lineno, 1) - 1;
    const lineInQuery = lineLookup(query);
    const innerLines = new ScriptLines(query, (i) => base + lineInQuery(i) - 1);
    for (const statement of inner) walker.statement(statement.node, statement.byteOffset, innerLines);
  }
}

/** Length of the dollar-quoted (or quoted) body at the start of `text`, quotes included. */
function doBodyLength(text: string): number {
  const dollar = /^\$[A-Za-z_0-9]*\$/.exec(text);
  if (dollar) {
    const end = text.indexOf(dollar[0], dollar[0].length);
    return end === -1 ? text.length : end + dollar[0].length;
  }
  if (text.startsWith("'")) {
    for (let i = 1; i < text.length; i++) {
      if (text[i] === "'") {
        if (text[i + 1] === "'") i++;
        else return i + 1;
      }
    }
  }
  return text.length;
}

/** Static SQL statements, and EXECUTE of a string constant, anywhere in a PL/pgSQL tree. */
function embeddedStatements(tree: unknown): { query: string; lineno: number }[] {
  const found: { query: string; lineno: number }[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value === null || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    const execsql = record.PLpgSQL_stmt_execsql as { lineno?: number; sqlstmt?: { PLpgSQL_expr?: { query?: string } } } | undefined;
    if (execsql?.sqlstmt?.PLpgSQL_expr?.query) found.push({ query: execsql.sqlstmt.PLpgSQL_expr.query, lineno: execsql.lineno ?? 1 });
    const dynamic = record.PLpgSQL_stmt_dynexecute as { lineno?: number; query?: { PLpgSQL_expr?: { query?: string } } } | undefined;
    const constant = dynamic?.query?.PLpgSQL_expr?.query && /^'((?:[^']|'')*)'$/s.exec(dynamic.query.PLpgSQL_expr.query.trim());
    if (constant) found.push({ query: constant[1]!.replace(/''/g, "'"), lineno: dynamic?.lineno ?? 1 });
    Object.values(record).forEach(visit);
  };
  visit(tree);
  return found;
}
