import { OBJECT_KINDS, type CatalogObject } from '../model/objects.js';
import { sortByCodepoint } from '../text/order.js';

/** Kind in OBJECT_KINDS order, then key by code point: the order of a snapshot's objects. */
export function sortObjects(objects: readonly CatalogObject[]): CatalogObject[] {
  const byKind = new Map<string, CatalogObject[]>(OBJECT_KINDS.map((kind) => [kind, []]));
  for (const object of objects) byKind.get(object.kind)?.push(object);
  return [...byKind.values()].flatMap((group) => sortByCodepoint(group, (object) => object.key));
}

/**
 * Join groups that are each already in snapshot order. A kind found in one group only (the
 * usual case: one query per family) is taken as it is, without sorting again.
 */
export function mergeSortedGroups(groups: readonly (readonly CatalogObject[])[]): CatalogObject[] {
  const runs = new Map<string, (readonly CatalogObject[])[]>();
  for (const group of groups) {
    let start = 0;
    for (let end = 1; end <= group.length; end++) {
      const kind = group[start]?.kind;
      if (kind === undefined || (end < group.length && group[end]?.kind === kind)) continue;
      const kindRuns = runs.get(kind);
      if (kindRuns) kindRuns.push(group.slice(start, end));
      else runs.set(kind, [group.slice(start, end)]);
      start = end;
    }
  }
  const merged: CatalogObject[] = [];
  for (const kind of OBJECT_KINDS) {
    const kindRuns = runs.get(kind) ?? [];
    const objects = kindRuns.length === 1 ? (kindRuns[0] ?? []) : sortByCodepoint(kindRuns.flat(), (object) => object.key);
    for (const object of objects) merged.push(object);
  }
  return merged;
}
