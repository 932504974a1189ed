import type { Snapshot } from '../model/snapshot.js';

/**
 * Differences between the two servers that are not drift but can explain findings:
 * a scratch server of another major, or extensions at other versions.
 */
export function versionWarnings(expected: Snapshot, actual: Snapshot): string[] {
  const warnings: string[] = [];
  const major = (s: Snapshot): number => Math.floor(s.server.versionNum / 10_000);
  if (expected.server.versionNum && actual.server.versionNum && major(expected) !== major(actual)) {
    warnings.push(
      `expected side runs PostgreSQL ${expected.server.version}, live runs ${actual.server.version}: findings that depend on the major version may be noise; use --scratch docker:postgres:${major(actual)} or a server URL of the live major to rule that out`,
    );
  }
  return warnings;
}

