import { basename } from 'node:path';
import { lineAndColumn, lineLookup } from '../text/lines.js';
import type { SourceLocation } from '../model/finding.js';
import type { SkippedFile } from '../model/report.js';
import { indexRuntimeSql, parseDdl, type RuntimeSql } from '../ddl/migration-index.js';
import { EMPTY_SCHEMA_INDEX, type SchemaIndex } from '../ddl/schema-index.js';
import { isTypeormMigrationFile } from '../replay/typeorm-migrations.js';
import { definitionOn, enclosingFunction, SCHEMA_FUNCTION_NAME } from './functions.js';
import { LexError, lexSource, type SourceLanguage, type StringLiteral } from './lexer.js';
import {
  enumDeclarations,
  modelDeclarations,
  ormCalls,
  type LibraryObjects,
  PUSH_COMMANDS,
  pythonClasses,
  type EnumDeclaration,
  type ModelDeclaration,
} from './orm.js';

export interface SourceText {
  /** As shown to the user. */
  readonly file: string;
  readonly text: string;
}

/**
 * Code that changes the schema outside the migrations. `ddl`: SQL we can read (an
 * `ensureSchema()` issuing CREATE TABLE IF NOT EXISTS). `orm`: a schema sync whose SQL the
 * ORM generates (`Base.metadata.create_all`). `function`: a function named for it
 * (`ensureSchema`) whose SQL we cannot see.
 */
export interface RuntimeWriter {
  readonly name: string;
  readonly kind: 'ddl' | 'orm' | 'function';
  readonly location: SourceLocation;
  /** For `ddl`: each statement, as `CREATE TABLE IF NOT EXISTS public.x`. */
  readonly statements: readonly string[];
  /** The function it runs in, when it is not the writer's own name. */
  readonly context?: string;
  /** When it writes, if not always (`DB_SYNC is 'true'`). */
  readonly condition?: string;
  /** What a library writer creates by itself. */
  readonly creates?: LibraryObjects;
}

export interface DeclaredModel extends ModelDeclaration {
  readonly file: string;
  readonly location: SourceLocation;
  /** The model's source text and the line it starts on. */
  readonly bodyText: string;
  readonly bodyLine: number;
}

export interface DeclaredEnum extends EnumDeclaration {
  readonly location: SourceLocation;
}

export interface SourceScan {
  readonly writers: readonly RuntimeWriter[];
  /** What the readable runtime DDL creates, at which source line. */
  readonly ddl: SchemaIndex;
  readonly models: readonly DeclaredModel[];
  /** Enum types the models declare (`Enum(…, name='tap_status')`). */
  readonly enums: readonly DeclaredEnum[];
  /** Python class → its base names, across every file: how a model reaches its declarative base. */
  readonly classes: ReadonlyMap<string, readonly string[]>;
  readonly skipped: readonly SkippedFile[];
  readonly fileCount: number;
}

export const EMPTY_SOURCE_SCAN: SourceScan = { writers: [], ddl: EMPTY_SCHEMA_INDEX, models: [], enums: [], classes: new Map(), skipped: [], fileCount: 0 };

/** Worth a parse: a schema-changing keyword. */
const DDL_HINT = /\b(create|alter|drop|comment\s+on)\s/i;
const PLACEHOLDER_NAME = 'pgparity_placeholder';

/**
 * Settings files that turn on a schema writer by configuration: Spring / Hibernate
 * (`spring.jpa.hibernate.ddl-auto=update`, `hibernate.hbm2ddl.auto`) in properties, YAML or XML.
 */
export function isSettingsFile(file: string): boolean {
  return /(?:^|[/\\])(?:application[\w-]*\.(?:properties|ya?ml)|persistence\.xml|hibernate\.cfg\.xml)$/i.test(file);
}

/** `ddl-auto: update`, `hibernate.hbm2ddl.auto=create`, `<property name="hibernate.hbm2ddl.auto" value="update"/>` (validate and none write nothing). */
const HIBERNATE_DDL_AUTO = /\b(?:ddl-auto|hbm2ddl\.auto)\b["']?\s*(?:[:=]\s*|\s+value\s*=\s*)["']?(update|create-drop|create)\b/g;

function settingsWriters(file: string, text: string): RuntimeWriter[] {
  const lineAt = lineLookup(text);
  return [...text.matchAll(HIBERNATE_DDL_AUTO)]
    .filter((m) => !/^[ \t]*#/.test(text.slice(text.lastIndexOf('\n', m.index) + 1, m.index)))
    .map((m) => ({ name: `Hibernate ddl-auto=${m[1]}`, kind: 'orm' as const, location: { file, line: lineAt(m.index) }, statements: [] }));
}

export function languageOf(file: string): SourceLanguage | undefined {
  if (/\.py$/i.test(file)) return 'python';
  // Go's strings and comments lex as JavaScript's: GORM's AutoMigrate, db.Exec("CREATE TABLE …").
  if (/\.go$/i.test(file) && !/_test\.go$/i.test(file)) return 'javascript';
  // Its scripts run `prisma db push` / `drizzle-kit push` at install or start: read as JavaScript, its strings are scanned.
  if (/(?:^|[/\\])package\.json$/i.test(file)) return 'javascript';
  if (/\.d\.[cm]?ts$/i.test(file) || /\.min\.js$/i.test(file)) return undefined;
  if (/\.([cm]?[jt]s|[jt]sx)$/i.test(file)) return 'javascript';
  return undefined;
}

/** Find the runtime schema writers, readable runtime DDL and ORM models in application sources. */
export async function scanSources(files: readonly SourceText[]): Promise<SourceScan> {
  const fragments: RuntimeSql[] = [];
  const writers: RuntimeWriter[] = [];
  const models: DeclaredModel[] = [];
  const enums: DeclaredEnum[] = [];
  const classes = new Map<string, string[]>();
  const skipped: SkippedFile[] = [];
  /** `file\0function` → the line that defines it. */
  const definitions = new Map<string, number>();

  for (const { file, text } of files) {
    if (isSettingsFile(file)) {
      writers.push(...settingsWriters(file, text));
      continue;
    }
    const language = languageOf(file);
    // A TypeORM migration class is a migration, wherever it lives: its DDL is not the application's.
    if (!language || isTypeormMigrationFile(file, text)) continue;
    if (text.includes('\u0000')) {
      skipped.push({ file, reason: 'binary content' });
      continue;
    }
    let lexed: ReturnType<typeof lexSource>;
    try {
      lexed = lexSource(text, language);
    } catch (error) {
      if (!(error instanceof LexError)) throw error;
      skipped.push({ file, reason: `cannot read its strings: ${error.message} at line ${lineAndColumn(text, error.index).line}` });
      continue;
    }
    const lineAt = lineLookup(text);
    // Comments and literal contents blanked: a multi-line SQL string does not disturb the indentation.
    const lines = lexed.bare.split('\n');
    const context = (index: number): { name: string; line: number } | undefined => enclosingFunction(lines, lineAt(index), language);
    const constants = stringConstants(text, language);

    for (const literal of lexed.literals) {
      const whole = literal.pieces.map((p) => p.text).join('');
      if (PUSH_COMMANDS.test(whole)) {
        const fn = context(literal.start);
        writers.push({
          name: PUSH_COMMANDS.exec(whole)![1]!.replace(/\s+/g, ' '),
          kind: 'orm',
          location: { file, line: lineAt(literal.start) },
          statements: [],
          ...(fn ? { context: fn.name } : {}),
        });
      }
      if (!DDL_HINT.test(whole)) continue;
      for (const candidate of candidates(literal, constants, language)) {
        const statements = await parseDdl(candidate.sql);
        if (!statements) continue;
        const fn = context(literal.start);
        if (fn) definitions.set(`${file}\u0000${fn.name}`, fn.line);
        fragments.push({
          file,
          sql: candidate.sql,
          statements,
          lineAt: (i) => lineAt(candidate.offsets[i] ?? literal.start),
          ...(fn ? { context: fn.name } : {}),
        });
        break;
      }
    }

    for (const call of ormCalls(lexed.bare, text)) {
      const fn = context(call.index);
      writers.push({
        name: call.name,
        kind: 'orm',
        location: { file, line: lineAt(call.index) },
        statements: [],
        ...(fn ? { context: fn.name } : {}),
        ...(call.condition ? { condition: call.condition } : {}),
        ...(call.creates ? { creates: call.creates } : {}),
      });
    }
    lines.forEach((line, i) => {
      const name = definitionOn(line, language);
      if (name && SCHEMA_FUNCTION_NAME.test(name)) writers.push({ name, kind: 'function', location: { file, line: i + 1 }, statements: [] });
    });
    for (const model of modelDeclarations(text, lexed.bare, language)) {
      models.push({
        ...model,
        file,
        location: { file, line: lineAt(model.index) },
        bodyText: text.slice(model.body[0], model.body[1]),
        bodyLine: lineAt(model.body[0]),
      });
    }
    for (const declared of enumDeclarations(text, language)) enums.push({ ...declared, location: { file, line: lineAt(declared.index) } });
    if (language === 'python') for (const [name, bases] of pythonClasses(lexed.bare)) if (!classes.has(name)) classes.set(name, bases);
  }

  const { index, statements } = indexRuntimeSql(fragments);
  const ddlWriters = new Map<string, { name: string; location: SourceLocation; statements: string[] }>();
  for (const s of statements) {
    const group = `${s.file}\u0000${s.context ?? ''}`;
    const existing = ddlWriters.get(group);
    if (existing) existing.statements.push(s.summary);
    else {
      const defined = s.context === undefined ? undefined : definitions.get(`${s.file}\u0000${s.context}`);
      ddlWriters.set(group, { name: s.context ?? basename(s.file), location: { file: s.file, line: defined ?? s.line }, statements: [s.summary] });
    }
  }
  const all: RuntimeWriter[] = [...[...ddlWriters.values()].map((w) => ({ ...w, kind: 'ddl' as const })), ...writers];
  return { writers: dedupe(all), ddl: index, models, enums, classes, skipped, fileCount: files.length };
}

/**
 * One writer per place: a function named like `ensureSchema` that holds readable DDL or an
 * ORM call is that writer already; the same ORM call twice in a file counts once.
 */
function dedupe(writers: readonly RuntimeWriter[]): RuntimeWriter[] {
  const named = new Set(
    writers.filter((w) => w.kind !== 'function').flatMap((w) => [`${w.location.file}\u0000${w.name}`, `${w.location.file}\u0000${w.context ?? ''}`]),
  );
  const seen = new Set<string>();
  return writers.filter((w) => {
    const id = `${w.location.file}\u0000${w.name}`;
    if (w.kind === 'function' && named.has(id)) return false;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

interface Candidate {
  readonly sql: string;
  /** Source index of each character of `sql`. */
  readonly offsets: readonly number[];
}

/**
 * The SQL texts to try for a literal: placeholders replaced by the constant they name when
 * the file defines it (`const TABLE = 'messages'`), else by an identifier; then, for
 * `"… {}".format()` / `%s` strings, those markers replaced too.
 */
function candidates(literal: StringLiteral, constants: ReadonlyMap<string, string>, language: SourceLanguage): Candidate[] {
  let sql = '';
  const offsets: number[] = [];
  literal.pieces.forEach((piece, i) => {
    sql += piece.text;
    offsets.push(...piece.offsets);
    const placeholder = literal.placeholders[i];
    if (placeholder) {
      const value = constants.get(placeholder.expression.replace(/^(this|self)\./, '')) ?? PLACEHOLDER_NAME;
      sql += value;
      for (let n = 0; n < value.length; n++) offsets.push(placeholder.index);
    }
  });
  const first = { sql, offsets };
  const markers = language === 'python' ? /\{\w*\}|%\(\w+\)s|%s/g : /\$\{\w*\}/g;
  if (!new RegExp(markers.source).test(sql)) return [first];
  let replaced = '';
  const replacedOffsets: number[] = [];
  let at = 0;
  for (const m of sql.matchAll(markers)) {
    replaced += sql.slice(at, m.index) + PLACEHOLDER_NAME;
    replacedOffsets.push(...offsets.slice(at, m.index), ...new Array<number>(PLACEHOLDER_NAME.length).fill(offsets[m.index] ?? literal.start));
    at = m.index + m[0].length;
  }
  replaced += sql.slice(at);
  replacedOffsets.push(...offsets.slice(at));
  return [first, { sql: replaced, offsets: replacedOffsets }];
}

/** Top-level `const NAME = 'text'` (JavaScript) or `NAME = "text"` (Python) in a file. */
function stringConstants(text: string, language: SourceLanguage): Map<string, string> {
  const pattern =
    language === 'python'
      ? /^[ \t]*([A-Za-z_]\w*)\s*(?::\s*\w+\s*)?=\s*(['"])([^'"\n\\]*)\2\s*(?:#.*)?$/gm
      : /\b(?:const|let|var|readonly|static)\s+([\w$]+)\s*(?::\s*[\w$]+\s*)?=\s*(['"`])([^'"`\n\\$]*)\2/g;
  const found = new Map<string, string>();
  for (const m of text.matchAll(pattern)) if (!found.has(m[1]!)) found.set(m[1]!, m[3]!);
  return found;
}
