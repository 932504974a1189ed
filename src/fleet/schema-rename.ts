import type { CatalogObject } from '../model/objects.js';
import type { Snapshot } from '../model/snapshot.js';
import { quoteIdent } from '../model/keys.js';

/**
 * The objects of one schema, moved to another name: `schema` fields, keys and every qualified
 * reference inside definitions (`REFERENCES public.users(id)`, `nextval('public.s'::regclass)`,
 * view queries) now name `to`. A tenant schema is compared with the migrations replayed into
 * another schema this way. The schema object itself is left out: its comment and owner come
 * from how the schema was made, not from the migrations. A string literal that happens to
 * read `from.` is rewritten too: tenant schemas are not expected to hold their own name in data.
 */
export function moveSchema(snapshot: Snapshot, from: string, to: string): Snapshot {
  const objects = snapshot.objects.filter((o) => o.schema === from && o.kind !== 'schema').map((o) => renameInValue(o, from, to) as CatalogObject);
  return { ...snapshot, objects };
}

/**
 * Any JSON value (an object, a finding) with schema `from` renamed `to`: `schema` fields equal
 * to it, and qualified references in every string (keys, definitions, messages).
 */
export function renameInValue(value: unknown, from: string, to: string): unknown {
  const pattern = qualifiedReference(from);
  const replacement = `${quoteIdent(to)}.`;
  const rewrite = (v: unknown, field?: string): unknown => {
    if (typeof v === 'string') return field === 'schema' && v === from ? to : v.replace(pattern, (_, before: string) => `${before}${replacement}`);
    if (Array.isArray(v)) return v.map((item) => rewrite(item));
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, rewrite(item, k)]));
    return v;
  };
  return rewrite(value);
}

/** `from.` as a qualifier: at the start of a text or after a character that cannot end an identifier. */
function qualifiedReference(schema: string): RegExp {
  const shown = quoteIdent(schema).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^A-Za-z0-9_$"\\u0080-\\uffff])${shown}\\.`, 'g');
}
