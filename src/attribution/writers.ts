import { kindLabel } from '../compare/messages.js';
import type { Finding, ModelRef, Severity, SourceLocation } from '../model/finding.js';
import type { ObjectKind } from '../model/objects.js';
import type { SchemaTouch } from '../ddl/schema-index.js';
import type { RuntimeWriter } from './source-scan.js';

/** A runtime writer that explains a live object, and the line that does it. */
export interface WriterHit {
  readonly writer: RuntimeWriter;
  /** The DDL statement, or the model line that declares the object. */
  readonly location: SourceLocation;
  readonly via: 'ddl' | 'model' | 'library';
  /** The model (or enum) declaration behind it, for `cause.model`. */
  readonly model?: ModelRef;
  /** `the model Tap`, `the enum TapStatus`: how the cause names it. */
  readonly declaration?: string;
  /** Several schema syncs could have written it and nothing decides between them; `writer` is the first. */
  readonly candidates?: readonly RuntimeWriter[];
}

/** The readable-DDL writer a runtime statement belongs to. */
export function writerFor(writers: readonly RuntimeWriter[], touch: SchemaTouch): RuntimeWriter | undefined {
  const name = touch.context ?? basenameOf(touch.location.file);
  return writers.find((w) => w.kind === 'ddl' && w.location.file === touch.location.file && w.name === name);
}

/**
 * Each runtime writer is a finding of its own: it exists, so the schema can drift from the
 * migrations again whenever it runs ("schema changes only through migrations"). The cause
 * says which of today's findings it is behind.
 */
export function runtimeWriterFindings(
  writers: readonly RuntimeWriter[],
  explained: ReadonlyMap<RuntimeWriter, readonly Finding[]>,
  severity: Severity,
): Finding[] {
  return writers.map((w) => {
    const behind = explained.get(w) ?? [];
    const where = `${w.location.file}:${w.location.line}`;
    return {
      change: 'hazard',
      kind: 'runtime_writer',
      key: `${w.location.file}#${w.name}`,
      object: { schema: schemaOf(w), name: w.name },
      severity,
      message: `${describe(w)} at ${where} ${action(w)}, outside the migrations: schema changes belong in a migration`,
      cause: {
        type: 'runtime_writer',
        location: w.location,
        writer: { name: w.name, location: w.location },
        message: behind.length === 0 ? 'nothing it writes differs from the migrations today' : `behind ${listFindings(behind)}`,
      },
    } satisfies Finding;
  });
}

function describe(w: RuntimeWriter): string {
  if (w.kind === 'ddl') return w.name === basenameOf(w.location.file) ? 'DDL' : `${w.name}()`;
  if (w.kind === 'function') return `${w.name}()`;
  return w.name.includes(' ') ? w.name : `${w.name}()`;
}

function action(w: RuntimeWriter): string {
  if (w.kind === 'ddl') return `changes the schema at runtime (${statementCounts(w.statements)})`;
  if (w.kind === 'function') return 'looks like a runtime schema writer (its SQL is not visible here)';
  const when = w.condition ? ` when ${w.condition}` : '';
  if (w.creates) return `creates ${w.creates.schema ? `schema ${w.creates.schema}` : `table ${w.creates.tables?.join(', ')}`} at runtime${when}`;
  return `creates tables from the ORM models at runtime${when}${w.context ? ` (in ${w.context}())` : ''}`;
}

/** `3 CREATE TABLE IF NOT EXISTS, 1 CREATE INDEX IF NOT EXISTS`, in first-seen order. */
function statementCounts(statements: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const s of statements) {
    const verb = s
      .replace(/\s+ON\s+\S+$/, '')
      .replace(/\s+\S+$/, '')
      .replace(/(ALTER TABLE) \S+/, '$1');
    counts.set(verb, (counts.get(verb) ?? 0) + 1);
  }
  return [...counts].map(([verb, n]) => `${n} × ${verb}`).join(', ');
}

/** `extra table public.x, changed column public.t.c and 2 more`: each object once. */
function listFindings(findings: readonly Finding[]): string {
  const rank = (f: Finding): number => (f.change === 'extra' ? 0 : f.change === 'missing' ? 1 : 2);
  const ordered = [...findings].sort((a, b) => rank(a) - rank(b));
  const objects = [...new Set(ordered.map((f) => `${f.change} ${kindLabel(f.kind as ObjectKind)} ${f.key}`))];
  const more = objects.length > 3 ? ` and ${objects.length - 3} more` : '';
  return `${objects.slice(0, 3).join(', ')}${more}`;
}

/** The schema its statements write to (`CREATE TABLE IF NOT EXISTS app.x`), else public. */
function schemaOf(w: RuntimeWriter): string {
  for (const s of w.statements) {
    const m = /\s([^\s.]+)\.\S+/.exec(s);
    if (m) return m[1]!;
  }
  return 'public';
}

function basenameOf(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}
