import type { AccessDetail, CatalogObject } from '../model/objects.js';
import { sortedStrings } from '../text/order.js';

interface AccessRow {
  readonly kind: string;
  readonly key: string;
  readonly owner: string | null;
  readonly privileges: string[] | null;
}

/** Kinds that have an ACL (extensions and collations have an owner only). */
const PRIVILEGED_KINDS: ReadonlySet<string> = new Set(['schema', 'type', 'sequence', 'table', 'column', 'view', 'materialized_view', 'function']);

/** The query that reads owners and ACLs of every kind in one pass (`sql/access.sql`). */
export const ACCESS_QUERY = 'access';

/** `objects` with the owner and / or privileges of the access query's rows added, as asked. */
export function withAccess(objects: readonly CatalogObject[], rows: readonly unknown[], details: readonly AccessDetail[]): CatalogObject[] {
  const byObject = new Map((rows as readonly AccessRow[]).map((row) => [`${row.kind}\u0000${row.key}`, row]));
  const owner = details.includes('owner');
  const privileges = details.includes('privileges');
  return objects.map((object) => {
    const row = byObject.get(`${object.kind}\u0000${object.key}`);
    const withPrivileges = privileges && PRIVILEGED_KINDS.has(object.kind);
    if (!row && !withPrivileges) return object;
    return {
      ...object,
      ...(owner && row?.owner ? { owner: row.owner } : {}),
      // A column has privileges only when granted some of its own: none is an empty list.
      ...(withPrivileges ? { privileges: sortedStrings(row?.privileges ?? null) } : {}),
    };
  });
}
