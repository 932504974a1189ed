import { isRenameable, kindOf, ObjectIndex, type ExpressionForm } from '../kinds/index.js';
import { compareCodepoints } from '../text/order.js';
import { sameValue } from '../text/json.js';
import type { CatalogObject, ColumnObject, FunctionObject } from '../model/objects.js';
import type { Snapshot } from '../model/snapshot.js';
import { foldExtensionVersions } from './extension-versions.js';
import { foldMaintainPrivilege } from './maintain-privilege.js';
import { canonicalDefault, canonicalFunctionBody, canonicalSql, loadCanonicalizer } from '../ddl/canonical.js';

type Value = string | null | readonly string[];

/**
 * Give the expressions that differ between two normalized snapshots their canonical forms
 * (src/ddl/canonical.ts), so that `compareSnapshots` finds equal what only reads differently:
 * text printed by another major, a hand-written snapshot. Only attributes whose text differs
 * are parsed, on both sides or neither; objects on one side only are, when they might pair up
 * as a rename. The raw text stays as it is, for the report.
 */
export async function canonicalizeExpressions(rawExpected: Snapshot, rawActual: Snapshot): Promise<{ expected: Snapshot; actual: Snapshot }> {
  await loadCanonicalizer();
  // Extension versions and a table's "all privileges", too, read differently on another major without being different.
  const versionsFolded = foldExtensionVersions(rawExpected, rawActual);
  const { expected, actual } = foldMaintainPrivilege(versionsFolded.expected, versionsFolded.actual);
  const cache = new Map<string, string | undefined>();
  // `context` is what else reading the text depends on: a function's language, a column's type.
  const canonical = (form: ExpressionForm, text: string, context: string): string | undefined => {
    const id = `${form}\u0000${context}\u0000${text}`;
    if (!cache.has(id)) {
      cache.set(
        id,
        form === 'body' ? canonicalFunctionBody(context, text) : form === 'column_default' ? canonicalDefault(text, context) : canonicalSql(form, text),
      );
    }
    return cache.get(id);
  };
  const contextOf = (o: CatalogObject): string =>
    o.kind === 'function' ? (o as FunctionObject).language : o.kind === 'column' ? (o as ColumnObject).type : '';
  const formsOf = (o: CatalogObject, attribute: string, form: ExpressionForm): Value | undefined =>
    canonicalValue(attributeValue(o, attribute), (text) => canonical(form, text, contextOf(o)));

  const actualById = new ObjectIndex(actual.objects);
  const expectedById = new ObjectIndex(expected.objects);
  const updatedExpected = new Map<CatalogObject, CatalogObject>();
  const updatedActual = new Map<CatalogObject, CatalogObject>();

  for (const e of expected.objects) {
    const a = actualById.match(e);
    if (!a) continue;
    let forE: Record<string, Value> | undefined;
    let forA: Record<string, Value> | undefined;
    for (const [attribute, form] of kindOf(e.kind).expressions) {
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
    for (const [attribute, form] of kindOf(o.kind).expressions) {
      if (o.canonical?.[attribute] !== undefined) continue;
      const value = formsOf(o, attribute, form);
      if (value !== undefined) forms[attribute] = value;
    }
    return Object.keys(forms).length > 0 ? withCanonical(o, forms) : o;
  };
  for (const e of expected.objects) if (isRenameable(e) && !actualById.match(e)) updatedExpected.set(e, oneSided(e));
  for (const a of actual.objects) if (isRenameable(a) && !expectedById.match(a)) updatedActual.set(a, oneSided(a));

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
  const unordered = kindOf(o.kind).unordered;
  const sortedForms = Object.fromEntries(
    Object.entries(forms).map(([k, v]) => [k, unordered.includes(k) && Array.isArray(v) ? [...v].sort(compareCodepoints) : v]),
  );
  return { ...o, canonical: { ...o.canonical, ...sortedForms } };
}
