import { DEFAULT_SEVERITIES, severityOf, type SeverityRules } from '../compare/severity.js';
import type { Cause, Finding, SourceLocation } from '../model/finding.js';
import type { CatalogObject, ObjectKind } from '../model/objects.js';
import type { Snapshot } from '../model/snapshot.js';
import { findHistoryTable, HISTORY_SCHEMAS } from '../normalize/history.js';
import { objectKey, splitKey } from '../model/keys.js';
import { ObjectIndex } from '../kinds/index.js';
import { createdWithIdentity, creatorOf, dropperOf, identityOf, shaperOf, type SchemaIndex, type SchemaTouch } from '../ddl/schema-index.js';
import { maskedStatementFindings, maskingOf, type MaskedUse, type RuntimeOrigin } from './masking.js';
import { enumEvidence, modelEvidence } from './plausibility.js';
import { runtimeWriterFindings, writerFor, type WriterHit } from './writers.js';
import type { DeclaredModel, RuntimeWriter, SourceScan } from './source-scan.js';
import type { HistoryView } from '../history/model.js';

export interface AttributionInput {
  /** The comparison's findings (expected = migrations, actual = live). */
  readonly findings: readonly Finding[];
  /** Both sides, normalized as they were compared. */
  readonly expected: Snapshot;
  readonly actual: Snapshot;
  /** What each migration statement does; absent when the expected side is not SQL files (`--replay-cmd`, a snapshot, a database). */
  readonly migrations?: SchemaIndex;
  /** Runtime schema writers in the application code; absent without `--app-source`. */
  readonly sources?: SourceScan;
  readonly severities?: SeverityRules;
  /** What live's migration history table says of each file, when one table records them. */
  readonly history?: HistoryView;
}

/**
 * Give every finding its cause, and add the hazards behind drift: each runtime schema
 * writer, and each `CREATE … IF NOT EXISTS` that live's existing object would skip. Pure:
 * the migration index and the source scan are its only knowledge.
 */
export function attributeFindings(input: AttributionInput): Finding[] {
  const expectedObjects = new ObjectIndex(input.expected.objects);
  const actualObjects = new ObjectIndex(input.actual.objects);
  const context: Context = {
    input,
    expectedObject: (kind, key) => expectedObjects.get(kind, key),
    actualObject: (kind, key) => actualObjects.get(kind, key),
    masked: [],
    explained: new Map(),
    recordsMigrations: recordsMigrations(input.actual),
  };
  const findings = input.findings.map((f) => (f.change === 'hazard' ? f : { ...f, cause: causeOf(f, context) }));
  const severity = (kind: 'runtime_writer' | 'masked_statement') => severityOf('hazard', kind, undefined, input.severities ?? DEFAULT_SEVERITIES);
  return [
    ...findings,
    ...maskedStatementFindings(
      context.masked,
      context.actualObject,
      (kind, key) => madeAtRuntime(input.sources, kind, key, context),
      severity('masked_statement'),
    ),
    ...runtimeWriterFindings(input.sources?.writers ?? [], context.explained, severity('runtime_writer')),
  ];
}

interface Context {
  readonly input: AttributionInput;
  readonly expectedObject: (kind: ObjectKind, key: string) => CatalogObject | undefined;
  readonly actualObject: (kind: ObjectKind, key: string) => CatalogObject | undefined;
  /** Migration statements live would skip, with the findings they explain. */
  readonly masked: MaskedUse[];
  /** Per runtime writer, the findings it explains. */
  readonly explained: Map<RuntimeWriter, Finding[]>;
  /** Live has a migration history table: a missing object may be a migration that has not run there. */
  readonly recordsMigrations: boolean;
}

/**
 * Whether live records migrations at all: a table (or schema) some migration tool keeps its
 * history in. Without one, live was built some other way, and asking of each missing object
 * whether its migration ran says nothing: `noHistoryNote` says it once instead.
 */
export function recordsMigrations(actual: Snapshot): boolean {
  const columns = new Map<string, string[]>();
  for (const o of actual.objects) {
    if (o.kind !== 'column') continue;
    const table = objectKey(o.schema, o.table);
    const names = columns.get(table);
    if (names) names.push(o.name);
    else columns.set(table, [o.name]);
  }
  return actual.objects.some(
    (o) => HISTORY_SCHEMAS.includes(o.schema) || (o.kind === 'table' && findHistoryTable(o.name, columns.get(o.key) ?? []) !== undefined),
  );
}

/**
 * Said once each, at the top: a migration that changes the schema, whose work live has (no
 * finding is blamed on it), but that live's history table does not record: a row that went
 * missing, or a migration applied by hand. The tool would run it again.
 */
export function unrecordedNotes(findings: readonly Finding[], migrations: SchemaIndex | undefined, history: HistoryView | undefined): string[] {
  // A table that records nothing yet is a history not begun (a baseline to stamp), not rows gone missing.
  if (!migrations || !history || history.pending.size === 0 || history.applied.size === 0) return [];
  const shaping = new Set([...migrations.touches.values()].flatMap((touches) => touches.map((t) => t.location.file)));
  const blamed = new Set(findings.flatMap((f) => (f.cause?.location ? [f.cause.location.file] : [])));
  return [...history.pending]
    .filter((file) => shaping.has(file) && !blamed.has(file))
    .map(
      (file) =>
        `${history.table} has no row for ${file}, yet live has what it makes: its row went missing, or it was applied by hand; the tool would run it again (record it as applied with the tool; pgparity history lists it)`,
    );
}

/** Said once, at the top, when live has no history table and the migrations create what it lacks. */
export function noHistoryNote(findings: readonly Finding[], actual: Snapshot): string | undefined {
  if (!findings.some((f) => f.change === 'missing') || recordsMigrations(actual)) return undefined;
  return 'live has no migration history table (none pgparity knows): it was not built by these migrations, so what they create and live lacks was never applied there, not left pending; stamp a baseline only once live matches (pgparity stamp)';
}

function causeOf(f: Finding, c: Context): Cause {
  const kind = f.kind as ObjectKind;
  switch (f.change) {
    case 'missing':
      return missingCause(f, kind, c);
    case 'extra':
      return extraCause(f, kind, c);
    default:
      return changedCause(f, kind, c);
  }
}

/** The migrations create it and live lacks it: which statement, and would live even run it? */
function missingCause(f: Finding, kind: ObjectKind, c: Context): Cause {
  const touch = c.input.migrations && migrationTouch(c.input.migrations, kind, f.key, c.expectedObject(kind, f.key), 'creator');
  const ask = c.recordsMigrations ? ' — has this migration run?' : '';
  if (!touch) return { type: 'pending_migration', message: `the migrations create it${c.recordsMigrations ? ' — have they all run on live?' : ''}` };
  const masked = maskingOf(touch, f, c.actualObject);
  if (masked) {
    c.masked.push({ touch, finding: f });
    return {
      type: 'pending_migration',
      location: touch.location,
      message: `created by ${at(touch.location)}, but live skips that ${verb(touch.statement)}: ${masked.kind} ${masked.key} already exists there`,
    };
  }
  const made = touch.action === 'rename' ? `named so by ${at(touch.location)} (${touch.statement})` : `created by ${at(touch.location)}`;
  const recorded = recordedRun(c, touch.location, 'what it made was dropped or changed by hand since');
  return { type: 'pending_migration', location: touch.location, message: `${made}${recorded ?? ask}` };
}

/**
 * What live's history table says of the migration at `location`: not applied, recorded as applied
 * (so it ran only in part, or `since` happened), or edited after it ran; undefined when unknown.
 */
function recordedRun(c: Context, location: SourceLocation, since: string): string | undefined {
  const history = c.input.history;
  if (!history) return undefined;
  if (history.edited.has(location.file))
    return `, a file edited after it was applied (its checksum is not the one ${history.table} recorded): live has what it said then`;
  if (history.failed.has(location.file))
    return `, which ${history.table} records as failed: it ran only in part, or not at all; repair live by hand, then resolve it with the tool`;
  if (history.pending.has(location.file)) return ` — not applied: ${history.table} has no row for it`;
  if (history.applied.has(location.file)) return `, which ${history.table} records as applied: it ran only in part, or ${since}`;
  return undefined;
}

/** Live has it and the migrations do not: a runtime writer, a drop that never ran, or a hand. */
function extraCause(f: Finding, kind: ObjectKind, c: Context): Cause {
  const object = c.actualObject(kind, f.key);
  const sources = c.input.sources;
  const runtime = sources && runtimeHit(sources, kind, f.key, object);
  if (runtime) return runtimeCause(runtime, f, c);
  const dropped = c.input.migrations && dropperOf(c.input.migrations, kind, f.key);
  if (dropped)
    return {
      type: 'pending_migration',
      location: dropped.location,
      message: `dropped by ${at(dropped.location)}${
        recordedRun(c, dropped.location, 'it was made again by hand') ?? (c.recordsMigrations ? ' — has this migration run?' : '')
      }`,
    };
  return { type: 'unexplained', message: `no migration or known runtime writer creates it: a manual change?${unexplainedNote(sources)}` };
}

/** Both have it and it differs: the statement that last shaped it, and who made live's version. */
function changedCause(f: Finding, kind: ObjectKind, c: Context): Cause {
  const touch = c.input.migrations && migrationTouch(c.input.migrations, kind, f.key, c.expectedObject(kind, f.key), 'shaper', f.attribute);
  const liveKey = f.attribute === 'name' && typeof f.actual === 'string' ? renamedKey(f.key, f.actual) : f.key;
  const runtime = c.input.sources && runtimeHit(c.input.sources, kind, liveKey, c.actualObject(kind, liveKey));
  if (runtime) explain(c, runtime, f);
  const writer = runtime && !runtime.candidates && { name: runtime.writer.name, location: runtime.writer.location };
  const model = runtime?.model;
  const madeBy = runtime ? `; live's comes from ${describeHit(runtime)}` : '';
  if (!touch)
    return {
      type: 'migration_mismatch',
      ...(writer ? { writer } : {}),
      ...(model ? { model } : {}),
      message: `live differs from what the migrations make of it${madeBy}`,
    };
  const masked = maskingOf(touch, f, c.actualObject);
  if (masked) c.masked.push({ touch, finding: f });
  const skipped = masked ? `, which live skips: ${masked.kind} ${masked.key} already exists there` : '';
  return {
    type: 'migration_mismatch',
    location: touch.location,
    ...(writer ? { writer } : {}),
    ...(model ? { model } : {}),
    message: `last shaped by ${at(touch.location)} (${touch.statement})${skipped}${madeBy}${(!masked && shapedRun(c, touch.location)) || ''}`,
  };
}

/** For a difference in shape, only an edit after the fact or a migration not applied says more than the statement. */
function shapedRun(c: Context, location: SourceLocation): string | undefined {
  const history = c.input.history;
  if (history?.applied.has(location.file) && !history.edited.has(location.file)) return undefined;
  return recordedRun(c, location, '');
}

function madeAtRuntime(sources: SourceScan | undefined, kind: ObjectKind, key: string, c: Context): RuntimeOrigin | undefined {
  const hit = sources && runtimeHit(sources, kind, key, c.actualObject(kind, key));
  return hit && { text: describeHit(hit), writer: { name: hit.writer.name, location: hit.writer.location } };
}

function runtimeCause(hit: WriterHit, f: Finding, c: Context): Cause {
  explain(c, hit, f);
  return {
    type: 'runtime_writer',
    location: hit.location,
    // Several schema syncs could have written it: the message lists them, none is named as the one.
    ...(hit.candidates ? {} : { writer: { name: hit.writer.name, location: hit.writer.location } }),
    ...(hit.model ? { model: hit.model } : {}),
    message: `created at runtime by ${describeHit(hit)}`,
  };
}

/** The finding is (possibly, when there are candidates) this writer's work. */
function explain(c: Context, hit: WriterHit, f: Finding): void {
  for (const writer of hit.candidates ?? [hit.writer]) c.explained.set(writer, [...(c.explained.get(writer) ?? []), f]);
}

/** What in the application code creates this live object, if anything does. */
function runtimeHit(sources: SourceScan, kind: ObjectKind, key: string, object: CatalogObject | undefined): WriterHit | undefined {
  const touch = creatorOf(sources.ddl, kind, key) ?? (object ? implicitByIdentity(sources.ddl, object) : undefined);
  if (touch) {
    const writer = writerFor(sources.writers, touch);
    if (writer) return { writer, location: touch.location, via: 'ddl' };
  }
  const evidence = object && (modelEvidence(sources.models, object) ?? enumEvidence(sources.enums, sources.models, object));
  if (evidence) {
    const writers = ormWritersFor(sources, evidence.model);
    const model = { file: evidence.location.file, line: evidence.location.line, name: evidence.name };
    const declaration = `the ${evidence.declares} ${evidence.name}`;
    if (writers.length > 0)
      return { writer: writers[0]!, ...(writers.length > 1 ? { candidates: writers } : {}), location: evidence.location, via: 'model', model, declaration };
  }
  const library = object && sources.writers.find((w) => w.creates && createsObject(w.creates, object));
  return library ? { writer: library, location: library.location, via: 'library' } : undefined;
}

/** connect-pg-simple's `session` table (and its indexes and constraints), everything in pg-boss's schema. */
function createsObject(creates: NonNullable<RuntimeWriter['creates']>, o: CatalogObject): boolean {
  if (creates.schema) return o.schema === creates.schema;
  const table = o.kind === 'table' ? o.name : 'table' in o ? o.table : undefined;
  return o.schema === 'public' && table !== undefined && (creates.tables ?? []).includes(table);
}

const ORM_FAMILIES: Readonly<Record<string, RegExp>> = {
  SQLAlchemy: /create_all|\.create$/,
  SQLModel: /create_all|\.create$/,
  Sequelize: /\.sync$/,
  TypeORM: /synchronize/,
  Knex: /^knex /,
};

/**
 * The schema syncs that turn this model into tables. SQLAlchemy: the `create_all` whose
 * receiver (`Base` in `Base.metadata.create_all`, `db` in `db.create_all`) is one of the
 * model's bases, followed through intermediate classes. When that does not decide it, every
 * sync of the same ORM is a candidate (and the cause lists them rather than picking one).
 */
function ormWritersFor(sources: SourceScan, model: DeclaredModel): RuntimeWriter[] {
  const family = sources.writers.filter((w) => w.kind === 'orm' && (ORM_FAMILIES[model.orm]?.test(w.name) ?? false));
  if (family.length <= 1) return family;
  const reachable = ancestorsOf(model, sources.classes);
  const byBase = family.filter((w) => reachable.has(w.name.split('.')[0]!) && w.name.includes('.'));
  if (byBase.length === 1) return byBase;
  const pool = byBase.length > 1 ? byBase : family;
  const sameFile = pool.filter((w) => w.location.file === model.file);
  return sameFile.length === 1 ? sameFile : pool;
}

/** The model's own name, its bases, their bases, …: whatever a `create_all` may be called on. */
function ancestorsOf(model: DeclaredModel, classes: ReadonlyMap<string, readonly string[]>): Set<string> {
  const seen = new Set<string>([model.name]);
  const queue = [...model.bases];
  while (queue.length > 0) {
    const name = queue.shift()!;
    if (seen.has(name)) continue;
    seen.add(name);
    queue.push(...(classes.get(name) ?? []));
  }
  return seen;
}

function describeHit(hit: WriterHit): string {
  if (hit.via === 'library') return `${hit.writer.name} (${at(hit.writer.location)})`;
  if (hit.via === 'model') {
    const writers = (hit.candidates ?? [hit.writer]).map((w) => `${w.name} (${at(w.location)})`);
    const by = writers.length === 1 ? writers[0] : `one of ${writers.join(', ')}`;
    return `${by} from ${hit.declaration ?? 'the model'} at ${at(hit.location)}`;
  }
  return `${at(hit.location)}${hit.writer.kind === 'ddl' && hit.writer.name !== basenameOf(hit.writer.location.file) ? ` (${hit.writer.name})` : ''}`;
}

function unexplainedNote(sources: SourceScan | undefined): string {
  if (!sources) return ' (pass --app-source to look for runtime schema writers)';
  const orm = sources.writers.filter((w) => w.kind !== 'ddl');
  if (orm.length === 0) return '';
  const names = [...new Set(orm.map((w) => `${w.name} at ${at(w.location)}`))].slice(0, 2).join(', ');
  return ` (${names} ${orm.length === 1 ? 'writes' : 'write'} the schema at runtime, but no model declares this)`;
}

/** A statement that made the object, by name, else (for a name PostgreSQL chose) by what it is. */
function migrationTouch(
  index: SchemaIndex,
  kind: ObjectKind,
  key: string,
  object: CatalogObject | undefined,
  mode: 'creator' | 'shaper',
  attribute?: string,
): SchemaTouch | undefined {
  const touch = mode === 'creator' ? creatorOf(index, kind, key) : shaperOf(index, kind, key, attribute);
  return touch ?? (object ? implicitByIdentity(index, object) : undefined);
}

function implicitByIdentity(index: SchemaIndex, o: CatalogObject): SchemaTouch | undefined {
  let identity: string | undefined;
  if (o.kind === 'constraint') identity = identityOf(o.type, o.schema, o.table, o.type === 'check' ? [...o.columns].sort() : o.columns);
  if (o.kind === 'index')
    identity = identityOf(
      'index',
      o.schema,
      o.table,
      o.keys.map((k) => /^"?([\w$]+)"?$/.exec(k)?.[1] ?? '?'),
    );
  if (identity === undefined) return undefined;
  const found = createdWithIdentity(index, identity).filter((t) => t.implicitName);
  return found.length === 1 ? found[0] : undefined;
}

function renamedKey(key: string, name: string): string {
  return objectKey(...(splitKey(key) ?? []).slice(0, -1), name);
}

/** `CREATE TABLE IF NOT EXISTS public.t` → `CREATE TABLE IF NOT EXISTS`. */
export function verb(statement: string): string {
  return statement.replace(/\s+ON\s+\S+$/, '').replace(/\s+\S+$/, '');
}

export function at(location: SourceLocation): string {
  return `${location.file}:${location.line}`;
}

function basenameOf(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}
