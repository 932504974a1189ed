import { typeormNames, type GeneratedName } from './typeorm-names.js';
import type { SourceLanguage } from './lexer.js';

/**
 * ORM schema writers whose DDL is not in the source (it is generated from the models at
 * run time), and the model declarations that say which tables they create.
 */

export interface OrmCall {
  /** `Base.metadata.create_all`, `sequelize.sync`, `TypeORM synchronize: true`. */
  readonly name: string;
  /** Index in the source. */
  readonly index: number;
  /** When it writes, if not always: `DB_SYNC is 'true'` for `synchronize: process.env.DB_SYNC === 'true'`. */
  readonly condition?: string;
  /** What a library creates by itself (connect-pg-simple's `session` table, pg-boss's schema). */
  readonly creates?: LibraryObjects;
}

/** The tables (in `schema`, default public) or the whole schema a library creates at start. */
export interface LibraryObjects {
  readonly schema?: string;
  readonly tables?: readonly string[];
}

interface CallPattern {
  readonly pattern: RegExp;
  readonly name: (m: RegExpExecArray) => string;
  /** From the call's source text (the blanked text has no string contents). */
  readonly details?: (source: string) => Pick<OrmCall, 'condition' | 'creates'>;
  /** The match starts a property's value: its source runs on to the `,` or `}` that ends it, over nested brackets and lines. */
  readonly value?: boolean;
}

const CALLS: readonly CallPattern[] = [
  // SQLAlchemy / Flask-SQLAlchemy / SQLModel: Base.metadata.create_all(engine), db.create_all()
  { pattern: /\b((?:[\w$]+\.)*)create_all\s*\(/g, name: (m) => `${m[1] ?? ''}create_all` },
  // A single table: Model.__table__.create(bind=engine, checkfirst=True)
  { pattern: /\b((?:[\w$]+\.)*[\w$]+)\.create\s*\([^)]*checkfirst\s*=\s*True/g, name: (m) => `${m[1]}.create` },
  // Sequelize: sequelize.sync(), Model.sync({ alter: true })
  { pattern: /\b([\w$]*sequelize[\w$]*)\.sync\s*\(/gi, name: (m) => `${m[1]}.sync` },
  { pattern: /\b([\w$]+)\.sync\s*\(\s*\{\s*(?:alter|force)\s*:/g, name: (m) => `${m[1]}.sync` },
  // TypeORM: new DataSource({ synchronize: true }), dataSource.synchronize()
  { pattern: /\bsynchronize\s*:\s*true\b/g, name: () => 'TypeORM synchronize: true' },
  // … and when it is decided at run time: synchronize: process.env.DB_SYNC === 'true', synchronize: isDev
  {
    pattern: /\bsynchronize\s*:\s*(?=\S)(?!true\b|false\b)/g,
    name: () => 'TypeORM synchronize',
    value: true,
    details: (source) => ({ condition: conditionOf(source.replace(/^synchronize\s*:\s*/, '').replace(/\s+/g, ' ')) }),
  },
  // Libraries that create their own tables at start: connect-pg-simple, pg-boss.
  {
    pattern: /\bcreateTableIfMissing\s*:\s*true\b/g,
    name: () => 'connect-pg-simple createTableIfMissing',
    details: () => ({ creates: { tables: ['session'] } }),
  },
  { pattern: /\bnew\s+PgBoss\s*\(/g, name: () => 'pg-boss', details: () => ({ creates: { schema: 'pgboss' } }) },
  { pattern: /\b([\w$]+)\.synchronize\s*\(/g, name: (m) => `${m[1]}.synchronize` },
  // GORM: db.AutoMigrate(&User{}, &Order{})
  { pattern: /\.AutoMigrate\s*\(/g, name: () => 'GORM AutoMigrate' },
  // MikroORM: orm.getSchemaGenerator().updateSchema(), orm.schema.updateSchema() (v6), createSchema()
  {
    pattern: /\b(?:getSchemaGenerator\s*\(\s*\)|schema)\s*\.\s*(updateSchema|createSchema|refreshDatabase)\s*\(/g,
    name: (m) => `MikroORM ${m[1]}`,
  },
  // Knex outside migrations: knex.schema.createTableIfNotExists('x', …), knex.schema.createTable('x', …)
  { pattern: /\.createTableIfNotExists\s*\(/g, name: () => 'knex createTableIfNotExists' },
  { pattern: /\bschema\s*\.\s*createTable\s*\(/g, name: () => 'knex schema.createTable' },
];

/** Schema-sync calls in `bare` (the source with comments and literals blanked); `text` is the source itself. */
export function ormCalls(bare: string, text: string): OrmCall[] {
  const found: OrmCall[] = [];
  for (const { pattern, name, details, value } of CALLS) {
    for (const m of bare.matchAll(new RegExp(pattern.source, pattern.flags))) {
      const end = value ? valueEnd(bare, m.index + m[0].length) : m.index + m[0].length;
      const source = text.slice(m.index, end).trim();
      found.push({ name: name(m as RegExpExecArray), index: m.index, ...details?.(source) });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/** Where a property's value that starts at `start` ends: the first `,`, `}` or `;` outside brackets (`bare` has no string contents). */
function valueEnd(bare: string, start: number): number {
  let depth = 0;
  for (let i = start; i < bare.length; i++) {
    const c = bare[i]!;
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) return i;
      depth--;
    } else if ((c === ',' || c === ';') && depth === 0) return i;
  }
  return bare.length;
}

/**
 * `DB_SYNC is 'true'` for `process.env.DB_SYNC === 'true'`, `database.synchronize is true` for a
 * setting read with `config.get('database.synchronize', …)`; else the expression, `isDev is true`.
 */
function conditionOf(expression: string): string {
  const left = /^process\.env\.(\w+)\s*===?\s*(['"`])([^'"`]*)\2$/.exec(expression);
  if (left) return `${left[1]} is '${left[3]}'`;
  const right = /^(['"`])([^'"`]*)\1\s*===?\s*process\.env\.(\w+)$/.exec(expression);
  if (right) return `${right[3]} is '${right[2]}'`;
  const setting = /^(?:[\w$]+\s*\.\s*)*get(?:OrThrow)?\s*(?:<[^>]*>)?\s*\(\s*(['"`])([^'"`]+)\1[^)]*\)$/.exec(expression);
  if (setting) return `setting ${setting[2]} is true`;
  return `${expression} is true`;
}

/** Commands run from code that push the ORM's schema straight into the database. */
export const PUSH_COMMANDS = /\b(prisma\s+db\s+push|drizzle-kit\s+push)\b/;

export interface ModelDeclaration {
  /** The table the model maps to (as declared; the schema is not known). */
  readonly table: string;
  /** The class (`Tap`), or the variable a `Table(…)` is assigned to; else the table name. */
  readonly name: string;
  /**
   * What ties it to a schema sync: its base classes (`Base`, `db.Model` → `db`), or the
   * metadata a `Table('x', metadata, …)` is declared on. Empty when nothing says.
   */
  readonly bases: readonly string[];
  /** Names the ORM generates for what the model declares (TypeORM's `FK_…`, `IDX_…`), each with where it is declared. */
  readonly generatedNames?: readonly GeneratedName[];
  readonly orm: 'SQLAlchemy' | 'SQLModel' | 'Sequelize' | 'TypeORM' | 'Knex';
  /** Index of the declaration in the source. */
  readonly index: number;
  /** [start, end) of the model's body in the source: where its columns, indexes and constraints are. */
  readonly body: readonly [number, number];
}

/** Model declarations in `text` (the source itself: table names are in string literals). */
export function modelDeclarations(text: string, bare: string, language: SourceLanguage): ModelDeclaration[] {
  return language === 'python' ? pythonModels(text) : javascriptModels(text, bare);
}

function pythonModels(text: string): ModelDeclaration[] {
  const found: ModelDeclaration[] = [];
  for (const m of text.matchAll(/^([ \t]*)__tablename__\s*=\s*['"]([^'"]+)['"]/gm)) {
    const body = classBody(text, m.index);
    const declared = PYTHON_CLASS.exec(text.slice(body[0]));
    found.push({
      table: m[2]!,
      name: declared?.[1] ?? m[2]!,
      bases: declared ? baseNames(declared[2]!) : [],
      orm: 'SQLAlchemy',
      index: m.index + m[1]!.length,
      body,
    });
  }
  for (const m of text.matchAll(/(?:\b(\w+)\s*=\s*)?\b(?:sa\.|sqlalchemy\.)?Table\(\s*['"]([^'"]+)['"]\s*,\s*([\w.]+)/g)) {
    const metadata = m[3]!.split('.')[0]!;
    found.push({
      table: m[2]!,
      name: m[1] ?? m[2]!,
      bases: [metadata],
      orm: 'SQLAlchemy',
      index: m.index,
      body: [m.index, callEnd(text, m.index + m[0].indexOf('('))],
    });
  }
  // SQLModel without __tablename__: the class name, lower-cased.
  for (const m of text.matchAll(/^([ \t]*)class\s+(\w+)\s*\(([^)]*\btable\s*=\s*True[^)]*)\)\s*:/gm)) {
    const body = classBody(text, m.index + m[0].length);
    if (!/__tablename__/.test(text.slice(body[0], body[1])))
      found.push({ table: m[2]!.toLowerCase(), name: m[2]!, bases: baseNames(m[3]!), orm: 'SQLModel', index: m.index + m[1]!.length, body });
  }
  return found;
}

const PYTHON_CLASS = /^[ \t]*class\s+(\w+)\s*\(([^)]*)\)/;

/** `Base, TimestampMixin, db.Model, metaclass=X` → `Base`, `TimestampMixin`, `db`: the names that lead to a metadata. */
function baseNames(list: string): string[] {
  return list
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '' && !part.includes('='))
    .map((part) => part.split('.')[0]!);
}

/** Every Python class with its bases, for following `class Tap(TimestampedModel)` to `TimestampedModel(Base)`. */
export function pythonClasses(text: string): [string, string[]][] {
  return [...text.matchAll(/^[ \t]*class\s+(\w+)\s*\(([^)]*)\)\s*:/gm)].map((m) => [m[1]!, baseNames(m[2]!)]);
}

/** A database enum type declared in the models, and the name code uses for it. */
export interface EnumDeclaration {
  /** The type's name in the database. */
  readonly type: string;
  /** The variable it is assigned to (`TapStatus = Enum(…)`), when it is. */
  readonly variable?: string;
  readonly index: number;
}

/** `Enum('a', 'b', name='tap_status')` (SQLAlchemy) and `enumName: 'tap_status'` (TypeORM). */
export function enumDeclarations(text: string, language: SourceLanguage): EnumDeclaration[] {
  const found: EnumDeclaration[] = [];
  if (language === 'python') {
    for (const m of text.matchAll(/(?:\b(\w+)\s*=\s*)?\b(?:sa\.|sqlalchemy\.|postgresql\.)?(?:ENUM|Enum)\(/g)) {
      const call = text.slice(m.index, callEnd(text, m.index + m[0].length - 1));
      const type = /\bname\s*=\s*['"]([^'"]+)['"]/.exec(call)?.[1];
      if (type) found.push({ type, ...(m[1] ? { variable: m[1] } : {}), index: m.index });
    }
  } else {
    for (const m of text.matchAll(/\benumName\s*:\s*['"`]([^'"`]+)['"`]/g)) found.push({ type: m[1]!, index: m.index });
  }
  return found;
}

function javascriptModels(text: string, bare: string): ModelDeclaration[] {
  const found: ModelDeclaration[] = [];
  const add = (table: string, orm: ModelDeclaration['orm'], index: number, name = table, from = index): void => {
    const body: [number, number] = [index, blockEnd(bare, from)];
    const generatedNames = orm === 'TypeORM' ? typeormNames(table, text.slice(body[0], body[1]), body[0]) : undefined;
    found.push({ table, name, bases: [], orm, index, body, ...(generatedNames ? { generatedNames } : {}) });
  };
  for (const m of text.matchAll(/\.define\(\s*['"`]([^'"`]+)['"`]/g)) {
    const name = m[1]!;
    const options = text.slice(m.index, blockEnd(bare, blockEnd(bare, m.index) + 1));
    const tableName = /\btableName\s*:\s*['"`]([^'"`]+)['"`]/.exec(options)?.[1];
    for (const table of tableName ? [tableName] : [name, ...plurals(name)]) add(table, 'Sequelize', m.index);
  }
  for (const m of text.matchAll(/\btableName\s*:\s*['"`]([^'"`]+)['"`]/g)) add(m[1]!, 'Sequelize', m.index);
  for (const m of text.matchAll(/@Entity\(\s*(?:['"`]([^'"`]+)['"`]|\{[^}]*\bname\s*:\s*['"`]([^'"`]+)['"`][^}]*\})?\s*\)[\s\S]*?\bclass\s+(\w+)/g)) {
    add(m[1] ?? m[2] ?? snakeCase(m[3]!), 'TypeORM', m.index, m[3]!, m.index + m[0].length - m[3]!.length);
  }
  for (const m of text.matchAll(/\.createTable(?:IfNotExists)?\(\s*['"`]([^'"`]+)['"`]/g)) add(m[1]!, 'Knex', m.index);
  return found;
}

/** Sequelize pluralises model names into table names (`user` → `users`). */
function plurals(name: string): string[] {
  if (/[^aeiou]y$/i.test(name)) return [`${name.slice(0, -1)}ies`];
  if (/(s|x|ch|sh)$/i.test(name)) return [`${name}es`];
  return [`${name}s`];
}

/** TypeORM's default naming (its StringUtils.snakeCase): `MessageReceipt` → `message_receipt`, `HTMLPage` → `html_page`. */
export function snakeCase(name: string): string {
  return name
    .replace(/([A-Z])([A-Z])([a-z])/g, '$1_$2$3')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** The Python class around `index`: from its `class` line to the first line indented no deeper. */
function classBody(text: string, index: number): [number, number] {
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  let start = lineStart;
  const ownIndent = /^[ \t]*/.exec(text.slice(lineStart))![0].length;
  // Walk up to the class line that encloses this one.
  for (let at = lineStart; at > 0; ) {
    const prevStart = text.lastIndexOf('\n', at - 2) + 1;
    const line = text.slice(prevStart, at - 1);
    if (/^[ \t]*class\s/.test(line) && /^[ \t]*/.exec(line)![0].length < ownIndent) {
      start = prevStart;
      break;
    }
    at = prevStart;
  }
  const classIndent = /^[ \t]*/.exec(text.slice(start))![0].length;
  let end = text.indexOf('\n', index);
  while (end !== -1) {
    const next = text.indexOf('\n', end + 1);
    const line = text.slice(end + 1, next === -1 ? text.length : next);
    if (line.trim() !== '' && !line.trim().startsWith('#') && /^[ \t]*/.exec(line)![0].length <= classIndent) break;
    end = next;
  }
  return [start, end === -1 ? text.length : end];
}

/** The index after the `)` closing the call whose `(` is at `open`. */
function callEnd(text: string, open: number): number {
  let depth = 0;
  for (let k = open; k < text.length; k++) {
    if (text[k] === '(') depth++;
    else if (text[k] === ')' && --depth === 0) return k + 1;
  }
  return text.length;
}

/** The index after the `}` closing the first `{` at or after `from`, in the blanked source. */
function blockEnd(bare: string, from: number): number {
  const open = bare.indexOf('{', from);
  if (open === -1) return bare.length;
  let depth = 0;
  for (let k = open; k < bare.length; k++) {
    if (bare[k] === '{') depth++;
    else if (bare[k] === '}' && --depth === 0) return k + 1;
  }
  return bare.length;
}
