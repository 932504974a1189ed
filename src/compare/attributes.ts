import type { AttributeValue } from '../model/finding.js';
import type { CatalogObject, ObjectKind } from '../model/objects.js';

export interface AttributeDifference {
  readonly attribute: string;
  readonly expected: AttributeValue;
  readonly actual: AttributeValue;
}

/** Fields that identify an object rather than describe it; column order is compared per table. */
const NOT_ATTRIBUTES: ReadonlySet<string> = new Set(['kind', 'key', 'schema', 'table', 'name', 'position', 'columnOrder']);

/**
 * Attributes that restate part of a fuller one. When the fuller one differs, only it is
 * reported: one change to an index gives one finding, not three.
 */
const DERIVED: Partial<Record<ObjectKind, { readonly from: string; readonly parts: ReadonlySet<string> }>> = {
  index: { from: 'definition', parts: new Set(['method', 'unique', 'nullsNotDistinct', 'keys', 'include', 'predicate']) },
  constraint: { from: 'definition', parts: new Set(['type', 'columns', 'references']) },
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
  const differing = names.filter((n) => !sameValue(comparable(expected.kind, n, e[n]), comparable(actual.kind, n, a[n])));

  const derived = DERIVED[expected.kind];
  const shown = derived && differing.includes(derived.from) ? differing.filter((n) => !derived.parts.has(n)) : differing;
  return shown.map((n) => presented(expected.kind, n, toValue(e[n]), toValue(a[n])));
}

/** The model's `notNull` is reported as the contract's `nullable`. */
function presented(kind: ObjectKind, attribute: string, expected: AttributeValue, actual: AttributeValue): AttributeDifference {
  if (kind === 'column' && attribute === 'notNull') return { attribute: 'nullable', expected: !expected, actual: !actual };
  return { attribute, expected, actual };
}

function comparable(kind: ObjectKind, attribute: string, value: unknown): unknown {
  if (kind === 'constraint' && attribute === 'definition' && typeof value === 'string') return value.replace(CONSTRAINT_FLAGS, '');
  return value;
}

/** Absent and null mean the same: an optional field left out is "none". */
export function toValue(value: unknown): AttributeValue {
  return value === undefined ? null : (value as AttributeValue);
}

export function sameValue(a: unknown, b: unknown): boolean {
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
