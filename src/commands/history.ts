import { resolve } from 'node:path';
import { resolveLiveTarget, type Env } from '../config/live-target.js';
import { connect, type SessionLimits } from '../db/connect.js';
import { describeTarget, type ConnectionTarget } from '../db/target.js';
import { sessionFailure } from '../db/session-failure.js';
import { auditHistoryFiles, chooseHistoryTables } from '../history/audit.js';
import { revisionFiles } from '../history/frameworks/alembic.js';
import { revisionGraph } from '../history/frameworks/alembic-revisions.js';
import { requireDirectory } from '../history/files.js';
import type { RecordedFiles } from '../history/ledger.js';
import type { HistoryFinding, HistoryReport, HistoryView } from '../history/model.js';
import { parseTableName, readCandidates, readRows } from '../history/read.js';
import { discoverMigrations } from '../replay/discover.js';
import { createsTable } from '../replay/tool-prelude.js';

export interface HistorySettings {
  /** Live database URL; else DATABASE_URL, else PG* from `env`. */
  readonly url?: string;
  readonly env: Env;
  /** The migrations directory to audit the history against; without it only the tables are read. */
  readonly migrations?: string;
  /** `schema.table`: audit this table only (read as a plain file-name table when no tool's shape fits). */
  readonly historyTable?: string;
  /** Pending migrations (in order) are `info` rather than `error`: for a gate run before migrating. */
  readonly allowPending?: boolean;
  readonly limits?: SessionLimits;
}

/**
 * `pgparity history`: find the migration history tables in the live database and audit
 * them against the migration files. Read-only: one REPEATABLE READ READ ONLY transaction.
 */
export async function auditMigrationHistory(settings: HistorySettings): Promise<HistoryReport> {
  const live = resolveLiveTarget(settings.url, settings.env);
  const { report } = await readHistory(settings, live.target);
  return { ...report, warnings: [...live.warnings, ...report.warnings] };
}

/**
 * What live's migration history table says of each file under `migrations`, for the causes of
 * `check`: undefined unless exactly one table records these files (none, several tools, or a
 * table that cannot be read leave the causes as they are; `pgparity history` reports those).
 */
export async function migrationHistoryView(target: ConnectionTarget, migrations: string, limits?: SessionLimits): Promise<HistoryView | undefined> {
  const { report, recordedFiles } = await readHistory({ env: {}, migrations, ...(limits ? { limits } : {}) }, target).catch(() => ({
    report: undefined,
    recordedFiles: undefined,
  }));
  if (!report || !recordedFiles || recordedFiles.size !== 1) return undefined;
  const [[table, recorded]] = [...recordedFiles];
  const files = (problem: string): Set<string> =>
    new Set(report.findings.flatMap((f) => (f.problem === problem && f.table === table && f.file !== undefined ? [f.file] : [])));
  return {
    table: table!,
    applied: new Set(recorded!.applied),
    failed: new Set(recorded!.failed),
    pending: files('pending'),
    edited: files('checksum_mismatch'),
  };
}

async function readHistory(settings: HistorySettings, target: ConnectionTarget): Promise<{ report: HistoryReport; recordedFiles: Map<string, RecordedFiles> }> {
  const explicit = settings.historyTable ? parseTableName(settings.historyTable) : undefined;
  const directory = settings.migrations ? resolve(settings.migrations) : undefined;
  if (directory) await requireDirectory(settings.migrations!);
  // Read before the transaction opens: which tables the migrations create themselves.
  const migrations = directory ? await discoverMigrations(directory).catch(() => []) : [];
  const database = describeTarget(target);
  const client = await connect(target, { readOnly: true, ...(settings.limits ? { limits: settings.limits } : {}) });
  try {
    await client.query('begin isolation level repeatable read read only');
    const candidates = await readCandidates(client, explicit);
    const choice = chooseHistoryTables(candidates, explicit, database, (name) => createsTable(migrations, name));
    const { chosen, warnings } = choice;
    const findings =
      chosen.length === 0 && directory && !explicit ? await unappliedAlembic(choice.findings, directory, settings.migrations!, database) : choice.findings;
    const tables = [];
    for (const { shape, framework } of chosen) tables.push({ table: await readRows(client, shape), framework });
    await client.query('commit');
    return await auditHistoryFiles({
      database,
      tables,
      findings,
      warnings,
      context: {
        ...(directory ? { directory, migrations: settings.migrations!.replace(/\/+$/, '') } : {}),
        allowPending: settings.allowPending ?? false,
        tables: candidates,
      },
    });
  } catch (error) {
    throw sessionFailure(error, `reading the migration history of ${database}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * No history table, but the directory holds Alembic revisions: say that they were never
 * applied here (live was built some other way), and how to get to a stamped baseline.
 */
async function unappliedAlembic(findings: readonly HistoryFinding[], directory: string, migrations: string, database: string): Promise<HistoryFinding[]> {
  const loaded = await revisionFiles(directory);
  if (!loaded) return [...findings];
  const heads = revisionGraph(loaded.revisions).heads;
  const shown = migrations.replace(/\/+$/, '');
  const message = `Alembic revisions, not applied in live: ${database} has no alembic_version table, so live was not built by the ${loaded.files.length} revisions under ${shown} (head ${heads.join(', ')}); check it with pgparity check -m ${shown} --until <rev>, then stamp it with pgparity stamp -m ${shown} --until <rev>`;
  return findings.map((f) => (f.problem === 'no_history_table' ? { ...f, table: 'public.alembic_version', framework: 'alembic', message } : f));
}
