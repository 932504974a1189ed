import { createHash } from 'node:crypto';
import type { Migration } from '../replay/index.js';

/** Everything besides the migrations that decides what a replay produces. */
export interface ReplayIdentity {
  /** pgparity's version and code hash (codeFingerprint). */
  readonly code: string;
  /** The scratch server: embedded binaries and initdb template, or provider, version and available extensions. */
  readonly server: string;
  /** The schemas the replay creates and its search path (src/replay/search-path.ts), when it sets them. */
  readonly schemas?: { readonly searchPath: readonly string[]; readonly create: readonly string[] };
}

/** Bump when the layout of the cache or of its keys changes. */
const CACHE_FORMAT = 1;

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** One hash per migration, of its content only: a renamed file that keeps its place replays the same. */
export function migrationHashes(migrations: readonly Migration[]): string[] {
  return migrations.map((m) => sha256(m.sql));
}

/**
 * `chain[k]` names the state after the first k migrations (k = 0 … n): each link hashes the previous
 * one with the next file's hash, so editing, inserting or reordering any file changes every later
 * link, and a history that only grew keeps its earlier links.
 */
export function prefixChain(identity: ReplayIdentity, hashes: readonly string[]): string[] {
  const chain = [sha256(JSON.stringify({ format: CACHE_FORMAT, kind: 'prefix', ...identity }))];
  for (const hash of hashes) chain.push(sha256(`${chain.at(-1)!}\0${hash}`));
  return chain;
}

/** The read of the whole history's database, with these read options (schema filters, …). */
export function snapshotKey(identity: ReplayIdentity, hashes: readonly string[], readOptions: Readonly<Record<string, unknown>>): string {
  return sha256(JSON.stringify({ format: CACHE_FORMAT, kind: 'snapshot', ...identity, read: canonical(readOptions), migrations: hashes }));
}

/** Keys sorted at every level, undefined members dropped: equal options, equal text. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => [k, canonical(v)]),
  );
}
