import { diffWords } from 'diff';
import type { AttributeValue } from '../model/finding.js';
import type { CatalogObject, ObjectKind } from '../model/objects.js';

export interface AttributeDifference {
  readonly attribute: string;
  readonly expected: AttributeValue;
  readonly actual: AttributeValue;
  /** Canonical forms, when the attribute was compared in canonical form (`CatalogObject.canonical`). */
  readonly normalized?: { readonly expected: AttributeValue; readonly actual: AttributeValue };
}

/** Fields that identify an object rather than describe it; column order is compared per table. */
const NOT_ATTRIBUTES: ReadonlySet<string> = new Set(['kind', 'key', 'schema', 'table', 'name', 'position', 'columnOrder', 'canonical']);

/**
 * Attributes that restate part of a fuller one. When the fuller one differs, only it is
 * reported: one change to an index gives one finding, not three.
 */
const DERIVED: Partial<Record<ObjectKind, { readonly from: string; readonly parts: ReadonlySet<string> }>> = {
  index: { from: 'definition', parts: new Set(['method', 'unique', 'nullsNotDistinct', 'keys', 'include', 'predicate']) },
  constraint: { from: 'definition', parts: new Set(['type', 'columns', 'references']) },
};

/**
 * The reverse: a full definition that also says what its parts say. It is reported only when
 * no part differs, so a changed WHEN gives one `when` finding, not a `definition` one too.
 */
const SUMMARIES: Partial<Record<ObjectKind, { readonly summary: string; readonly parts: ReadonlySet<string> }>> = {
  trigger: {
    summary: 'definition',
    parts: new Set(['timing', 'events', 'columns', 'level', 'when', 'function', 'arguments', 'referencing', 'constraintTrigger', 'deferrable', 'initiallyDeferred']),
  },
};

/**
 * `pg_get_constraintdef` appends these flags, which `validated` / `deferrable` /
 * `initiallyDeferred` already report: the definition is compared without them.
 */
const CONSTRAINT_FLAGS = /(?: NOT VALID| NOT DEFERRABLE| DEFERRABLE| INITIALLY DEFERRED| INITIALLY IMMEDIATE)+$/;

export interface AttributeOptions {
  readonly ignoreComments?: boolean;
}

/** Every attribute whose value differs between two objects of the same kind, in name order. */
export function differingAttributes(expected: CatalogObject, actual: CatalogObject, options: AttributeOptions = {}): AttributeDifference[] {
  const e = expected as unknown as Readonly<Record<string, unknown>>;
  const a = actual as unknown as Readonly<Record<string, unknown>>;
  const names = [...new Set([...Object.keys(e), ...Object.keys(a)])]
    .filter((n) => !NOT_ATTRIBUTES.has(n) && !(options.ignoreComments && n === 'comment'))
    .sort();
  const differing = names.filter((n) => !sameValue(comparable(expected, n, e[n]), comparable(actual, n, a[n])));

  const derived = DERIVED[expected.kind];
  const summary = SUMMARIES[expected.kind];
  const shown = differing
    .filter((n) => !(derived && differing.includes(derived.from) && derived.parts.has(n)))
    .filter((n) => !(summary && n === summary.summary && differing.some((d) => summary.parts.has(d))));
  return shown.map((n) => withNormalized(presented(expected.kind, n, toValue(e[n]), toValue(a[n])), expected, actual, n));
}

/**
 * Both canonical forms, when either side was compared in one and they differ by less than the
 * raw texts do: then the raw difference is partly noise (another major's deparse) and the
 * canonical forms show what really differs. Otherwise the raw texts say it as well.
 */
function withNormalized(diff: AttributeDifference, expected: CatalogObject, actual: CatalogObject, attribute: string): AttributeDifference {
  const e = expected.canonical?.[attribute];
  const a = actual.canonical?.[attribute];
  if (e === undefined && a === undefined) return diff;
  const normalized = { expected: toValue(e ?? diff.expected), actual: toValue(a ?? diff.actual) };
  if (differenceSize(normalized.expected, normalized.actual) >= differenceSize(diff.expected, diff.actual)) return diff;
  return { ...diff, normalized };
}

/** How many characters of words two values do not share. */
function differenceSize(a: AttributeValue, b: AttributeValue): number {
  const text = (v: AttributeValue): string => (v === null ? '' : Array.isArray(v) ? v.join('\n') : typeof v === 'string' ? v : JSON.stringify(v));
  return diffWords(text(a), text(b)).reduce((n, part) => n + (part.added || part.removed ? part.value.replace(/\s/g, '').length : 0), 0);
}

/** The model's `notNull` is reported as the contract's `nullable`. */
function presented(kind: ObjectKind, attribute: string, expected: AttributeValue, actual: AttributeValue): AttributeDifference {
  if (kind === 'column' && attribute === 'notNull') return { attribute: 'nullable', expected: !expected, actual: !actual };
  return { attribute, expected, actual };
}

/** What equality is decided on: the canonical form where normalization gave one, else the value. */
function comparable(object: CatalogObject, attribute: string, value: unknown): unknown {
  const canonical = object.canonical?.[attribute];
  if (canonical !== undefined) return canonical;
  if (object.kind === 'constraint' && attribute === 'definition' && typeof value === 'string') return value.replace(CONSTRAINT_FLAGS, '');
  return value;
}

/** Absent and null mean the same: an optional field left out is "none". */
export function toValue(value: unknown): AttributeValue {
  return value === undefined ? null : (value as AttributeValue);
}

export function sameValue(a: unknown, b: unknown): boolean {
  // Most attributes of most objects are equal strings or booleans: no need to serialize those.
  if (a === b) return true;
  return canonicalJson(a) === canonicalJson(b);
}

/** JSON with object keys sorted, `undefined` as null: equal values give equal text. */
export function canonicalJson(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
