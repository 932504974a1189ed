import type { AttributeValue, Change, Finding } from '../model/finding.js';
import type { CatalogObject, ObjectKind, ObjectRef, TableObject } from '../model/objects.js';
import type { Snapshot } from '../model/snapshot.js';
import { differingAttributes, type AttributeDifference } from './attributes.js';
import { constraintIndexNames, coveringObjects, isTopLevel } from './cascade.js';
import { kindOf, ObjectIndex } from '../kinds/index.js';
import { changedMessage, countPhrase, extraMessage, missingMessage, renameMessage } from './messages.js';
import { sortFindings } from './order.js';
import { pairRenames } from './renames.js';
import { DEFAULT_SEVERITIES, severityOf, type SeverityOverrides } from './severity.js';

export interface CompareOptions {
  /** No `columnOrder` findings (`--ignore-column-order`). */
  readonly ignoreColumnOrder?: boolean;
  /** No `comment` findings. */
  readonly ignoreComments?: boolean;
  /** Per-rule severity overrides, keyed like DEFAULT_SEVERITIES (`changed.column.default`, `extra.index`, …). */
  readonly severities?: SeverityOverrides;
}

/**
 * Compare what the migrations produce (expected) with the live database (actual), both
 * normalized. Each finding is `missing` (only in expected), `extra` (only in actual) or
 * `changed` (one per differing attribute), sorted deterministically.
 */
export function compareSnapshots(expected: Snapshot, actual: Snapshot, options: CompareOptions = {}): Finding[] {
  const rules = { ...DEFAULT_SEVERITIES, ...options.severities };
  const finding = (change: Change, o: CatalogObject, message: string, diff?: AttributeDifference): Finding => ({
    change,
    kind: o.kind,
    key: o.key,
    object: refOf(o),
    ...(diff && { attribute: diff.attribute, expected: diff.expected, actual: diff.actual }),
    ...(diff?.normalized && { normalized: diff.normalized }),
    severity: severityOf(change, o.kind, diff?.attribute, rules),
    message,
  });

  const actualById = new ObjectIndex(actual.objects);
  const expectedById = new ObjectIndex(expected.objects);
  const matched = expected.objects.flatMap((e) => {
    const a = actualById.match(e);
    return a ? [[e, a] as const] : [];
  });
  const { renames, missing, extra } = pairRenames(
    expected.objects.filter((e) => !actualById.match(e)),
    actual.objects.filter((a) => !expectedById.match(a)),
  );

  // An index that carries a constraint's name is that constraint's index: the constraint speaks for it.
  const expectedConstraintIndexes = constraintIndexNames(expected.objects);
  const actualConstraintIndexes = constraintIndexNames(actual.objects);
  const isConstraintIndex = (o: CatalogObject, names: ReadonlySet<string>): boolean => o.kind === 'index' && names.has(o.key);

  const findings: Finding[] = [];
  const changed = (e: CatalogObject, a: CatalogObject): void => {
    for (const diff of differingAttributes(e, a, options)) {
      findings.push(finding('changed', e, changedMessage(e.kind, e.key, diff.attribute, diff.expected, diff.actual), diff));
    }
  };

  for (const [e, a] of matched) {
    if (isConstraintIndex(e, expectedConstraintIndexes) && isConstraintIndex(a, actualConstraintIndexes)) continue;
    changed(e, a);
    if (e.kind === 'table' && a.kind === 'table' && !options.ignoreColumnOrder) {
      const diff = columnOrderDifference(e, a);
      if (diff) findings.push(finding('changed', e, changedMessage('table', e.key, diff.attribute, diff.expected, diff.actual), diff));
    }
  }

  for (const { expected: e, actual: a } of renames) {
    if (isConstraintIndex(e, expectedConstraintIndexes) && isConstraintIndex(a, actualConstraintIndexes)) continue;
    const diff = { attribute: 'name', expected: e.name, actual: a.name };
    findings.push(finding('changed', e, renameMessage(e.kind, e.key, a.name), diff));
    changed(e, a);
  }

  const oneSided = (change: 'missing' | 'extra', objects: readonly CatalogObject[], constraintIndexes: ReadonlySet<string>): void => {
    const coveredBy = coveringObjects(objects);
    const contents = new Map<CatalogObject, Map<ObjectKind, number>>();
    const reported: CatalogObject[] = [];
    for (const o of objects) {
      const cover = coveredBy(o);
      if (cover?.kind === 'schema' && isTopLevel(o)) {
        const counts = contents.get(cover) ?? new Map<ObjectKind, number>();
        contents.set(cover, counts.set(o.kind, (counts.get(o.kind) ?? 0) + 1));
      }
      if (cover === undefined && !isConstraintIndex(o, constraintIndexes)) reported.push(o);
    }
    for (const o of reported) {
      const counts = contents.get(o);
      const inside = counts && countPhrase(counts);
      if (change === 'missing') {
        findings.push(finding(change, o, missingMessage(o.kind, o.key, inside)));
      } else {
        const note = kindOf(o.kind).extraNote?.(o) ?? (inside && `with ${inside}`);
        findings.push(finding(change, o, extraMessage(o.kind, o.key, note)));
      }
    }
  };
  oneSided('missing', missing, expectedConstraintIndexes);
  oneSided('extra', extra, actualConstraintIndexes);

  return sortFindings(findings);
}

/** The columns both sides have, each in its side's order, when their relative order differs. */
function columnOrderDifference(e: TableObject, a: TableObject): AttributeDifference | undefined {
  const inActual = new Set(a.columnOrder);
  const inExpected = new Set(e.columnOrder);
  const expectedOrder = e.columnOrder.filter((c) => inActual.has(c));
  const actualOrder = a.columnOrder.filter((c) => inExpected.has(c));
  if (expectedOrder.every((c, i) => actualOrder[i] === c)) return undefined;
  return { attribute: 'columnOrder', expected: expectedOrder as AttributeValue, actual: actualOrder as AttributeValue };
}

function refOf(o: CatalogObject): ObjectRef {
  return o.table === undefined ? { schema: o.schema, name: o.name } : { schema: o.schema, table: o.table, name: o.name };
}
