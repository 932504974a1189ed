import type { CatalogObject, ColumnObject, FunctionObject, ObjectKind } from '../model/objects.js';
import type { Snapshot } from '../model/snapshot.js';
import { foldExtensionVersions } from './extension-versions.js';
import { canonicalDefault, canonicalFunctionBody, canonicalSql, loadCanonicalizer, type SqlForm } from '../sql/canonical.js';

type Form = SqlForm | 'body' | 'column_default';

/** The attributes of each kind that hold SQL, and how to read them. */
const EXPRESSION_ATTRIBUTES: Partial<Record<ObjectKind, readonly (readonly [attribute: string, form: Form])[]>> = {
  type: [['default', 'expression'], ['checks', 'constraint']],
  table: [['partitionKey', 'partition_key'], ['partitionBound', 'partition_bound']],
  column: [['default', 'column_default'], ['generated', 'expression']],
  constraint: [['definition', 'constraint']],
  index: [['definition', 'index'], ['keys', 'index_key'], ['predicate', 'expression']],
  view: [['definition', 'query']],
  materialized_view: [['definition', 'query']],
  function: [['body', 'body'], ['argumentDefaults', 'expression_list']],
  trigger: [['definition', 'trigger'], ['when', 'expression']],
  policy: [['using', 'expression'], ['withCheck', 'expression']],
};

/** Kinds paired by definition when their names differ (compare/renames.ts): canonical forms let them pair across majors. */
const RENAMEABLE: ReadonlySet<ObjectKind> = new Set(['constraint', 'index', 'trigger', 'policy']);

type Value = string | null | readonly string[];

/**
 * Give the expressions that differ between two normalized snapshots their canonical forms
 * (src/sql/canonical.ts), so that `compareSnapshots` finds equal what only reads differently:
 * text printed by another major, a hand-written snapshot. Only attributes whose text differs
 * are parsed, on both sides or neither; objects on one side only are, when they might pair up
 * as a rename. The raw text stays as it is, for the report.
 */
export async function canonicalizeExpressions(rawExpected: Snapshot, rawActual: Snapshot): Promise<{ expected: Snapshot; actual: Snapshot }> {
  await loadCanonicalizer();
  // Extension versions, too, read differently on another major without being different.
  const { expected, actual } = foldExtensionVersions(rawExpected, rawActual);
  const cache = new Map<string, string | undefined>();
  // `context` is what else reading the text depends on: a function's language, a column's type.
  const canonical = (form: Form, text: string, context: string): string | undefined => {
    const id = `${form}\u0000${context}\u0000${text}`;
    if (!cache.has(id)) {
      cache.set(id, form === 'body' ? canonicalFunctionBody(context, text) : form === 'column_default' ? canonicalDefault(text, context) : canonicalSql(form, text));
    }
    return cache.get(id);
  };
  const contextOf = (o: CatalogObject): string => (o.kind === 'function' ? (o as FunctionObject).language : o.kind === 'column' ? (o as ColumnObject).type : '');
  const formsOf = (o: CatalogObject, attribute: string, form: Form): Value | undefined => canonicalValue(attributeValue(o, attribute), (text) => canonical(form, text, contextOf(o)));

  const actualById = new Map(actual.objects.map((o) => [identity(o), o]));
  const expectedIds = new Set(expected.objects.map(identity));
  const updatedExpected = new Map<CatalogObject, CatalogObject>();
  const updatedActual = new Map<CatalogObject, CatalogObject>();

  for (const e of expected.objects) {
    const a = actualById.get(identity(e));
    if (!a) continue;
    let forE: Record<string, Value> | undefined;
    let forA: Record<string, Value> | undefined;
    for (const [attribute, form] of EXPRESSION_ATTRIBUTES[e.kind] ?? []) {
      // Already folded (folds.ts) on either side: that form decides.
      if (e.canonical?.[attribute] !== undefined || a.canonical?.[attribute] !== undefined) continue;
      if (sameValue(attributeValue(e, attribute), attributeValue(a, attribute))) continue;
      const ce = formsOf(e, attribute, form);
      const ca = formsOf(a, attribute, form);
      if (ce === undefined || ca === undefined) continue;
      (forE ??= {})[attribute] = ce;
      (forA ??= {})[attribute] = ca;
    }
    if (forE) updatedExpected.set(e, withCanonical(e, forE));
    if (forA) updatedActual.set(a, withCanonical(a, forA));
  }

  const oneSided = (o: CatalogObject): CatalogObject => {
    const forms: Record<string, Value> = {};
    for (const [attribute, form] of EXPRESSION_ATTRIBUTES[o.kind] ?? []) {
      if (o.canonical?.[attribute] !== undefined) continue;
      const value = formsOf(o, attribute, form);
      if (value !== undefined) forms[attribute] = value;
    }
    return Object.keys(forms).length > 0 ? withCanonical(o, forms) : o;
  };
  for (const e of expected.objects) if (RENAMEABLE.has(e.kind) && !actualById.has(identity(e))) updatedExpected.set(e, oneSided(e));
  for (const a of actual.objects) if (RENAMEABLE.has(a.kind) && !expectedIds.has(identity(a))) updatedActual.set(a, oneSided(a));

  const apply = (snapshot: Snapshot, updated: ReadonlyMap<CatalogObject, CatalogObject>): Snapshot =>
    updated.size === 0 ? snapshot : { ...snapshot, objects: snapshot.objects.map((o) => updated.get(o) ?? o) };
  return { expected: apply(expected, updatedExpected), actual: apply(actual, updatedActual) };
}

function attributeValue(o: CatalogObject, attribute: string): unknown {
  return (o as unknown as Readonly<Record<string, unknown>>)[attribute];
}

/** The canonical form of a text, or of each text of a list (sorted again when the list is a set, as CHECKs are). */
function canonicalValue(value: unknown, canonical: (text: string) => string | undefined): Value | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return canonical(value);
  if (!Array.isArray(value)) return undefined;
  const forms: string[] = [];
  for (const item of value) {
    const form = typeof item === 'string' ? canonical(item) : undefined;
    if (form === undefined) return undefined;
    forms.push(form);
  }
  return forms;
}

function withCanonical(o: CatalogObject, forms: Readonly<Record<string, Value>>): CatalogObject {
  const sortedForms = Object.fromEntries(Object.entries(forms).map(([k, v]) => [k, k === 'checks' && Array.isArray(v) ? [...v].sort() : v]));
  return { ...o, canonical: { ...o.canonical, ...sortedForms } };
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function identity(o: CatalogObject): string {
  return `${o.kind}\u0000${o.key}`;
}
