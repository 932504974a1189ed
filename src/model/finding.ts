import type { ObjectKind, ObjectRef } from './objects.js';

export type Change = 'missing' | 'extra' | 'changed';
export type Severity = 'error' | 'warning' | 'info';
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { info: 0, warning: 1, error: 2 };

/** A JSON value as it appears in a finding's expected / actual fields. */
export type AttributeValue = string | number | boolean | null | readonly AttributeValue[] | { readonly [k: string]: AttributeValue };

/**
 * One difference between what the migrations produce (expected) and the live
 * database (actual). `changed` findings name one attribute each.
 */
export interface Finding {
  readonly change: Change;
  readonly kind: ObjectKind;
  readonly key: string;
  readonly object: ObjectRef;
  readonly attribute?: string;
  readonly expected?: AttributeValue;
  readonly actual?: AttributeValue;
  readonly severity: Severity;
  readonly message: string;
}
