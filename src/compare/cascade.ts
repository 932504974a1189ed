import { isRelationKind } from '../kinds/index.js';
import type { CatalogObject } from '../model/objects.js';
import { objectKey } from '../model/keys.js';

/**
 * Among objects found on one side only, which are covered by another one's finding: the
 * contents of a missing schema, the children of a missing table, the sequence of a
 * missing serial column. Returns the covering object, if any.
 */
export function coveringObjects(oneSided: readonly CatalogObject[]): (o: CatalogObject) => CatalogObject | undefined {
  const schemas = new Map<string, CatalogObject>();
  const relations = new Map<string, CatalogObject>();
  const columns = new Map<string, CatalogObject>();
  for (const o of oneSided) {
    if (o.kind === 'schema') schemas.set(o.name, o);
    else if (isRelationKind(o.kind)) relations.set(o.key, o);
    else if (o.kind === 'column') columns.set(o.key, o);
  }
  return (o) => {
    if (o.kind !== 'schema') {
      const schema = schemas.get(o.schema);
      if (schema) return schema;
    }
    if (o.table !== undefined) return relations.get(objectKey(o.schema, o.table));
    if (o.kind === 'sequence' && o.ownedBy !== null) return columns.get(o.ownedBy);
    return undefined;
  };
}

/** An object that has its own place in a schema listing (not a table's child, not a column's sequence). */
export function isTopLevel(o: CatalogObject): boolean {
  return o.table === undefined && o.kind !== 'schema' && !(o.kind === 'sequence' && o.ownedBy !== null);
}

/**
 * `schema.table.name` of the constraints that own an index of the same name. Such an
 * index is described by its constraint, so its own findings would only repeat it.
 */
export function constraintIndexNames(objects: readonly CatalogObject[]): Set<string> {
  const names = new Set<string>();
  for (const o of objects) {
    if (o.kind === 'constraint' && o.type !== 'check' && o.type !== 'foreign_key') names.add(o.key);
  }
  return names;
}
