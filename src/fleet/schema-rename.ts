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
export function moveSchema(snapshot: Snapshot, from: string, to: string, objects: readonly CatalogObject[] = snapshot.objects): Snapshot {
  const rename = renamer(from, to);
  return { ...snapshot, objects: objects.filter((o) => o.schema === from && o.kind !== 'schema').map((o) => rename(o) as CatalogObject) };
}

/** A snapshot's objects by schema, read once: many tenant schemas are moved out of one snapshot. */
export function objectsBySchema(snapshot: Snapshot): Map<string, CatalogObject[]> {
  const bySchema = new Map<string, CatalogObject[]>();
  for (const o of snapshot.objects) {
    const list = bySchema.get(o.schema);
    if (list) list.push(o);
    else bySchema.set(o.schema, [o]);
  }
  return bySchema;
}

/**
 * Any JSON value (an object, a finding) with schema `from` renamed `to`: `schema` fields equal
 * to it, and qualified references in every string (keys, definitions, messages).
 */
export function renameInValue(value: unknown, from: string, to: string): unknown {
  return renamer(from, to)(value);
}

/** The rewrite of `renameInValue`, its pattern compiled once for any number of values. */
function renamer(from: string, to: string): (value: unknown) => unknown {
  const pattern = qualifiedReference(from);
  const replacement = `${quoteIdent(to)}.`;
  const rewrite = (v: unknown, field?: string): unknown => {
    if (typeof v === 'string') {
      if (field === 'schema' && v === from) return to;
      // Most strings name no schema at all: skip the regex for them.
      return v.includes('.') ? v.replace(pattern, (_, before: string) => `${before}${replacement}`) : v;
    }
    if (Array.isArray(v)) return v.map((item) => rewrite(item));
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const k in v) out[k] = rewrite((v as Record<string, unknown>)[k], k);
      return out;
    }
    return v;
  };
  return (value) => rewrite(value);
}

/** `from.` as a qualifier: at the start of a text or after a character that cannot end an identifier. */
function qualifiedReference(schema: string): RegExp {
  const shown = quoteIdent(schema).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^A-Za-z0-9_$"\\u0080-\\uffff])${shown}\\.`, 'g');
}
