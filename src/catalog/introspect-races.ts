/**
 * Catalog functions such as pg_get_indexdef read the system caches, not the transaction's
 * snapshot: an object dropped by concurrent DDL after our snapshot was taken is still listed,
 * but its definition comes back NULL or the function fails with `cache lookup failed`. Such a
 * read is not consistent; it is retried as a whole.
 */

/** Per query (file name under `sql/`): columns that are NULL only when the object vanished mid-read. */
const NULL_WHEN_DROPPED: Readonly<Record<string, readonly string[]>> = {
  indexes: ['definition'],
  constraints: ['definition'],
  triggers: ['definition'],
  views: ['definition'],
};

/** Whole reads tried before giving up: a race hits one read in a few under a busy DDL loop. */
export const READ_ATTEMPTS = 8;

/** The read saw an object that was dropped or changed while it ran. */
export class ConcurrentChange extends Error {
  override readonly name = 'ConcurrentChange';
}

/** Throws ConcurrentChange when this row of `query` lacks a definition its object always has. */
export function assertDefinition(query: string, row: Readonly<Record<string, unknown>>): void {
  for (const column of NULL_WHEN_DROPPED[query] ?? []) {
    if (row[column] === null) throw new ConcurrentChange(`${query} were dropped while they were read`);
  }
}

/** A failure that a consistent re-read would not hit: the object behind an OID went away mid-read. */
export function isConcurrentChange(error: unknown): boolean {
  if (error instanceof ConcurrentChange) return true;
  const e = error as { code?: string; message?: string };
  const message = e.message ?? '';
  if (e.code === 'XX000') return /^cache lookup failed|^could not open relation with OID|^could not find tuple/.test(message);
  // `relation with OID 123 does not exist`, `function with OID 123 does not exist`, …
  return (e.code === '42P01' || e.code === '42883' || e.code === '42704') && /with OID \d+ does not exist/.test(message);
}

/** Wait a little, more with each attempt, so that a DDL loop can move past the object. */
export function backoffMs(attempt: number): number {
  return 20 * attempt + Math.floor(Math.random() * 50);
}
