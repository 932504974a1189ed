import { diffWords } from 'diff';
import type { AttributeValue } from '../model/finding.js';
import type { CatalogObject, ObjectKind } from '../model/objects.js';
import { kindOf } from '../kinds/index.js';
import { sameValue } from '../text/json.js';

export interface AttributeDifference {
  readonly attribute: string;
  readonly expected: AttributeValue;
  readonly actual: AttributeValue;
  /** Canonical forms, when the attribute was compared in canonical form (`CatalogObject.canonical`). */
  readonly normalized?: { readonly expected: AttributeValue; readonly actual: AttributeValue };
}

/** Fields that identify an object rather than describe it. */
const NOT_ATTRIBUTES: ReadonlySet<string> = new Set(['kind', 'key', 'schema', 'table', 'name', 'canonical']);

export interface AttributeOptions {
  readonly ignoreComments?: boolean;
}

/** Every attribute whose value differs between two objects of the same kind, in name order. */
export function differingAttributes(expected: CatalogObject, actual: CatalogObject, options: AttributeOptions = {}): AttributeDifference[] {
  // Equal as a whole (canonical forms included): no attribute can differ. Most objects a diff
  // compares are (every constraint is compared), and this skips their per-attribute work.
  if (sameValue(expected, actual)) return [];
  const e = expected as unknown as Readonly<Record<string, unknown>>;
  const a = actual as unknown as Readonly<Record<string, unknown>>;
  const descriptor = kindOf(expected.kind);
  const notCompared = new Set(descriptor.notCompared);
  const names = [...new Set([...Object.keys(e), ...Object.keys(a)])]
    .filter((n) => !NOT_ATTRIBUTES.has(n) && !notCompared.has(n) && !(options.ignoreComments && n === 'comment'))
    .sort();
  // The same value on both sides is never a difference, whatever their canonical forms: those
  // differ only through what else normalization read (a sequence owned on one side only makes
  // the same `nextval` default "the owned sequence" there), and that is reported where it is.
  const differing = names.filter((n) => !sameValue(e[n], a[n]) && !sameValue(comparable(expected, n, e[n]), comparable(actual, n, a[n])));

  const { derived, summary } = descriptor;
  const shown = differing
    .filter((n) => !(derived && differing.includes(derived.from) && derived.parts.includes(n)))
    .filter((n) => !(summary && n === summary.of && differing.some((d) => summary.parts.includes(d))));
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

/** An attribute the kind reports under another name, negated (a column's `notNull` is the contract's `nullable`). */
function presented(kind: ObjectKind, attribute: string, expected: AttributeValue, actual: AttributeValue): AttributeDifference {
  const as = kindOf(kind).reportedAs?.[attribute];
  if (as) return { attribute: as.name, expected: !expected, actual: !actual };
  return { attribute, expected, actual };
}

/** What equality is decided on: the canonical form where normalization gave one, else the value. */
function comparable(object: CatalogObject, attribute: string, value: unknown): unknown {
  const canonical = object.canonical?.[attribute];
  if (canonical !== undefined) return canonical;
  const comparable = kindOf(object.kind).comparable?.[attribute];
  return comparable && value !== undefined && value !== null ? comparable(value) : value;
}

/** Absent and null mean the same: an optional field left out is "none". */
export function toValue(value: unknown): AttributeValue {
  return value === undefined ? null : (value as AttributeValue);
}
