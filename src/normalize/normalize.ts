import { OBJECT_KINDS, type AccessDetail, type CatalogObject, type ColumnObject, type ObjectKind } from '../model/objects.js';
import { compareCodepoints } from '../text/order.js';
import type { SchemaFilter } from '../model/settings.js';
import type { Snapshot } from '../model/snapshot.js';
import { isRelationKind, kindOf } from '../kinds/index.js';
import { globToRegExp } from '../text/glob.js';
import { foldEquivalents } from './folds.js';
import { findHistoryTable, HISTORY_SCHEMAS } from './history.js';
import { objectKey } from '../model/keys.js';

/** What normalization leaves out: the whole SchemaFilter (src/model/settings.ts). */
export type NormalizeOptions = SchemaFilter;

/**
 * Leave out what is not to be compared (other schemas, excluded tables, migration
 * history) and fold representations that mean the same, so that `compare` only sees
 * real differences. Pure: the input is not modified.
 */
export function normalizeSnapshot(snapshot: Snapshot, options: NormalizeOptions = {}): Snapshot {
  const schemaAllowed = schemaFilter(options);
  const excludedRelations = excludedRelationNames(snapshot.objects, options);
  const identityColumns = new Set(snapshot.objects.filter((o): o is ColumnObject => o.kind === 'column' && o.identity !== null).map((o) => o.key));
  const explicitSchemas = (options.schemas?.length ?? 0) > 0;

  const kept = snapshot.objects.filter((o) => {
    switch (o.kind) {
      case 'schema':
        return schemaAllowed(o.name);
      case 'extension':
        // An extension is database-wide; its schema only matters when the user narrowed the comparison to some schemas.
        return !explicitSchemas || schemaAllowed(o.schema);
      case 'sequence':
        // An identity column's sequence is described by the column's `identity`; its name is incidental.
        if (!schemaAllowed(o.schema) || excludedRelations.has(o.key)) return false;
        return o.ownedBy === null || !(identityColumns.has(o.ownedBy) || ownedByExcluded(o.ownedBy, excludedRelations));
      default:
        if (!schemaAllowed(o.schema)) return false;
        if (excludedRelations.size === 0) return true;
        if (o.table !== undefined) return !excludedRelations.has(objectKey(o.schema, o.table));
        return !(isRelationKind(o.kind) && excludedRelations.has(o.key));
    }
  });

  const accessible = withoutAccessDetails(kept, options.include ?? []);
  return { ...snapshot, objects: foldEquivalents(accessible).map(canonicalize).sort(compareObjects) };
}

/** Owners and privileges are compared only when asked for. */
function withoutAccessDetails(objects: readonly CatalogObject[], include: readonly AccessDetail[]): CatalogObject[] {
  const owner = include.includes('owner');
  const privileges = include.includes('privileges');
  if (owner && privileges) return [...objects];
  return objects.map((o) => {
    if ((owner || o.owner === undefined) && (privileges || o.privileges === undefined)) return o;
    const { owner: ownerValue, privileges: privilegesValue, ...rest } = o;
    return {
      ...rest,
      ...(owner && ownerValue !== undefined ? { owner: ownerValue } : {}),
      ...(privileges && privilegesValue !== undefined ? { privileges: privilegesValue } : {}),
    } as CatalogObject;
  });
}

/** `schema.table.column` belongs to an excluded relation (a key's quoted parts make the prefix exact). */
function ownedByExcluded(ownedBy: string, excludedRelations: ReadonlySet<string>): boolean {
  for (const rel of excludedRelations) if (ownedBy.startsWith(`${rel}.`)) return true;
  return false;
}

function schemaFilter(options: NormalizeOptions): (schema: string) => boolean {
  const include = options.schemas?.length ? new Set(options.schemas) : undefined;
  const exclude = new Set(options.excludeSchemas ?? []);
  if (!options.includeHistoryTables) for (const s of HISTORY_SCHEMAS) exclude.add(s);
  return (schema) => (include === undefined || include.has(schema)) && !exclude.has(schema);
}

/** `schema.name` of every table, view or materialized view left out by pattern or as migration history. */
function excludedRelationNames(objects: readonly CatalogObject[], options: NormalizeOptions): Set<string> {
  const patterns = (options.excludeTables ?? []).map(globToRegExp);
  const matches = (o: CatalogObject): boolean => patterns.some((p) => p.test(o.key) || p.test(o.name));
  const excluded = new Set<string>();
  // Indexed loops: a catalog has tens of thousands of objects, and most are neither relations nor sequences.
  for (let i = 0; i < objects.length; i++) {
    const o = objects[i]!;
    if (isRelationKind(o.kind)) {
      const asHistory = o.kind === 'table' && !options.includeHistoryTables && findHistoryTable(o.name, o.columnOrder) !== undefined;
      if (asHistory || (patterns.length > 0 && matches(o))) excluded.add(o.key);
    } else if (o.kind === 'sequence' && patterns.length > 0 && matches(o)) {
      // Sequences can be excluded by pattern too, like `pg_dump --exclude-table`.
      excluded.add(o.key);
    }
  }
  return excluded;
}

/** Sort arrays whose order the server does not define (KindDescriptor.unordered), so they never differ by order alone. */
function canonicalize(object: CatalogObject): CatalogObject {
  const fields = object as unknown as Readonly<Record<string, unknown>>;
  const unordered = kindOf(object.kind).unordered;
  // Most objects have no such list: no arrays are made for them.
  if (object.privileges === undefined && unordered.length === 0) return object;
  const lists = ['privileges', ...unordered].filter((a) => Array.isArray(fields[a]));
  if (lists.length === 0) return object;
  return { ...object, ...Object.fromEntries(lists.map((a) => [a, sorted(fields[a] as readonly string[])])) };
}

function sorted(values: readonly string[]): readonly string[] {
  return [...values].sort(compareCodepoints);
}

const KIND_RANK = new Map<ObjectKind, number>(OBJECT_KINDS.map((k, i) => [k, i]));

function compareObjects(a: CatalogObject, b: CatalogObject): number {
  return KIND_RANK.get(a.kind)! - KIND_RANK.get(b.kind)! || compareCodepoints(a.key, b.key);
}
