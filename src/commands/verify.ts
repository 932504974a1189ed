import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { detailsNotTaken, detailsNotTakenMessage, introspectCatalog, parseSnapshot } from '../catalog/index.js';
import { compareSchemas, type CompareSettings } from '../compare/pipeline.js';
import { connect, type SessionLimits } from '../db/connect.js';
import { describeTarget, parseTarget, type ConnectionTarget } from '../db/target.js';
import { ConfigError } from '../model/errors.js';
import { SEVERITY_RANK, type Finding, type Severity } from '../model/finding.js';
import type { Report } from '../model/report.js';
import type { Snapshot } from '../model/snapshot.js';
import { versionWarnings } from './version-warnings.js';

/**
 * The live database: a `postgres://` URL, a ConnectionTarget, or the application's own
 * idle `pg.Client` / `pg.Pool` (borrowed for one read-only transaction, never closed).
 */
export type VerifyConnection = string | ConnectionTarget | pg.ClientBase | pg.Pool;

/**
 * The comparison settings of `check` (the config file's severities, excludeObjects, waivers
 * included), plus `allowExtra` (see CompareSettings) and what only a startup check needs.
 */
export interface VerifyOptions extends Omit<CompareSettings, 'explain'> {
  /** Lowest severity that makes the schema incompatible (default `error`: renamed indexes and column order do not). */
  readonly failOn?: Severity;
  /** Session bounds when pgparity opens the connection itself (URL or target). */
  readonly limits?: SessionLimits;
}

export interface VerifyResult {
  /** true when the live schema is compatible with the snapshot. */
  readonly ok: boolean;
  /** What makes it incompatible: findings at or above `failOn`, neither waived nor accepted by `allowExtra`. */
  readonly findings: readonly Finding[];
  /** Differences accepted: extra objects under `allowExtra`, waived findings, findings below `failOn`. */
  readonly tolerated: readonly Finding[];
  /** The comparison as `check` would report it (expected = snapshot, actual = live), without the extras `allowExtra` accepts. */
  readonly report: Report;
  readonly elapsedMs: number;
}

/**
 * Startup compatibility check (an application that refuses to start on a schema it does
 * not expect): compare the live schema with a committed snapshot written by
 * `pgparity snapshot`. Read-only; no scratch server; a fixed number of catalog queries.
 */
export async function verifySchema(connection: VerifyConnection, snapshot: Snapshot | string, options: VerifyOptions = {}): Promise<VerifyResult> {
  const started = performance.now();
  const expected = typeof snapshot === 'string' ? await readSnapshotFile(snapshot) : snapshot;
  const notTaken = detailsNotTaken(expected.objects, options.include ?? []);
  if (notTaken.length > 0) throw new ConfigError(detailsNotTakenMessage(typeof snapshot === 'string' ? snapshot : expected.source, notTaken));
  const live = await introspectLive(connection, options);
  // Verify has no migrations to find causes in: no `explain`.
  const { report, accepted } = await compareSchemas(
    { snapshot: expected, side: { source: `snapshot:${expected.source}`, serverVersion: expected.server.version } },
    { snapshot: live.snapshot, side: { source: live.source, serverVersion: live.snapshot.server.version } },
    { ...options, warnings: [...(options.warnings ?? []), ...versionWarnings(expected, live.snapshot, false)] },
  );
  const failOn = options.failOn ?? 'error';
  const findings = report.findings.filter((f) => f.waiver === undefined && SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]);
  return {
    ok: findings.length === 0,
    findings,
    tolerated: [...accepted, ...report.findings.filter((f) => !findings.includes(f))],
    report,
    elapsedMs: performance.now() - started,
  };
}

async function readSnapshotFile(path: string): Promise<Snapshot> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new ConfigError(
      `cannot read snapshot ${path}: ${error.code === 'ENOENT' ? 'no such file' : error.message}: write one with pgparity snapshot <source> -o ${path}`,
    );
  });
  return parseSnapshot(text, path);
}

async function introspectLive(connection: VerifyConnection, options: VerifyOptions): Promise<{ snapshot: Snapshot; source: string }> {
  const introspect = (client: pg.ClientBase, source: string) =>
    introspectCatalog(client, { ...options, source }).then(({ snapshot }) => ({ snapshot, source }));

  if (typeof connection === 'string' || isTarget(connection)) {
    const target = typeof connection === 'string' ? parseTarget(connection) : connection;
    const client = await connect(target, { readOnly: true, ...(options.limits ? { limits: options.limits } : {}), applicationName: 'pgparity verify' });
    try {
      return await introspect(client, describeTarget(target));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  if (isPool(connection)) {
    const client = await connection.connect();
    try {
      return await introspect(client, describeClient(client));
    } finally {
      client.release();
    }
  }
  return introspect(connection, describeClient(connection));
}

function isTarget(value: object): value is ConnectionTarget {
  return (
    typeof (value as { query?: unknown }).query !== 'function' &&
    typeof (value as ConnectionTarget).host === 'string' &&
    typeof (value as ConnectionTarget).database === 'string'
  );
}

function isPool(value: object): value is pg.Pool {
  // Duck-typed: the application's `pg` may be another copy than ours, so `instanceof` would lie.
  return typeof (value as pg.Pool).totalCount === 'number' && typeof (value as pg.Pool).connect === 'function';
}

function describeClient(client: pg.ClientBase): string {
  const c = client as Partial<{ user: string; host: string; port: number; database: string }>;
  return c.host && c.database ? describeTarget({ host: c.host, port: c.port ?? 5432, user: c.user ?? '', database: c.database }) : 'live connection';
}
