import { createHash } from 'node:crypto';
import { compareSchemas } from '../compare/pipeline.js';
import { describeTarget, type ConnectionTarget } from '../db/target.js';
import { moveSchema, objectsBySchema, renameInValue } from '../fleet/schema-rename.js';
import { mapLimited } from '../fleet/concurrency.js';
import { inShard } from '../fleet/shard.js';
import type { FleetTarget } from '../fleet/targets.js';
import { PgparityError } from '../model/errors.js';
import type { Finding } from '../model/finding.js';
import type { FingerprintGroup, FingerprintReport, Shard } from '../model/fleet.js';
import type { SchemaFilter } from '../model/settings.js';
import type { Snapshot } from '../model/snapshot.js';
import { normalizeSnapshot } from '../normalize/normalize.js';
import type { SessionLimits } from '../db/connect.js';
import { ScratchPool } from '../source/scratch-pool.js';
import { loadSource } from '../source/load.js';
import { readTenants } from './fleet.js';

/** The name every tenant schema is moved to before it is hashed: identical tenants hash alike. */
const TENANT = 'tenant';

export interface FingerprintSettings extends SchemaFilter {
  /** Databases to group … */
  readonly targets?: readonly FleetTarget[];
  /** … or the tenant schemas (`pattern`) of one database. */
  readonly tenants?: { readonly live: ConnectionTarget; readonly pattern: string };
  /** Outliers are compared with this (the migrations, replayed) instead of the majority. */
  readonly reference?: { readonly snapshot: Snapshot; readonly source: string; readonly schema?: string };
  readonly shard?: Shard;
  readonly concurrency?: number;
  readonly limits?: SessionLimits;
  readonly progress?: (message: string) => void;
}

/**
 * Group databases (or tenant schemas) by a hash of their normalized schema, name the majority,
 * and say how each other group differs from it (or from the migrations).
 */
export async function fingerprint(settings: FingerprintSettings): Promise<FingerprintReport> {
  const members: { name: string; snapshot: Snapshot }[] = [];
  const failed: { name: string; error: string }[] = [];
  if (settings.tenants) {
    const { tenants, live } = await readTenants({
      ...settings.tenants,
      ...(settings.shard ? { shard: settings.shard } : {}),
      limits: settings.limits,
      progress: settings.progress,
    });
    const bySchema = live ? objectsBySchema(live.snapshot) : new Map();
    for (const schema of tenants) members.push({ name: schema, snapshot: moveSchema(live!.snapshot, schema, TENANT, bySchema.get(schema) ?? []) });
  } else {
    const scratch = new ScratchPool({ type: 'embedded' });
    const targets = (settings.targets ?? []).filter((t) => inShard(t.name, settings.shard));
    await mapLimited(targets, settings.concurrency ?? 4, async (t) => {
      try {
        const loaded = await loadSource(
          { type: 'url', url: describeTarget(t.target) },
          { scratch, limits: settings.limits, schemas: settings.schemas, excludeSchemas: settings.excludeSchemas, oneSession: true },
          t.target,
        );
        members.push({ name: t.name, snapshot: loaded.snapshot });
      } catch (error) {
        if (!(error instanceof PgparityError)) throw error;
        failed.push({ name: t.name, error: error.message.split('\n')[0]! });
      }
    });
  }

  const byHash = new Map<string, { name: string; snapshot: Snapshot }[]>();
  for (const member of members) {
    const normalized = normalizeSnapshot(member.snapshot, settings);
    const hash = createHash('sha256').update(JSON.stringify(normalized.objects)).digest('hex');
    byHash.set(hash, [...(byHash.get(hash) ?? []), member]);
  }
  const ordered = [...byHash.entries()]
    .map(([hash, list]) => ({ hash, list: list.sort((a, b) => (a.name < b.name ? -1 : 1)) }))
    .sort((a, b) => b.list.length - a.list.length || (a.list[0]!.name < b.list[0]!.name ? -1 : 1));

  const reference = settings.reference
    ? {
        snapshot: settings.tenants ? moveSchema(settings.reference.snapshot, settings.reference.schema ?? 'public', TENANT) : settings.reference.snapshot,
        source: settings.reference.source,
      }
    : ordered[0] && { snapshot: ordered[0].list[0]!.snapshot, source: 'majority' };
  const groups: FingerprintGroup[] = [];
  for (const [i, { hash, list }] of ordered.entries()) {
    const group: FingerprintGroup = { fingerprint: `sha256:${hash}`, count: list.length, members: list.map((m) => m.name), majority: i === 0 };
    if (i === 0 && !settings.reference) {
      groups.push(group);
      continue;
    }
    const first = list[0]!;
    const { report } = await compareSchemas(
      { snapshot: reference!.snapshot, side: { source: reference!.source, serverVersion: reference!.snapshot.server.version } },
      { snapshot: first.snapshot, side: { source: first.name, serverVersion: first.snapshot.server.version } },
      settings,
    );
    // Tenant findings are named in the group's first schema.
    const findings = settings.tenants ? report.findings.map((f) => renameInValue(f, TENANT, first.name) as Finding) : report.findings;
    groups.push({ ...group, findings });
  }
  return {
    groups,
    comparedWith: settings.reference ? settings.reference.source : 'majority',
    failed: failed.sort((a, b) => (a.name < b.name ? -1 : 1)),
    warnings: members.length === 0 && failed.length === 0 ? ['nothing to fingerprint: no target or tenant schema matched'] : [],
  };
}
