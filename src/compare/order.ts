import { isRelationKind } from '../kinds/index.js';
import { compareCodepoints as compareText } from '../text/order.js';
import { FINDING_KINDS, type Change, type Finding, type FindingKind } from '../model/finding.js';
import { objectKey, quoteIdent } from '../model/keys.js';

const KIND_RANK = new Map<FindingKind, number>(FINDING_KINDS.map((k, i) => [k, i]));
const CHANGE_RANK: Readonly<Record<Change, number>> = { missing: 0, extra: 1, changed: 2, hazard: 3 };

/**
 * The table (or view) a finding belongs to, `''` for schema-level objects: findings are
 * grouped by it, so a table's children follow the table.
 */
export function findingGroup(f: Finding): string {
  return f.object.table ?? (isRelationKind(f.kind) ? f.object.name : '');
}

/** The heading a finding is listed under: `schema.table`, `schema`, or `(database)` for database-wide kinds (casts, publications, …). */
export function findingHeading(f: Finding): string {
  const group = findingGroup(f);
  if (group) return objectKey(f.object.schema, group);
  return f.object.schema === '' ? '(database)' : quoteIdent(f.object.schema);
}

/** Schema, table, kind (OBJECT_KINDS order), key, attribute, change: the same inputs always give the same order. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareText(a.object.schema, b.object.schema) ||
    compareText(findingGroup(a), findingGroup(b)) ||
    KIND_RANK.get(a.kind)! - KIND_RANK.get(b.kind)! ||
    compareText(a.key, b.key) ||
    compareText(a.attribute ?? '', b.attribute ?? '') ||
    CHANGE_RANK[a.change] - CHANGE_RANK[b.change]
  );
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}
