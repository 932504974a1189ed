import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { introspectCatalog, parseSnapshot } from '../catalog/index.js';
import { buildReport, compareSnapshots } from '../compare/index.js';
import { connect, type SessionLimits } from '../db/connect.js';
import { describeTarget, parseTarget, type ConnectionTarget } from '../db/target.js';
import { ConfigError } from '../model/errors.js';
import { SEVERITY_RANK, type Finding, type Severity } from '../model/finding.js';
import type { CatalogObject, ColumnObject } from '../model/objects.js';
import type { Report } from '../model/report.js';
import type { Snapshot } from '../model/snapshot.js';
import { canonicalizeExpressions, normalizeSnapshot } from '../normalize/index.js';
import { versionWarnings } from './version-warnings.js';

/**
 * The live database: a `postgres://` URL, a ConnectionTarget, or the application's own
 * idle `pg.Client` / `pg.Pool` (borrowed for one read-only transaction, never closed).
 */
export type VerifyConnection = string | ConnectionTarget | pg.ClientBase | pg.Pool;

export interface VerifyOptions {
  /**
   * Forward-compatible mode: tables, columns, indexes and other objects live has and the
   * snapshot lacks are fine (a newer schema may add them), except a NOT NULL column without
   * a default, which makes the snapshot's inserts fail. Missing or different objects still fail.
   */
  readonly allowExtra?: boolean;
  /** Lowest severity that makes the schema incompatible (default `error`: renamed indexes and column order do not). */
  readonly failOn?: Severity;
  readonly schemas?: readonly string[];
  readonly excludeSchemas?: readonly string[];
  readonly excludeTables?: readonly string[];
  readonly includeHistoryTables?: boolean;
  readonly ignoreColumnOrder?: boolean;
  /** Session bounds when pgparity opens the connection itself (URL or target). */
  readonly limits?: SessionLimits;
  /** Said in the report before anything else (e.g. environment disagreements). */
  readonly warnings?: readonly string[];
}

export interface VerifyResult {
  /** true when the live schema is compatible with the snapshot. */
  readonly ok: boolean;
  /** What makes it incompatible: findings at or above `failOn` that `allowExtra` does not accept. */
  readonly findings: readonly Finding[];
  /** Differences accepted: extra objects under `allowExtra`, findings below `failOn`. */
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
  const live = await introspectLive(connection, options);
  const normalize = {
    ...(options.schemas ? { schemas: options.schemas } : {}),
    ...(options.excludeSchemas ? { excludeSchemas: options.excludeSchemas } : {}),
    ...(options.excludeTables ? { excludeTables: options.excludeTables } : {}),
    ...(options.includeHistoryTables ? { includeHistoryTables: true } : {}),
  };
  const actual = normalizeSnapshot(live.snapshot, normalize);
  const [left, right] = withoutIdentical(normalizeSnapshot(expected, normalize), actual);
  // A snapshot committed from another major deparses some expressions differently: compare meanings.
  const canonical = await canonicalizeExpressions(left, right);
  const compared = compareSnapshots(canonical.expected, canonical.actual, options.ignoreColumnOrder ? { ignoreColumnOrder: true } : {});
  const failOn = options.failOn ?? 'error';
  const columns = new Map(actual.objects.filter((o): o is ColumnObject => o.kind === 'column').map((c) => [c.key, c]));
  const accepted: Finding[] = [];
  const reported: Finding[] = [];
  for (const f of compared) {
    if (options.allowExtra && f.change === 'extra') {
      const column = f.kind === 'column' ? columns.get(f.key) : undefined;
      if (column && blocksInserts(column)) {
        reported.push({ ...f, message: `${f.message}: it is NOT NULL without a default, so inserts written for the snapshot's schema fail` });
        continue;
      }
      accepted.push(f);
      continue;
    }
    reported.push(f);
  }
  const findings = reported.filter((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]);
  const warnings = [
    ...(options.warnings ?? []),
    ...versionWarnings(expected, live.snapshot),
    ...(accepted.length > 0 ? [`${accepted.length} object${accepted.length === 1 ? '' : 's'} in live but not in the snapshot accepted (allowExtra): ${accepted.map((f) => `${f.kind} ${f.key}`).join(', ')}`] : []),
  ];
  const report = buildReport({
    expected: { source: `snapshot:${expected.source}`, serverVersion: expected.server.version },
    actual: { source: live.source, serverVersion: live.snapshot.server.version },
    findings: reported,
    warnings,
  });
  return {
    ok: findings.length === 0,
    findings,
    tolerated: [...accepted, ...reported.filter((f) => !findings.includes(f))],
    report,
    elapsedMs: performance.now() - started,
  };
}

/**
 * Both snapshots without the objects that are identical on both sides: they cannot differ,
 * and a startup check of a large schema should not pay for comparing them attribute by
 * attribute. Constraints stay: which indexes belong to a constraint is read from them.
 */
function withoutIdentical(expected: Snapshot, actual: Snapshot): [Snapshot, Snapshot] {
  const identity = (o: CatalogObject): string => `${o.kind}\u0000${o.key}`;
  const expectedText = new Map(expected.objects.map((o) => [identity(o), JSON.stringify(o)]));
  const same = new Set(actual.objects.filter((o) => o.kind !== 'constraint' && expectedText.get(identity(o)) === JSON.stringify(o)).map(identity));
  const keep = (s: Snapshot): Snapshot => ({ ...s, objects: s.objects.filter((o) => !same.has(identity(o))) });
  return [keep(expected), keep(actual)];
}

/** An insert that names only the snapshot's columns fails on this column. */
function blocksInserts(column: ColumnObject): boolean {
  return column.notNull && column.default === null && column.identity === null && column.generated === null;
}

async function readSnapshotFile(path: string): Promise<Snapshot> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new ConfigError(`cannot read snapshot ${path}: ${error.code === 'ENOENT' ? 'no such file' : error.message}: write one with pgparity snapshot <source> -o ${path}`);
  });
  return parseSnapshot(text, path);
}

async function introspectLive(connection: VerifyConnection, options: VerifyOptions): Promise<{ snapshot: Snapshot; source: string }> {
  const introspect = (client: pg.ClientBase, source: string) =>
    introspectCatalog(client, {
      source,
      ...(options.schemas ? { schemas: options.schemas } : {}),
      ...(options.excludeSchemas ? { excludeSchemas: options.excludeSchemas } : {}),
    }).then(({ snapshot }) => ({ snapshot, source }));

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
  return typeof (value as { query?: unknown }).query !== 'function' && typeof (value as ConnectionTarget).host === 'string' && typeof (value as ConnectionTarget).database === 'string';
}

function isPool(value: object): value is pg.Pool {
  // Duck-typed: the application's `pg` may be another copy than ours, so `instanceof` would lie.
  return typeof (value as pg.Pool).totalCount === 'number' && typeof (value as pg.Pool).connect === 'function';
}

function describeClient(client: pg.ClientBase): string {
  const c = client as Partial<{ user: string; host: string; port: number; database: string }>;
  return c.host && c.database ? describeTarget({ host: c.host, port: c.port ?? 5432, user: c.user ?? '', database: c.database }) : 'live connection';
}
