import type { AccessDetail, CatalogObject } from '../model/objects.js';
import { functionKey, objectKey } from '../model/keys.js';
import * as col from './row.js';
import { sortedStrings } from '../text/order.js';

/** The columns of `sql/access.sql`. */
export const ACCESS_COLUMNS = {
  kind: col.text,
  parts: col.texts,
  arguments: col.textOrNull,
  owner: col.textOrNull,
  privileges: col.texts,
} satisfies col.Columns;
type AccessRow = col.RowOf<typeof ACCESS_COLUMNS>;

/** Kinds that have an ACL (extensions and collations have an owner only). */
const PRIVILEGED_KINDS: ReadonlySet<string> = new Set(['schema', 'type', 'sequence', 'table', 'column', 'view', 'materialized_view', 'function']);

/** Kinds the access query gives an owner. */
const OWNED_KINDS: ReadonlySet<string> = new Set(['schema', 'extension', 'collation', 'type', 'sequence', 'table', 'view', 'materialized_view', 'function']);

/**
 * The details of `include` a snapshot was taken without: it has objects that would carry them,
 * and none does (`pgparity snapshot` without `--include`). Compared anyway, every such object
 * would read as owned by nobody and granted nothing.
 */
export function detailsNotTaken(objects: readonly CatalogObject[], include: readonly AccessDetail[]): AccessDetail[] {
  return include.filter((detail) => {
    const kinds = detail === 'owner' ? OWNED_KINDS : PRIVILEGED_KINDS;
    let carriers = false;
    for (const o of objects) {
      if (!kinds.has(o.kind)) continue;
      if (o[detail] !== undefined) return false;
      carriers = true;
    }
    return carriers;
  });
}

/** The one-line error for a snapshot file taken without details the comparison asks for. */
export function detailsNotTakenMessage(file: string, details: readonly AccessDetail[]): string {
  const list = details.join(',');
  return `snapshot ${file} was taken without ${details.join(' and ')}: take it again with pgparity snapshot --include ${list}, or compare without --include ${list}`;
}

/** The query that reads owners and ACLs of every kind in one pass (`sql/access.sql`). */
export const ACCESS_QUERY = 'access';

/** Adds to an object the owner and / or privileges the access query's rows give it, as asked. */
export function withAccess(rows: readonly unknown[], details: readonly AccessDetail[]): (object: CatalogObject) => CatalogObject {
  const byObject = new Map((rows as readonly AccessRow[]).map((row) => [`${row.kind}\u0000${keyOf(row)}`, row]));
  const owner = details.includes('owner');
  const privileges = details.includes('privileges');
  return (object) => {
    const row = byObject.get(`${object.kind}\u0000${object.key}`);
    const withPrivileges = privileges && PRIVILEGED_KINDS.has(object.kind);
    if (!row && !withPrivileges) return object;
    return {
      ...object,
      ...(owner && row?.owner ? { owner: row.owner } : {}),
      // A column has privileges only when granted some of its own: none is an empty list.
      ...(withPrivileges ? { privileges: sortedStrings(row?.privileges ?? null) } : {}),
    };
  };
}

function keyOf(row: AccessRow): string {
  const parts = row.parts ?? [];
  const [schema = '', name = ''] = parts;
  return row.arguments === null ? objectKey(...parts) : functionKey(schema, name, row.arguments);
}
