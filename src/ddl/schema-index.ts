import type { SourceLocation } from '../model/finding.js';
import type { ObjectKind } from '../model/objects.js';
import { objectKey, quoteIdent, withoutArguments } from '../model/keys.js';

/** What a statement does to one object. `rename`: the object got its current name here. */
export type TouchAction = 'create' | 'alter' | 'rename' | 'drop';

/**
 * One statement's effect on one object, keyed like catalog objects (`public.users.email`).
 * Functions are keyed without their argument list (`public.touch_updated_at`).
 */
export interface SchemaTouch {
  readonly kind: ObjectKind;
  readonly key: string;
  readonly action: TouchAction;
  /** The attributes an `alter` sets (`default`, `notNull`, …); a `create` sets them all. */
  readonly attributes?: readonly string[];
  /** The clause that does it (the column definition, the constraint) or else the statement. */
  readonly location: SourceLocation;
  /** Where the statement starts: one statement touches many objects. */
  readonly statementLine: number;
  /** `CREATE TABLE IF NOT EXISTS public.t`, `ALTER TABLE public.t ADD CONSTRAINT t_fk`. */
  readonly statement: string;
  /** Set for `CREATE … IF NOT EXISTS` / `ADD COLUMN IF NOT EXISTS`: the object whose existence skips it. */
  readonly guard?: { readonly kind: ObjectKind; readonly key: string };
  /** PostgreSQL chose the name (`t_pkey`, `t_a_fkey`): the statement does not spell it. */
  readonly implicitName?: boolean;
  /** What the object is, whatever its name: `foreign_key public.t (a)`, `index public.t (a, b)`. */
  readonly identity?: string;
  /** For runtime DDL: the function that issues it (`ensureSchema`). */
  readonly context?: string;
}

export interface SkippedFile {
  readonly file: string;
  readonly reason: string;
}

/** Every schema change a set of SQL scripts makes, in the order they make them. */
export interface SchemaIndex {
  /** `kind\0key` → touches in order. */
  readonly touches: ReadonlyMap<string, readonly SchemaTouch[]>;
  /** `identity` → touches that created an object with that identity, in order. */
  readonly identities: ReadonlyMap<string, readonly SchemaTouch[]>;
  readonly statementCount: number;
  readonly skipped: readonly SkippedFile[];
}

export const EMPTY_SCHEMA_INDEX: SchemaIndex = { touches: new Map(), identities: new Map(), statementCount: 0, skipped: [] };

export function touchKey(kind: ObjectKind, key: string): string {
  return `${kind}\u0000${functionKey(kind, key)}`;
}

/** A function's catalog key carries its argument types; the index knows functions by name. */
function functionKey(kind: ObjectKind, key: string): string {
  return kind === 'function' ? withoutArguments(key) : key;
}

export function touchesOf(index: SchemaIndex, kind: ObjectKind, key: string): readonly SchemaTouch[] {
  return index.touches.get(touchKey(kind, key)) ?? [];
}

/** The statement that gave the object its current name (a create or a rename), unless a later one dropped it. */
export function creatorOf(index: SchemaIndex, kind: ObjectKind, key: string): SchemaTouch | undefined {
  const touches = touchesOf(index, kind, key);
  for (let i = touches.length - 1; i >= 0; i--) {
    const t = touches[i]!;
    if (t.action === 'drop') return undefined;
    if (t.action === 'create' || t.action === 'rename') return t;
  }
  return undefined;
}

/** The last statement that set `attribute` (`name`: the last create or rename). */
export function shaperOf(index: SchemaIndex, kind: ObjectKind, key: string, attribute: string | undefined): SchemaTouch | undefined {
  const touches = touchesOf(index, kind, key);
  for (let i = touches.length - 1; i >= 0; i--) {
    const t = touches[i]!;
    if (t.action === 'drop') return undefined;
    if (t.action === 'create') return t;
    if (t.action === 'rename' && (attribute === 'name' || attribute === undefined)) return t;
    if (t.action === 'alter' && attribute !== undefined && t.attributes?.includes(attribute)) return t;
  }
  return undefined;
}

/** The statement that dropped the object, when the migrations end without it. */
export function dropperOf(index: SchemaIndex, kind: ObjectKind, key: string): SchemaTouch | undefined {
  const touches = touchesOf(index, kind, key);
  for (let i = touches.length - 1; i >= 0; i--) {
    const t = touches[i]!;
    if (t.action === 'drop') return t;
    if (t.action === 'create' || t.action === 'rename') return undefined;
  }
  return undefined;
}

/** Creates of objects with this identity, when the name alone finds nothing (an unnamed constraint or index). */
export function createdWithIdentity(index: SchemaIndex, identity: string): readonly SchemaTouch[] {
  return index.identities.get(identity) ?? [];
}

/** `foreign_key public.t (a, b)`: what identifies a constraint or an index apart from its name. */
export function identityOf(kind: string, schema: string, table: string, columns: readonly string[]): string {
  return `${kind} ${objectKey(schema, table)} (${columns.map(quoteIdent).join(', ')})`;
}
