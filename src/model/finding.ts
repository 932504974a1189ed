import { OBJECT_KINDS, type ObjectKind, type ObjectRef } from './objects.js';
import type { WaiverTerms } from './waiver.js';

/** `hazard`: not a difference between the schemas but a way for them to drift (a runtime schema writer, a masked statement). */
export type Change = 'missing' | 'extra' | 'changed' | 'hazard';
/** Kinds of `hazard` findings; every other finding is about a catalog object. */
export const HAZARD_KINDS = ['runtime_writer', 'masked_statement'] as const;
export type HazardKind = (typeof HAZARD_KINDS)[number];
export const FINDING_KINDS = [...OBJECT_KINDS, ...HAZARD_KINDS] as const;
export type FindingKind = ObjectKind | HazardKind;
export type Severity = 'error' | 'warning' | 'info';
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { info: 0, warning: 1, error: 2 };

/** A JSON value as it appears in a finding's expected / actual fields. */
export type AttributeValue = string | number | boolean | null | readonly AttributeValue[] | { readonly [k: string]: AttributeValue };

export interface SourceLocation {
  /** As the user would type it: relative to the working directory when inside it. */
  readonly file: string;
  readonly line: number;
}

/**
 * Why a finding exists. `pending_migration`: a migration makes the change but live does
 * not have it (has it run?). `runtime_writer`: application code changes the schema outside
 * the migrations. `unexplained`: neither a migration nor a known writer accounts for it (a
 * manual change, a hot-fix). `migration_mismatch`: both have the object, and live's differs
 * from what the migrations make of it.
 */
export type CauseType = 'pending_migration' | 'runtime_writer' | 'unexplained' | 'migration_mismatch';

export interface Cause {
  readonly type: CauseType;
  /** The statement or source line that explains it, when known. */
  readonly location?: SourceLocation;
  /** The runtime schema writer involved (`ensureSchema`, `Base.metadata.create_all`) and where it runs. */
  readonly writer?: { readonly name: string; readonly location: SourceLocation };
  /** The ORM model (or enum) declaration that makes live's object, at the line that declares it. */
  readonly model?: ModelRef;
  /** One line for a person: `created by db/migrations/0042_x.sql:3 — has this migration run?`. */
  readonly message: string;
}

/** `Tap` at `app/models.py:12`: a model class, a `Table(…)` variable, or an enum declaration. */
export interface ModelRef {
  readonly file: string;
  readonly line: number;
  readonly name: string;
}

/**
 * One difference between what the migrations produce (expected) and the live
 * database (actual). `changed` findings name one attribute each.
 */
export interface Finding {
  readonly change: Change;
  readonly kind: FindingKind;
  readonly key: string;
  readonly object: ObjectRef;
  readonly attribute?: string;
  readonly expected?: AttributeValue;
  readonly actual?: AttributeValue;
  /**
   * For an expression (a default, a definition, a condition, a body) whose raw texts were also
   * compared in canonical form (src/ddl/canonical.ts): both canonical forms. They still differ,
   * or there would be no finding; `expected` / `actual` keep the servers' own text.
   */
  readonly normalized?: { readonly expected: AttributeValue; readonly actual: AttributeValue };
  readonly severity: Severity;
  readonly message: string;
  /** Why it drifted: set by cause attribution after the comparison. */
  readonly cause?: Cause;
  /** Set when a waiver accepts this finding (until its `expires`): reported, but it does not fail the run. */
  readonly waiver?: WaiverTerms;
}
