import { isRenameable } from '../kinds/index.js';
import type { CatalogObject } from '../model/objects.js';
import { canonicalJson } from '../text/json.js';

export interface Rename {
  readonly expected: CatalogObject;
  readonly actual: CatalogObject;
}

export interface RenamePairing {
  readonly renames: Rename[];
  readonly missing: CatalogObject[];
  readonly extra: CatalogObject[];
}

/**
 * Pair a missing object with an extra one that is the same in everything but its name
 * (and comment, reported separately). Candidates are paired in key order, so the
 * result does not depend on input order.
 */
export function pairRenames(missing: readonly CatalogObject[], extra: readonly CatalogObject[]): RenamePairing {
  const candidates = new Map<string, CatalogObject[]>();
  for (const a of byKey(extra)) {
    const sig = signature(a);
    if (sig !== undefined) candidates.set(sig, [...(candidates.get(sig) ?? []), a]);
  }
  const renames: Rename[] = [];
  const stillMissing: CatalogObject[] = [];
  for (const e of byKey(missing)) {
    const sig = signature(e);
    const a = sig === undefined ? undefined : candidates.get(sig)?.shift();
    if (a === undefined) stillMissing.push(e);
    else renames.push({ expected: e, actual: a });
  }
  const paired = new Set(renames.map((r) => r.actual));
  return { renames, missing: stillMissing, extra: extra.filter((a) => !paired.has(a)) };
}

/** Everything but the name; undefined when the object cannot be recognised under another name. */
function signature(o: CatalogObject): string | undefined {
  if (!isRenameable(o)) return undefined;
  // Compared as compare does: expressions in their canonical forms where normalization gave them.
  const { key: _key, name: _name, comment: _comment, canonical, ...rest } = o;
  return canonicalJson({ ...rest, ...canonical });
}

function byKey(objects: readonly CatalogObject[]): CatalogObject[] {
  return [...objects].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
}
