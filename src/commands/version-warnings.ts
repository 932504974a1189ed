import type { Snapshot } from '../model/snapshot.js';

/**
 * Differences between the two servers that are not drift but can explain findings:
 * a scratch server of another major, or extensions at other versions. `replayed` says whether
 * either side was replayed into a scratch server: only then is `--scratch` the remedy; two
 * databases, or a snapshot and a database, need a side read on the same major instead.
 */
export function versionWarnings(expected: Snapshot, actual: Snapshot, replayed: boolean): string[] {
  const warnings: string[] = [];
  const major = (s: Snapshot): number => Math.floor(s.server.versionNum / 10_000);
  if (expected.server.versionNum && actual.server.versionNum && major(expected) !== major(actual)) {
    const live = major(actual);
    const remedy = replayed
      ? `use --scratch embedded:${live}, --scratch docker:postgres:${live} or a server URL of the live major to rule that out`
      : `compare with a snapshot or database read on PostgreSQL ${live} to rule that out`;
    warnings.push(
      `expected side runs PostgreSQL ${expected.server.version}, live runs ${actual.server.version}: findings that depend on the major version may be noise; ${remedy}`,
    );
  }
  return warnings;
}

/** What extensionWarnings needs of a loaded source. */
export interface ExtensionSide {
  readonly snapshot: Snapshot;
  /** Set for a replayed source: the extensions its (scratch) server can install. */
  readonly availableExtensions?: readonly string[];
  readonly side: { readonly serverVersion: string; readonly provider?: string };
}

/**
 * An extension one side has and the other, replayed, side lacks because its scratch server
 * cannot install it (the embedded server has the contrib modules only, not PostGIS or
 * TimescaleDB): not drift the migrations could fix, so say how to get a server that has it.
 */
export function extensionWarnings(expected: ExtensionSide, actual: ExtensionSide): string[] {
  const warnings: string[] = [];
  const names = (s: Snapshot): Set<string> => new Set(s.objects.filter((o) => o.kind === 'extension').map((o) => o.name));
  for (const [replayed, other, otherName] of [
    [expected, actual, 'live'],
    [actual, expected, 'the expected side'],
  ] as const) {
    if (!replayed.availableExtensions) continue;
    const available = new Set(replayed.availableExtensions);
    const present = names(replayed.snapshot);
    for (const name of [...names(other.snapshot)].sort()) {
      if (present.has(name) || available.has(name)) continue;
      const server = `${replayed.side.provider ?? 'scratch'} PostgreSQL ${replayed.side.serverVersion}`;
      warnings.push(
        `${otherName} has extension ${name}, which the scratch server (${server}) does not provide: migrations that create it cannot replay there; use --scratch docker:IMAGE with an image that has it (e.g. docker:postgis/postgis:16-3.4) or --scratch postgres://… (a server that has it)`,
      );
    }
  }
  return warnings;
}
