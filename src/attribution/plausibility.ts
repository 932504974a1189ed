import type { SourceLocation } from '../model/finding.js';
import type { CatalogObject, ConstraintObject, IndexObject } from '../model/objects.js';
import type { DeclaredEnum, DeclaredModel } from './source-scan.js';

/**
 * Whether an ORM model plausibly makes a live object when its schema sync (`create_all`,
 * `sequelize.sync`) runs: the model declares the table, and for a column, index or
 * constraint, the model's body declares that too. Evidence, not proof: without it the
 * object stays unexplained rather than being blamed on the ORM.
 */
export interface ModelEvidence {
  readonly model: DeclaredModel;
  /** The line that declares the object (the column, the `Index(…)`, the table name). */
  readonly location: SourceLocation;
  /** What a person looks for there: the model class (`Tap`), or the enum (`TapStatus`). */
  readonly name: string;
  readonly declares: 'model' | 'enum';
}

export function modelEvidence(models: readonly DeclaredModel[], o: CatalogObject): ModelEvidence | undefined {
  const table = o.kind === 'table' ? o.name : o.table;
  if (table === undefined) return undefined;
  for (const model of models.filter((m) => m.table === table || m.table.toLowerCase() === table)) {
    const line = declarationLine(model, o);
    if (line !== undefined) return { model, location: { file: model.file, line }, name: model.name, declares: 'model' };
  }
  return undefined;
}

/**
 * An enum type the models declare (`Enum('a', 'b', name='tap_status')`), with a model that
 * uses it: that model's schema sync creates the type.
 */
export function enumEvidence(enums: readonly DeclaredEnum[], models: readonly DeclaredModel[], o: CatalogObject): ModelEvidence | undefined {
  if (o.kind !== 'type') return undefined;
  for (const declared of enums.filter((e) => e.type === o.name)) {
    const uses = new RegExp(`${declared.variable ? `\\b${escape(declared.variable)}\\b|` : ''}['"\`]${escape(declared.type)}['"\`]`);
    const model = models.find((m) => m.file === declared.location.file && uses.test(m.bodyText)) ?? models.find((m) => uses.test(m.bodyText));
    if (model) return { model, location: declared.location, name: declared.variable ?? declared.type, declares: 'enum' };
  }
  return undefined;
}

function declarationLine(model: DeclaredModel, o: CatalogObject): number | undefined {
  switch (o.kind) {
    case 'table':
      return model.location.line;
    case 'column':
      return columnLine(model, o.name);
    case 'index':
      return generatedLine(model, o.name) ?? quotedLine(model, o.name) ?? indexLine(model, o);
    case 'constraint':
      return generatedLine(model, o.name) ?? quotedLine(model, o.name) ?? constraintLine(model, o);
    default:
      return undefined;
  }
}

/** `notes = Column(Text)`, `notes: Mapped[str]`, `notes: { type: … }`, `@Column() notes`, `Column("notes", …)`, `t.text('notes')`. */
function columnLine(model: DeclaredModel, column: string): number | undefined {
  const names = [column, camelCase(column)].map(escape).join('|');
  // An attribute declaration first: the same name quoted may be an Index(…) that lists it.
  return (
    matchLine(model, new RegExp(`(?<![\\w$.])(?:${names})\\s*[:=?!]`)) ??
    matchLine(model, new RegExp(`\\b(?:Column|mapped_column|field)\\s*\\(\\s*['"\`](?:${names})['"\`]|\\.\\w+\\(\\s*['"\`](?:${names})['"\`]`))
  );
}

/** An index from `index=True` on each of its columns, or an `Index(…)` naming all of them. */
function indexLine(model: DeclaredModel, o: IndexObject): number | undefined {
  const columns = simpleColumns(o.keys);
  if (!columns) return undefined;
  const flag = o.unique ? /\bunique\s*[=:]\s*(True|true)\b/ : /\bindex\s*[=:]\s*(True|true)\b/;
  if (columns.length === 1) {
    const line = columnDeclaration(model, columns[0]!);
    if (line !== undefined && flag.test(line.text)) return line.number;
  }
  return lineWithAll(model, /\bIndex\s*\(|@Index\s*\(|\.index\s*\(|\.unique\s*\(/, columns);
}

function constraintLine(model: DeclaredModel, o: ConstraintObject): number | undefined {
  const patterns: Record<ConstraintObject['type'], { column: RegExp; table: RegExp }> = {
    primary_key: {
      column: /primary_key\s*=\s*True|primaryKey\s*:\s*true|@Primary(Generated)?Column|\.primary\s*\(|\.increments\s*\(/,
      table: /PrimaryKeyConstraint\s*\(|\.primary\s*\(/,
    },
    unique: { column: /unique\s*[=:]\s*(True|true)|\.unique\s*\(/, table: /UniqueConstraint\s*\(|@Unique\s*\(|\.unique\s*\(/ },
    foreign_key: {
      column: /ForeignKey\s*\(|references\s*:|\.references\s*\(|@ManyToOne|@OneToOne|@JoinColumn/,
      table: /ForeignKeyConstraint\s*\(|\.foreign\s*\(/,
    },
    check: { column: /CheckConstraint\s*\(|@Check\s*\(|\.check\s*\(/, table: /CheckConstraint\s*\(|@Check\s*\(|\.check\s*\(/ },
    exclusion: { column: /ExcludeConstraint\s*\(/, table: /ExcludeConstraint\s*\(/ },
  };
  const { column, table } = patterns[o.type];
  if (o.columns.length === 1) {
    const line = columnDeclaration(model, o.columns[0]!);
    if (line !== undefined && column.test(line.text)) return line.number;
    // TypeORM puts the relation decorator on the line above the property.
    if (line !== undefined && column.test(lineText(model, line.number - 1))) return line.number - 1;
  }
  return lineWithAll(model, table, o.columns);
}

/** A name the ORM computes (TypeORM's `FK_…`): the line of the decorator behind it. */
function generatedLine(model: DeclaredModel, name: string): number | undefined {
  const generated = model.generatedNames?.find((g) => g.name === name);
  if (!generated) return undefined;
  return model.bodyLine + (model.bodyText.slice(0, generated.index - model.index).match(/\n/g)?.length ?? 0);
}

function columnDeclaration(model: DeclaredModel, column: string): { number: number; text: string } | undefined {
  const number = columnLine(model, column);
  return number === undefined ? undefined : { number, text: lineText(model, number) };
}

function quotedLine(model: DeclaredModel, name: string): number | undefined {
  return matchLine(model, new RegExp(`['"\`]${escapeRegExp(name)}['"\`]`));
}

/**
 * A line matching `pattern` whose quoted strings are exactly these columns, in order, plus
 * at most one more (the name): `Index("ix_pours_tap_id_poured_at", "tap_id", "poured_at")`
 * declares (tap_id, poured_at), not (poured_at).
 */
function lineWithAll(model: DeclaredModel, pattern: RegExp, columns: readonly string[]): number | undefined {
  const lines = model.bodyText.split('\n');
  const i = lines.findIndex((l) => {
    if (!pattern.test(l)) return false;
    const quoted = [...l.matchAll(/['"`]([^'"`]+)['"`]/g)].map((m) => m[1]!);
    const named = quoted.filter((q) => columns.includes(q));
    return named.length === columns.length && named.every((c, k) => c === columns[k]) && quoted.length - named.length <= 1;
  });
  return i === -1 ? undefined : model.bodyLine + i;
}

function matchLine(model: DeclaredModel, pattern: RegExp): number | undefined {
  const m = pattern.exec(model.bodyText);
  if (!m) return undefined;
  return model.bodyLine + (model.bodyText.slice(0, m.index).match(/\n/g)?.length ?? 0);
}

function lineText(model: DeclaredModel, line: number): string {
  return model.bodyText.split('\n')[line - model.bodyLine] ?? '';
}

/** Index keys that are plain column names, or undefined when one is an expression. */
function simpleColumns(keys: readonly string[]): string[] | undefined {
  const names = keys.map((k) => /^"?([\w$]+)"?$/.exec(k)?.[1]);
  return names.every((n) => n !== undefined) ? (names as string[]) : undefined;
}

function camelCase(name: string): string {
  return name.replace(/_([a-z\d])/g, (_, c: string) => c.toUpperCase());
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
