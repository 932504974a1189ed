/**
 * One-line, human messages for findings. "live" is the actual database, "migrations"
 * is what replaying the migrations produced; the live value always comes first.
 */
import type { AttributeValue } from '../model/finding.js';
import { OBJECT_KINDS, type IdentityOptions, type ObjectKind } from '../model/objects.js';

/** Values longer than this (or on several lines) are not repeated in the message: reporters show a diff. */
export const INLINE_VALUE_LIMIT = 60;

export function kindLabel(kind: ObjectKind): string {
  return kind.replace(/_/g, ' ');
}

export function missingMessage(kind: ObjectKind, key: string, contents?: string): string {
  return `${kindLabel(kind)} ${key} is missing in live (the migrations create it${contents ? `, with ${contents}` : ''})`;
}

export function extraMessage(kind: ObjectKind, key: string, note?: string): string {
  return `${kindLabel(kind)} ${key} exists in live but no migration creates it${note ? ` (${note})` : ''}`;
}

export const INVALID_INDEX_NOTE = 'invalid: left by a failed CREATE INDEX CONCURRENTLY';

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
  if (n === 1 || word.endsWith('statistics')) return word;
  return /(x|s)$/.test(word) ? `${word}es` : word.endsWith('y') ? `${word.slice(0, -1)}ies` : `${word}s`;
}

/** Attributes whose two values read best as adjectives: `column … is nullable in live, NOT NULL in migrations`. */
const BOOLEAN_WORDS: Readonly<Record<string, readonly [whenTrue: string, whenFalse: string]>> = {
  nullable: ['nullable', 'NOT NULL'],
  notNull: ['NOT NULL', 'nullable'],
  valid: ['valid', 'invalid'],
  validated: ['validated', 'NOT VALID'],
  unique: ['unique', 'not unique'],
  nullsNotDistinct: ['NULLS NOT DISTINCT', 'NULLS DISTINCT'],
  deferrable: ['DEFERRABLE', 'NOT DEFERRABLE'],
  initiallyDeferred: ['INITIALLY DEFERRED', 'INITIALLY IMMEDIATE'],
  strict: ['STRICT', 'not STRICT'],
  securityDefiner: ['SECURITY DEFINER', 'SECURITY INVOKER'],
  permissive: ['PERMISSIVE', 'RESTRICTIVE'],
  cycle: ['CYCLE', 'NO CYCLE'],
  constraintTrigger: ['a CONSTRAINT TRIGGER', 'a plain TRIGGER'],
  deterministic: ['deterministic', 'nondeterministic'],
  default: ['the DEFAULT for its type', 'not the DEFAULT for its type'],
  hashes: ['HASHES', 'not HASHES'],
  merges: ['MERGES', 'not MERGES'],
  allTables: ['FOR ALL TABLES', 'not FOR ALL TABLES'],
  viaRoot: ['published via its partition root', 'published per partition'],
};

const ATTRIBUTE_LABELS: Readonly<Record<string, string>> = {
  ownedBy: 'OWNED BY',
  min: 'minimum',
  max: 'maximum',
  generated: 'generation expression',
  partitionKey: 'partition key',
  partitionOf: 'partition parent',
  partitionBound: 'partition bound',
  rowSecurity: 'row level security',
  forceRowSecurity: 'forced row level security',
  baseType: 'base type',
  values: 'labels',
  checks: 'CHECK constraints',
  include: 'INCLUDE columns',
  predicate: 'WHERE clause',
  method: 'access method',
  returns: 'return type',
  parallel: 'parallel safety',
  config: 'settings',
  enabled: 'firing',
  using: 'USING expression',
  withCheck: 'WITH CHECK expression',
  inherits: 'parents',
  references: 'reference',
  argumentTypes: 'parameter types',
  argumentNames: 'parameter names',
  argumentDefaults: 'parameter defaults',
  when: 'WHEN condition',
  level: 'level (FOR EACH)',
  referencing: 'transition tables',
  rangeOptions: 'range options',
  detachPending: 'unfinished DETACH PARTITION CONCURRENTLY',
  ctype: 'LC_CTYPE',
  rules: 'ICU rules',
  variant: 'variant',
  replicaIdentity: 'replica identity',
  accessMethod: 'access method',
  storageParameters: 'storage parameters',
  foreignServer: 'foreign server',
  foreignOptions: 'foreign options',
  storage: 'STORAGE',
  compression: 'COMPRESSION',
  statisticsTarget: 'statistics target',
  operations: 'published operations',
  tables: 'tables',
  schemas: 'schemas',
  members: 'operators and functions',
  mappings: 'token mappings',
  tags: 'command tags',
  restrict: 'RESTRICT estimator',
  join: 'JOIN estimator',
};

/** What an attribute left out of a snapshot because it is at its default reads as. */
const DEFAULT_WORDS: Readonly<Record<string, string>> = {
  replicaIdentity: 'DEFAULT',
  accessMethod: 'heap',
  storage: "the type's default",
  compression: 'the default',
  statisticsTarget: 'the default',
};

export function attributeLabel(attribute: string): string {
  return ATTRIBUTE_LABELS[attribute] ?? attribute;
}

export function changedMessage(kind: ObjectKind, key: string, attribute: string, expected: AttributeValue, actual: AttributeValue): string {
  const subject = `${kindLabel(kind)} ${key}`;
  if (attribute === 'valid' && kind === 'index' && actual === false) {
    return `${subject} is invalid in live (left by a failed CREATE INDEX CONCURRENTLY): drop and rebuild it`;
  }
  const words = BOOLEAN_WORDS[attribute];
  if (words && typeof expected === 'boolean' && typeof actual === 'boolean') {
    return `${subject} is ${words[actual ? 0 : 1]} in live, ${words[expected ? 0 : 1]} in migrations`;
  }
  if (attribute === 'columnOrder') return columnOrderMessage(subject, expected, actual);

  const label = attributeLabel(attribute);
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
  if (value === null) return DEFAULT_WORDS[attribute] ?? 'none';
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
