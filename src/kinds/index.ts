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
import { rule } from './rules.js';
import { statistics } from './statistics.js';
import { textSearchConfiguration, textSearchDictionary, textSearchParser, textSearchTemplate } from './text-search.js';
import { conversion } from './conversions.js';
import { operator, operatorClass, operatorFamily } from './operators.js';
import { accessMethod } from './access-methods.js';
import { cast } from './casts.js';
import { foreignDataWrapper, foreignServer } from './foreign-data.js';
import { publication } from './publications.js';
import { eventTrigger } from './event-triggers.js';

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
  rule,
  statistics,
  text_search_parser: textSearchParser,
  text_search_template: textSearchTemplate,
  text_search_dictionary: textSearchDictionary,
  text_search_configuration: textSearchConfiguration,
  operator,
  operator_family: operatorFamily,
  operator_class: operatorClass,
  conversion,
  access_method: accessMethod,
  cast,
  foreign_data_wrapper: foreignDataWrapper,
  foreign_server: foreignServer,
  publication,
  event_trigger: eventTrigger,
};

/**
 * Objects by their identity across snapshots (kind and key), looked up without building an id string per object: a
 * diff of two large schemas looks up every object of both sides, several times.
 */
export class ObjectIndex<T extends CatalogObject = CatalogObject> {
  private readonly byKind = new Map<ObjectKind, Map<string, T>>();

  constructor(objects: Iterable<T>) {
    for (const o of objects) {
      const keys = this.byKind.get(o.kind);
      if (keys) keys.set(o.key, o);
      else this.byKind.set(o.kind, new Map([[o.key, o]]));
    }
  }

  get(kind: ObjectKind, key: string): T | undefined {
    return this.byKind.get(kind)?.get(key);
  }

  /** The object with the same identity as `o`. */
  match(o: CatalogObject): T | undefined {
    return this.byKind.get(o.kind)?.get(o.key);
  }
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

/** How a message names an attribute's absent value: what it is at its default, else `none`. */
export function absentValue(kind: ObjectKind, attribute: string): string {
  return kindOf(kind).defaults?.[attribute] ?? 'none';
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
