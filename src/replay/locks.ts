import type { Migration } from './discover.js';

/**
 * What the embedded scratch server is given by default (README, "Scratch servers"). The shared
 * lock table holds max_locks_per_transaction × (max_connections + background processes) locks,
 * about 100 × that, shared by every session.
 */
export const DEFAULT_MAX_LOCKS = 1024;
const LOCK_SLOTS_PER_SETTING = 100;

/**
 * Relations a statement of each kind may create or lock, counted from the text: a table is
 * itself, its TOAST table and the TOAST index; a key or UNIQUE adds an index, a reference locks
 * the referenced table, a serial or identity column adds a sequence. An overestimate only costs
 * shared memory (a few hundred bytes a lock); an underestimate fails the replay.
 */
const LOCKING_WORDS: readonly [RegExp, number][] = [
  [/\bcreate\s+(?:(?:global|local)\s+)?(?:(?:unlogged|temp|temporary)\s+)?table\b/gi, 3],
  [/\b(?:primary\s+key|unique|references|exclude)\b/gi, 1],
  [/\b(?:big|small)?serial\d?\b|\bidentity\b/gi, 1],
  [/\bcreate\s+(?:unique\s+)?index\b/gi, 2],
  [/\bcreate\s+(?:materialized\s+view|view|sequence)\b/gi, 2],
  [/\b(?:alter|drop|truncate|comment\s+on|grant|lock)\b/gi, 1],
];

/** Locks one transaction may hold while replaying `sql` (one file is one transaction; a file committed in parts, see STATEMENTS_PER_TRANSACTION, needs less). */
export function locksFor(sql: string): number {
  let locks = 0;
  for (const [pattern, weight] of LOCKING_WORDS) locks += (sql.match(pattern)?.length ?? 0) * weight;
  return locks;
}

/**
 * The max_locks_per_transaction a scratch server needs to replay `migrations`, each file in a
 * transaction of its own: the base (1,024, or `PGPARITY_SCRATCH_MAX_LOCKS`) unless one file
 * takes more locks than that leaves room for.
 */
export function maxLocksFor(migrations: readonly Migration[], env: Readonly<Record<string, string | undefined>> = process.env): number {
  const chosen = Number(env.PGPARITY_SCRATCH_MAX_LOCKS);
  const base = Number.isInteger(chosen) && chosen > 0 ? chosen : DEFAULT_MAX_LOCKS;
  const most = Math.max(0, ...migrations.map((m) => locksFor(m.sql)));
  // Half the lock table is kept for the catalogs, the introspection and other sessions.
  return Math.max(base, Math.ceil((2 * most) / LOCK_SLOTS_PER_SETTING));
}
