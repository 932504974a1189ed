/**
 * Every object kind's descriptor, by kind. A kind added to OBJECT_KINDS (src/model/objects.ts)
 * does not compile until it has one here: docs/adding-an-object-kind.md is the checklist.
 */
import type { Severity } from '../model/finding.js';
import { OBJECT_KINDS, type CatalogObject, type ObjectKind } from '../model/objects.js';
import { collation } from './collations.js';
import { column } from './columns.js';
import { constraint } from './constraints.js';
import type { AnyKindDescriptor, KindDescriptor } from './descriptor.js';
import { extension } from './extensions.js';
import { func } from './functions.js';
import { index } from './indexes.js';
import { policy } from './policies.js';
import { schema } from './schemas.js';
import { sequence } from './sequences.js';
import { table } from './tables.js';
import { trigger } from './triggers.js';
import { type } from './types.js';
import { materializedView, view } from './views.js';

export type { AttributeOf, BooleanWords, ExpressionForm, KindDescriptor, ObjectOf } from './descriptor.js';
export { INVALID_INDEX_NOTE } from './indexes.js';

const KINDS: { readonly [K in ObjectKind]: KindDescriptor<K> } = {
  schema,
  extension,
  collation,
  type,
  sequence,
  table,
  column,
  constraint,
  index,
  view,
  materialized_view: materializedView,
  function: func,
  trigger,
  policy,
};

/** An object's identity across snapshots: its kind and its key (`index\u0000public.users.users_email_idx`). */
export function objectId(o: CatalogObject): string {
  return `${o.kind}\u0000${o.key}`;
}

/** The descriptor of a kind, for code that handles every kind alike (its attributes as plain strings). */
export function kindOf(kind: ObjectKind): AnyKindDescriptor {
  // The one place the typed descriptor is erased: each was checked against its own model type above.
  return KINDS[kind] as unknown as AnyKindDescriptor;
}

const RELATION_KINDS: ReadonlySet<string> = new Set(OBJECT_KINDS.filter((k) => KINDS[k].relation));

/** A table-like kind (table, view, materialized view); false for hazard kinds and anything else. */
export function isRelationKind(kind: string): boolean {
  return RELATION_KINDS.has(kind);
}

/** Whether an object may be recognised under another name (see KindDescriptor.renameable). */
export function isRenameable(o: CatalogObject): boolean {
  const { renameable } = kindOf(o.kind);
  return typeof renameable === 'function' ? renameable(o) : renameable;
}

/** How a message names an attribute of a kind. */
export function attributeLabel(kind: ObjectKind, attribute: string): string {
  return kindOf(kind).labels[attribute] ?? attribute;
}

/** The two adjectives for a boolean attribute of a kind (or the name it is reported as), if it has them. */
export function booleanWords(kind: ObjectKind, attribute: string): readonly [string, string] | undefined {
  const d = kindOf(kind);
  return d.booleanWords?.[attribute] ?? Object.values(d.reportedAs ?? {}).find((r) => r.name === attribute)?.words;
}

/** The default severities contributed by the kinds, keyed like DEFAULT_SEVERITIES (`extra.extension`, `changed.sequence.start`). */
export function kindSeverities(): Record<string, Severity> {
  const rules: Record<string, Severity> = {};
  for (const k of OBJECT_KINDS) {
    const s = kindOf(k).severities;
    if (s?.missing) rules[`missing.${k}`] = s.missing;
    if (s?.extra) rules[`extra.${k}`] = s.extra;
    for (const [attribute, severity] of Object.entries(s?.changed ?? {})) rules[`changed.${k}.${attribute}`] = severity;
  }
  return rules;
}
