import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { exitCodeFor } from '../compare/index.js';
import { resolveLiveTarget } from '../config/live-target.js';
import { connect, DEFAULT_LIMITS } from '../db/connect.js';
import { describeTarget } from '../db/target.js';
import { ConfigError, ConnectionError, PgparityError } from '../model/errors.js';
import type { Severity } from '../model/finding.js';
import type { Report } from '../model/report.js';
import { discoverMigrations, type Migration } from '../replay/index.js';
import { createsTable } from '../replay/tool-prelude.js';
import { leadingVersion } from '../replay/order.js';
import { algorithmByLength, normalizeStoredHex, PLAIN_CHECKSUMS } from '../history/checksums.js';
import { versionText } from '../history/files.js';
import { quoteIdent, parseTableName } from '../history/read.js';
import { createTableSql, findStampTable, type StampTable } from '../history/stamp-table.js';
import { check, type CheckSettings } from './check.js';
import { objectKey } from '../model/keys.js';
import { findAlembicProject } from '../replay/alembic.js';
import { stampAlembic } from './stamp-alembic.js';

export interface StampSettings extends Omit<CheckSettings, 'replayCommand' | 'migrations'> {
  /** The plain SQL migrations whose files are recorded. */
  readonly migrations: string;
  /** `schema.table`; default: the only plain history table in live (or `public.schema_migrations` with `createTable`). */
  readonly historyTable?: string;
  /** Create the table (filename, checksum, applied_at) when it does not exist; otherwise stamping it is refused. */
  readonly createTable?: boolean;
  /** Check and plan, write nothing. */
  readonly dryRun?: boolean;
  /** Lowest severity of a parity finding that refuses the stamp (default `error`). */
  readonly failOn?: Severity;
  /** Stamp even when constraint or index names differ from the migrations' (refused by default). */
  readonly allowRenames?: boolean;
}

/** One history row: a migration file and the checksum recorded for it. */
export interface StampRow {
  readonly filename: string;
  readonly checksum: string | null;
  readonly file: string;
}

export interface StampResult {
  /** `stamped` rows were written; `dry-run` they would be; `refused` the database does not match; `up-to-date` nothing to write. */
  readonly status: 'stamped' | 'dry-run' | 'refused' | 'up-to-date';
  readonly table: string;
  /** The table was (or, dry run, would be) created. */
  readonly createdTable: boolean;
  /** The table's columns, as a created one has them: `filename, checksum, applied_at`, `version_num`. */
  readonly columns: string;
  readonly rows: readonly StampRow[];
  /** The last migration the stamp claims. */
  readonly until: string;
  /** How the checksum column is filled (`sha256` unless the table's rows show another), null without one. */
  readonly checksumAlgorithm: string | null;
  /** The parity check of live against the migrations up to `until`; absent when nothing was to be written. */
  readonly report?: Report;
  /** Why the stamp was refused, one line each. */
  readonly reasons: readonly string[];
  /** The statements written (or, dry run, that would be). */
  readonly statements: readonly string[];
}

/**
 * `pgparity stamp`: record migrations as applied in a plain history table, but only when
 * live has exactly the schema those migrations produce (a stamp on a drifted
 * database hides the drift until a later migration fails). The check is read-only; the insert is the one write pgparity ever makes, in a
 * separate session and one transaction, bounded by lock_timeout.
 */
export async function stamp(settings: StampSettings): Promise<StampResult> {
  const alembic = await findAlembicProject(settings.migrations);
  if (alembic) return stampAlembic(settings, alembic);
  const migrations = await discoverMigrations(settings.migrations, settings.until ? { until: settings.until } : {});
  const until = migrations.at(-1)!.id;
  const all = settings.until ? await discoverMigrations(settings.migrations) : migrations;
  const named = settings.historyTable ? parseTableName(settings.historyTable) : undefined;
  const live = resolveLiveTarget(settings.url, settings.env);
  const limits = settings.limits ?? DEFAULT_LIMITS;

  const reader = await connect(live.target, { readOnly: true, limits });
  let table: StampTable;
  try {
    await reader.query('begin isolation level repeatable read read only');
    table = await findStampTable(reader, named, settings.createTable ?? false, (name) => createsTable(all, name));
    await reader.query('commit');
  } catch (error) {
    throw writeFailure(error, describeTarget(live.target));
  } finally {
    await reader.end().catch(() => undefined);
  }

  const planned = await plan(table, migrations, all);
  const base = {
    table: table.qualified,
    createdTable: !table.exists,
    columns: 'filename, checksum, applied_at',
    until,
    checksumAlgorithm: table.columns.checksum ? checksumAlgorithm(table) : null,
    statements: [] as string[],
  };
  if (planned.reasons.length > 0) return { ...base, createdTable: false, status: 'refused', rows: [], reasons: planned.reasons };
  if (planned.rows.length === 0) return { ...base, status: 'up-to-date', rows: [], reasons: [] };

  const { report } = await check({ ...settings, until, excludeTables: [...(settings.excludeTables ?? []), objectKey(table.schema, table.name)] });
  const blockers = stampBlockers(report, settings, until);
  if (blockers.length > 0) return { ...base, createdTable: false, status: 'refused', rows: [], report, reasons: blockers };
  const statements = [...(table.exists ? [] : [createTableSql(table.schema, table.name)]), ...planned.rows.map((row) => insertSql(table, row))];
  if (settings.dryRun) return { ...base, status: 'dry-run', rows: planned.rows, report, reasons: [], statements };

  const written = await write(live.target, limits, table, planned.rows);
  return { ...base, status: 'stamped', rows: written, report, reasons: [], statements };
}

/**
 * Why the parity check refuses a stamp: a finding at or above `--fail-on`, or a renamed
 * constraint or index at any severity (unless `allowRenames`): the next migration that names
 * the old name (`DROP CONSTRAINT taps_venue_id_fkey`) would fail on live once it is stamped.
 */
export function stampBlockers(report: Report, settings: Pick<StampSettings, 'failOn' | 'allowRenames'>, until: string): string[] {
  const reasons: string[] = [];
  if (exitCodeFor(report, settings.failOn ?? 'error') !== 0) {
    const count = report.findings.filter((f) => f.change !== 'hazard').length;
    const hazards = report.findings.length - count;
    const what = `${count} difference${count === 1 ? '' : 's'}${hazards > 0 ? `, ${hazards} hazard${hazards === 1 ? '' : 's'}` : ''}`;
    reasons.push(
      `live does not match the migrations up to ${until} (${what} at or above --fail-on ${settings.failOn ?? 'error'}): stamping would hide that drift`,
    );
  }
  const renames = report.findings.filter((f) => f.change === 'changed' && f.attribute === 'name' && !f.waiver);
  if (renames.length > 0 && !settings.allowRenames) {
    const shown = renames
      .slice(0, 3)
      .map((f) => `${f.key} is ${String(f.actual)} in live`)
      .join(', ');
    reasons.push(
      `${renames.length} constraint or index name${renames.length === 1 ? ' differs' : 's differ'} from the migrations (${shown}${renames.length > 3 ? ', …' : ''}): a later migration that names ${renames.length === 1 ? 'it' : 'them'} would fail on live; rename ${renames.length === 1 ? 'it' : 'them'} in live first, or pass --allow-renames`,
    );
  }
  return reasons;
}

/** The rows to write, or why not: the table must not record a migration beyond `until`, an unknown one, or an edited one. */
async function plan(table: StampTable, migrations: readonly Migration[], all: readonly Migration[]): Promise<{ rows: StampRow[]; reasons: string[] }> {
  const style = nameStyle(table.recorded.map((r) => r.name));
  const algorithm = checksumAlgorithm(table);
  const reasons: string[] = [];
  const recordedNames = new Set(table.recorded.map((r) => r.name));
  const claimed = new Set<string>();
  for (const migration of all) {
    const names = spellings(migration);
    const row = table.recorded.find((r) => names.includes(r.name));
    if (!row) continue;
    claimed.add(row.name);
    if (!migrations.includes(migration)) {
      reasons.push(`${table.qualified} already records ${row.name}, which comes after ${migrations.at(-1)!.id}: the stamp would contradict it`);
      continue;
    }
    if (row.checksum !== null) {
      const bytes = await readFile(resolve(migration.file));
      const matches = PLAIN_CHECKSUMS.some((c) => c.compute(bytes) === normalizeStoredHex(row.checksum!));
      if (!matches) reasons.push(`${migration.file} was edited after ${table.qualified} recorded it (checksum ${row.checksum}): run pgparity history`);
    }
  }
  for (const name of recordedNames) {
    if (!claimed.has(name)) reasons.push(`${table.qualified} records ${name}, which no file in the migrations directory provides: run pgparity history`);
  }
  const rows: StampRow[] = [];
  for (const migration of migrations) {
    if (spellings(migration).some((n) => recordedNames.has(n))) continue;
    const bytes = await readFile(resolve(migration.file));
    rows.push({
      filename: spell(migration, style),
      checksum: table.columns.checksum ? PLAIN_CHECKSUMS.find((c) => c.name === algorithm)!.compute(bytes) : null,
      file: migration.file,
    });
  }
  return { rows, reasons };
}

type NameStyle = 'file' | 'id' | 'version';

/** Write names the way the table already does: `001_init.sql`, `001_init` or `001`; file names for a new table. */
function nameStyle(recorded: readonly string[]): NameStyle {
  if (recorded.length === 0 || recorded.some((n) => /\.sql$/i.test(n))) return 'file';
  return recorded.every((n) => /^\d+$/.test(n)) ? 'version' : 'id';
}

function spell(migration: Migration, style: NameStyle): string {
  const file = fileName(migration);
  if (style === 'version') return leadingVersion(migration.id)?.join('.') ?? file;
  return style === 'id' ? migration.id : file;
}

/** The file name a row names: `001_init.sql`, or the directory name of a `001_init/up.sql` layout. */
function fileName(migration: Migration): string {
  const name = basename(migration.file);
  return /^(up|migration)\.sql$/i.test(name) ? migration.id : name;
}

function spellings(migration: Migration): string[] {
  const version = leadingVersion(migration.id);
  return [fileName(migration), migration.id, `${migration.id}.sql`, ...(version ? [version.join('.'), versionText(version)] : [])];
}

/** sha256 (what pgparity documents) unless the table's rows show another algorithm. */
function checksumAlgorithm(table: StampTable): string {
  const stored = table.recorded.find((r) => r.checksum !== null)?.checksum;
  return (stored && algorithmByLength(stored)) || 'sha256';
}

function insertColumns(table: StampTable): string[] {
  return [
    table.columns.name,
    ...(table.columns.checksum ? [table.columns.checksum] : []),
    ...(table.columns.appliedAt ? [table.columns.appliedAt] : []),
    ...table.extraColumns.map((c) => c.name),
  ];
}

function insertSql(table: StampTable, row: StampRow): string {
  const literal = (v: string | boolean | null): string => (v === null ? 'null' : typeof v === 'boolean' ? String(v) : `'${v.replace(/'/g, "''")}'`);
  const values = [
    literal(row.filename),
    ...(table.columns.checksum ? [literal(row.checksum)] : []),
    ...(table.columns.appliedAt ? ['now()'] : []),
    ...table.extraColumns.map((c) => literal(c.value)),
  ];
  return `insert into ${quoteIdent(table.schema)}.${quoteIdent(table.name)} (${insertColumns(table).map(quoteIdent).join(', ')}) values (${values.join(', ')})`;
}

/** The one write: create the table if asked, lock it against a concurrent migrator, insert what is still missing, commit. */
async function write(target: Parameters<typeof connect>[0], limits: typeof DEFAULT_LIMITS, table: StampTable, rows: readonly StampRow[]): Promise<StampRow[]> {
  const writer = await connect(target, { readOnly: false, limits, applicationName: 'pgparity stamp' });
  const qualified = `${quoteIdent(table.schema)}.${quoteIdent(table.name)}`;
  try {
    await writer.query('begin');
    if (!table.exists) await writer.query(createTableSql(table.schema, table.name).replace(/^create table /, 'create table if not exists '));
    await writer.query(`lock table ${qualified} in share row exclusive mode`);
    // Someone may have recorded rows since the check: never write a name twice.
    const { rows: present } = await writer.query<{ name: string }>(`select ${quoteIdent(table.columns.name)}::text as name from ${qualified}`);
    const already = new Set(present.map((r) => r.name));
    const toWrite = rows.filter((r) => !already.has(r.filename));
    const columns = insertColumns(table);
    for (const row of toWrite) {
      const values: unknown[] = [row.filename, ...(table.columns.checksum ? [row.checksum] : []), ...table.extraColumns.map((c) => c.value)];
      const placeholders = [
        '$1',
        ...(table.columns.checksum ? ['$2'] : []),
        ...(table.columns.appliedAt ? ['now()'] : []),
        ...table.extraColumns.map((_, i) => `$${i + (table.columns.checksum ? 3 : 2)}`),
      ];
      await writer.query(`insert into ${qualified} (${columns.map(quoteIdent).join(', ')}) values (${placeholders.join(', ')})`, values);
    }
    await writer.query('commit');
    return toWrite;
  } catch (error) {
    await writer.query('rollback').catch(() => undefined);
    throw writeFailure(error, describeTarget(target));
  } finally {
    await writer.end().catch(() => undefined);
  }
}

export function writeFailure(error: unknown, database: string): unknown {
  if (error instanceof PgparityError) return error;
  const e = error as { code?: string; message?: string };
  if (e.code === '55P03')
    return new ConnectionError(
      `the history table in ${database} is locked by someone else (a migration running?): nothing was written; retry later or raise --lock-timeout`,
    );
  if (e.code === '42501') return new ConnectionError(`permission denied writing the history table in ${database}: ${e.message ?? ''}; nothing was written`);
  if (e.code === '25006')
    return new ConfigError(`${database} is read-only (a replica, or default_transaction_read_only): stamp the primary; nothing was written`);
  if (e.code?.startsWith('23') || e.code?.startsWith('42'))
    return new ConfigError(`cannot write the history table in ${database}: ${e.message ?? ''}; nothing was written`);
  if (e.code?.startsWith('08') || /Connection terminated|ECONNRESET/.test(e.message ?? ''))
    return new ConnectionError(`lost the connection to ${database}: ${e.message ?? ''}; nothing was written`);
  return error;
}
