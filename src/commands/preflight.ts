import type pg from 'pg';
import { resolveLiveTarget, type Env } from '../config/live-target.js';
import { connect, type SessionLimits } from '../db/connect.js';
import { describeTarget } from '../db/target.js';
import { SEVERITY_RANK, type Severity } from '../model/finding.js';
import type { PendingMigration, PreflightReport, PreflightStatement, Violation } from '../model/preflight.js';
import { replayMigrations, replaySchemasFor, type ReplaySchemas } from '../replay/index.js';
import type { ScratchSpec } from '../scratch/index.js';
import { ScratchPool } from '../source/scratch-pool.js';
import type { LiveCheck, RelationRef } from '../preflight/effects.js';
import { LiveReader } from '../preflight/live.js';
import { measureMigration, type MeasuredMigration } from '../preflight/measure.js';
import { selectPending } from '../preflight/pending.js';
import { hazardsOf } from '../preflight/rules.js';
import { PREFLIGHT_DEFAULTS } from '../preflight/defaults.js';
import { auditMigrationHistory } from './history.js';
import { check } from './check.js';

export interface PreflightSettings {
  /** Live database URL; else DATABASE_URL, else PG* from `env`. */
  readonly url?: string;
  readonly env: Env;
  readonly migrations?: string;
  readonly since?: string;
  readonly sql?: string;
  readonly historyTable?: string;
  /** Where to measure; by default an embedded server of live's major when one is installed. */
  readonly scratch?: ScratchSpec;
  readonly limits?: SessionLimits;
  /** Tables with more rows are read through TABLESAMPLE (default 10 million). */
  readonly maxScanRows?: number;
  /** Up to 5 primary-key values per violation (default true; `--no-examples`). */
  readonly examples?: boolean;
  /** A blocking lock on a table this large is a warning (default 1 million rows or 1 GiB). */
  readonly largeRows?: number;
  readonly largeBytes?: number;
  /** Compare live with the applied migrations first (`check --until <last applied>`; default true). */
  readonly parityCheck?: boolean;
  readonly cache?: boolean;
  /** `--search-path`: the schemas the replay runs in, over what Flyway's settings say. */
  readonly searchPath?: ReplaySchemas;
  readonly progress?: (message: string) => void;
}

/**
 * `pgparity preflight`: what the pending migrations will do to this live database. Each pending
 * statement is measured in scratch (after the applied migrations), live is read (read-only,
 * bounded) for sizes and violating rows, and the rules turn both into hazards.
 */
export async function preflight(settings: PreflightSettings): Promise<PreflightReport> {
  const live = resolveLiveTarget(settings.url, settings.env);
  const database = describeTarget(live.target);
  const progress = settings.progress ?? (() => undefined);
  // Connect first: a wrong URL fails in milliseconds, before any server starts.
  const client = await connect(live.target, { readOnly: true, applicationName: 'pgparity preflight', ...(settings.limits ? { limits: settings.limits } : {}) });
  const notices: string[] = [];
  const scratchPool = new ScratchPool(settings.scratch ?? { type: 'embedded' }, (line) => notices.push(line));
  try {
    const version = await client.query<{ server_version: string; server_version_num: string }>(
      "select current_setting('server_version') as server_version, current_setting('server_version_num') as server_version_num",
    );
    const serverVersion = version.rows[0]!.server_version.split(' ')[0] ?? '';
    const versionNum = Number(version.rows[0]!.server_version_num);
    progress('finding the pending migrations');
    const selection = await selectPending({
      ...(settings.migrations ? { migrations: settings.migrations } : {}),
      ...(settings.since !== undefined ? { since: settings.since } : {}),
      ...(settings.sql !== undefined ? { sql: settings.sql } : {}),
      history: () =>
        auditMigrationHistory({
          ...(settings.url ? { url: settings.url } : {}),
          env: settings.env,
          migrations: settings.migrations!,
          ...(settings.historyTable ? { historyTable: settings.historyTable } : {}),
          allowPending: true,
          ...(settings.limits ? { limits: settings.limits } : {}),
        }),
    });
    const warnings = [...live.warnings, ...selection.warnings];
    const liveSide = { source: database, serverVersion };
    if (selection.pending.length === 0) {
      return finish({ live: liveSide, scratch: null, selection: selection.selection, applied: selection.applied.length, pending: [], warnings });
    }

    // The measurement is of live's major (installed on demand): lock levels and rewrites change between majors.
    scratchPool.follow({ major: Math.floor(versionNum / 10000), side: 'live' });
    progress('starting the scratch PostgreSQL');
    const server = await scratchPool.get();
    warnings.push(...notices);
    const scratchSpec = await scratchPool.prepare();

    const db = await server.createDatabase();
    progress(
      `replaying ${selection.applied.length} applied migration${selection.applied.length === 1 ? '' : 's'} into ${server.provider} PostgreSQL ${server.serverVersion}`,
    );
    const schemas = await replaySchemasFor(
      settings.migrations ?? settings.sql ?? '',
      [...selection.applied, ...selection.pending],
      settings.searchPath,
      (line) => warnings.push(line),
    );
    await replayMigrations(db.target, selection.applied, { schemas });
    const scratchClient = await connect(db.target, {
      readOnly: false,
      limits: { statementTimeoutMs: 0, lockTimeoutMs: 0, connectTimeoutMs: 10_000 },
      applicationName: 'pgparity preflight',
    });
    const measured: MeasuredMigration[] = [];
    try {
      for (const migration of selection.pending) {
        progress(`measuring ${migration.file}`);
        measured.push(await measureMigration(scratchClient, db.target, migration));
      }
    } finally {
      await scratchClient.end().catch(() => undefined);
    }

    progress(`reading sizes and violating rows in ${database}`);
    const pending = await readLive(client, measured, {
      maxScanRows: settings.maxScanRows ?? PREFLIGHT_DEFAULTS.maxScanRows,
      examples: settings.examples ?? true,
      versionNum,
      database,
      large: { rows: settings.largeRows ?? PREFLIGHT_DEFAULTS.largeRows, bytes: settings.largeBytes ?? PREFLIGHT_DEFAULTS.largeBytes },
    });
    // After measuring, with our server stopped: the comparison starts its own, and two at once would compete for the machine.
    await scratchPool.close();
    const lastApplied = selection.applied.at(-1);
    if (settings.parityCheck !== false && lastApplied && settings.migrations) {
      progress(`comparing live with the migrations up to ${lastApplied.id}`);
      const { report } = await check({
        ...(settings.url ? { url: settings.url } : {}),
        env: settings.env,
        migrations: settings.migrations,
        until: lastApplied.id,
        scratch: scratchSpec,
        cwd: process.cwd(),
        ...(settings.limits ? { limits: settings.limits } : {}),
        ...(settings.cache === false ? { cache: false } : {}),
        ...(settings.searchPath ? { searchPath: settings.searchPath } : {}),
      });
      const drift = report.findings.filter((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK.warning);
      if (drift.length > 0) {
        warnings.push(
          `live is not in parity with the applied migrations (${drift.length} difference${drift.length === 1 ? '' : 's'} up to ${lastApplied.id}, e.g. ${drift[0]!.message}): what is measured here may differ where live drifted — see pgparity check --until ${lastApplied.id}`,
        );
      }
    }

    return finish({
      live: liveSide,
      scratch: { provider: server.provider, serverVersion: server.serverVersion },
      selection: selection.selection,
      applied: selection.applied.length,
      pending,
      warnings,
    });
  } finally {
    await client.end().catch(() => undefined);
    await scratchPool.close();
  }
}

interface ReadOptions {
  readonly maxScanRows: number;
  readonly examples: boolean;
  readonly versionNum: number;
  readonly database: string;
  readonly large: { readonly rows: number; readonly bytes: number };
}

/** Read live once for everything measured: one REPEATABLE READ READ ONLY transaction. */
async function readLive(client: pg.Client, measured: readonly MeasuredMigration[], options: ReadOptions): Promise<PendingMigration[]> {
  const reader = new LiveReader(client, options);
  await client.query('begin isolation level repeatable read read only');
  try {
    const refs: RelationRef[] = measured.flatMap((m) =>
      m.statements.flatMap((s) => [
        ...s.effects.locks.map((l) => l.table),
        ...s.effects.rewrites.map((r) => r.table),
        ...s.effects.droppedTables,
        ...s.effects.checks.map((c) => c.table),
      ]),
    );
    await reader.load(refs);
    // One read per table for the new constraints of every pending statement together.
    const byTable = new Map<string, LiveCheck[]>();
    for (const check of measured.flatMap((m) => m.statements.flatMap((s) => s.effects.checks))) {
      byTable.set(check.table.relation, [...(byTable.get(check.table.relation) ?? []), check]);
    }
    const found = new Map<LiveCheck, Violation>();
    for (const checks of byTable.values()) for (const [check, violation] of await reader.violations(checks[0]!.table, checks)) found.set(check, violation);
    const writtenBefore = new Set<string>();
    const pending: PendingMigration[] = [];
    for (const migration of measured) {
      const statements: PreflightStatement[] = [];
      for (const [index, statement] of migration.statements.entries()) {
        const effects = statement.effects;
        const violations = effects.checks.map((check) => found.get(check)).filter((v): v is Violation => v !== undefined);
        const labelRows = [];
        for (const count of effects.labelCounts) {
          labelRows.push({
            label: count.label,
            renamedTo: count.renamedTo,
            relation: count.table.relation,
            column: count.column,
            rows: await reader.labelRows(count),
          });
        }
        const touched = new Map<string, RelationRef>();
        for (const ref of [...effects.locks.map((l) => l.table), ...effects.rewrites.map((r) => r.table), ...effects.droppedTables])
          touched.set(ref.relation, ref);
        const relations = [...touched.values()].map((ref) => reader.size(ref)).filter((s) => s !== undefined);
        const hazards = hazardsOf({
          statement,
          violations,
          size: (ref) => reader.size(ref),
          labelRows,
          writtenBefore,
          large: options.large,
          lastOfUncommitted: migration.uncommitted && index === migration.statements.length - 1,
        });
        if (['InsertStmt', 'UpdateStmt', 'DeleteStmt'].includes(statement.facts?.node ?? '')) {
          for (const lock of effects.locks) if (lock.mode === 'RowExclusiveLock') writtenBefore.add(lock.table.relation);
        }
        statements.push({
          line: statement.line,
          sql: statement.sql,
          measured: statement.measured,
          locks: effects.locks.map((l) => ({ relation: l.relation, mode: l.mode, blocks: l.blocks })),
          rewrites: effects.rewrites.map((r) => r.relation),
          indexesBuilt: effects.indexesBuilt.map((i) => i.index),
          scans: effects.scans.map((s) => s.relation),
          relations: relations.sort((a, b) => (a.relation < b.relation ? -1 : a.relation > b.relation ? 1 : 0)),
          violations,
          hazards,
        });
      }
      pending.push({ migration: migration.migration.id, file: migration.migration.file, statements });
    }
    await client.query('commit');
    return pending;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  }
}

function finish(parts: Omit<PreflightReport, 'verdict' | 'summary' | 'scratch'> & { scratch: PreflightReport['scratch'] | null }): PreflightReport {
  const hazards = parts.pending.flatMap((m) => m.statements.flatMap((s) => s.hazards));
  const count = (severity: Severity): number => hazards.filter((h) => h.severity === severity).length;
  return {
    verdict: hazards.some((h) => SEVERITY_RANK[h.severity] >= SEVERITY_RANK.warning) ? 'unsafe' : 'safe',
    ...parts,
    scratch: parts.scratch ?? { provider: 'none', serverVersion: '' },
    summary: { error: count('error'), warning: count('warning'), info: count('info') },
  };
}

/** 1 when a hazard is at or above `failOn`. */
export function preflightExitCode(report: PreflightReport, failOn: Severity): 0 | 1 {
  return report.pending.some((m) => m.statements.some((s) => s.hazards.some((h) => SEVERITY_RANK[h.severity] >= SEVERITY_RANK[failOn]))) ? 1 : 0;
}
