/**
 * One-line, human messages for findings. "live" is the actual database, "migrations"
 * is what replaying the migrations produced; the live value always comes first.
 */
import type { AttributeValue } from '../model/finding.js';
import { attributeLabel, booleanWords, kindOf } from '../kinds/index.js';
import { OBJECT_KINDS, type IdentityOptions, type ObjectKind } from '../model/objects.js';

/** Values longer than this (or on several lines) are not repeated in the message: reporters show a diff. */
export const INLINE_VALUE_LIMIT = 60;

export function kindLabel(kind: ObjectKind): string {
  return kindOf(kind).label;
}

export function missingMessage(kind: ObjectKind, key: string, contents?: string): string {
  return `${kindLabel(kind)} ${key} is missing in live (the migrations create it${contents ? `, with ${contents}` : ''})`;
}

export function extraMessage(kind: ObjectKind, key: string, note?: string): string {
  return `${kindLabel(kind)} ${key} exists in live but no migration creates it${note ? ` (${note})` : ''}`;
}

export function renameMessage(kind: ObjectKind, key: string, liveName: string): string {
  return `${kindLabel(kind)} ${key} is named ${liveName} in live`;
}

/** `2 tables, 1 function`, in OBJECT_KINDS order. */
export function countPhrase(counts: ReadonlyMap<ObjectKind, number>): string {
  return OBJECT_KINDS.filter((k) => counts.has(k))
    .map((k) => `${counts.get(k)} ${plural(kindLabel(k), counts.get(k)!)}`)
    .join(', ');
}

function plural(word: string, n: number): string {
  if (n === 1) return word;
  return word.endsWith('x') ? `${word}es` : word.endsWith('y') ? `${word.slice(0, -1)}ies` : `${word}s`;
}

export function changedMessage(kind: ObjectKind, key: string, attribute: string, expected: AttributeValue, actual: AttributeValue): string {
  const subject = `${kindLabel(kind)} ${key}`;
  const special = kindOf(kind).changedMessage?.(subject, attribute, expected, actual);
  if (special !== undefined) return special;
  const words = booleanWords(kind, attribute);
  if (words && typeof expected === 'boolean' && typeof actual === 'boolean') {
    return `${subject} is ${words[actual ? 0 : 1]} in live, ${words[expected ? 0 : 1]} in migrations`;
  }
  if (attribute === 'columnOrder') return columnOrderMessage(subject, expected, actual);

  const label = attributeLabel(kind, attribute);
  const [e, a] = attribute === 'identity' ? describeIdentities(expected, actual) : [display(attribute, expected), display(attribute, actual)];
  const [is, differs] = Array.isArray(expected) || Array.isArray(actual) ? ['are', 'differ'] : ['is', 'differs'];
  if (isLongValue(expected) || isLongValue(actual)) return `${subject}: ${label} ${differs} between migrations and live`;
  if (attribute !== 'identity' && (isRecord(expected) || isRecord(actual))) return `${subject}: ${label} ${differs} (migrations: ${e}, live: ${a})`;
  return `${subject}: ${label} ${is} ${a} in live, ${e} in migrations`;
}

function columnOrderMessage(subject: string, expected: AttributeValue, actual: AttributeValue): string {
  const e = asStrings(expected);
  const a = asStrings(actual);
  const [le, la] = [e.join(', '), a.join(', ')];
  if (!isLong(le) && !isLong(la)) return `${subject}: column order is ${la} in live, ${le} in migrations`;
  const i = e.findIndex((name, j) => a[j] !== name);
  return `${subject}: column order differs from position ${i + 1} (${a[i]} in live, ${e[i]} in migrations)`;
}

function display(attribute: string, value: AttributeValue): string {
  if (value === null) return 'none';
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return attribute === 'comment' ? JSON.stringify(value) : value;
  if (Array.isArray(value)) return `(${value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ')})`;
  return JSON.stringify(value);
}

const IDENTITY_OPTIONS = [
  ['type', 'AS'],
  ['start', 'START'],
  ['increment', 'INCREMENT'],
  ['min', 'MINVALUE'],
  ['max', 'MAXVALUE'],
  ['cache', 'CACHE'],
  ['cycle', 'CYCLE'],
] as const satisfies readonly (readonly [keyof IdentityOptions, string])[];

/** `GENERATED ALWAYS AS IDENTITY`, with the sequence options that differ from the other side. */
function describeIdentities(expected: AttributeValue, actual: AttributeValue): [string, string] {
  const e = expected as IdentityOptions | null;
  const a = actual as IdentityOptions | null;
  const describe = (self: IdentityOptions | null, other: IdentityOptions | null): string => {
    if (self === null) return 'none';
    const head = `GENERATED ${self.generation === 'always' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY`;
    if (other === null) return head;
    const options = IDENTITY_OPTIONS.filter(([o]) => self[o] !== other[o]).map(([o, sql]) =>
      o === 'cycle' ? (self.cycle ? 'CYCLE' : 'NO CYCLE') : `${sql} ${self[o]}`,
    );
    return options.length ? `${head} (${options.join(' ')})` : head;
  };
  return [describe(e, a), describe(a, e)];
}

function isRecord(v: AttributeValue): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function asStrings(v: AttributeValue): string[] {
  return Array.isArray(v) ? v.map(String) : [];
}

function isLong(text: string): boolean {
  return text.length > INLINE_VALUE_LIMIT || text.includes('\n');
}

/** Too long for a one-line message: text or a list that reporters show as a diff instead. */
export function isLongValue(value: AttributeValue | undefined): boolean {
  if (typeof value === 'string') return isLong(value);
  return Array.isArray(value) && isLong(value.map(String).join(', '));
}
