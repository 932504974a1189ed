import { isRelationKind } from '../kinds/index.js';
import { FINDING_KINDS, type Change, type Finding, type FindingKind } from '../model/finding.js';

const KIND_RANK = new Map<FindingKind, number>(FINDING_KINDS.map((k, i) => [k, i]));
const CHANGE_RANK: Readonly<Record<Change, number>> = { missing: 0, extra: 1, changed: 2, hazard: 3 };

/**
 * The table (or view) a finding belongs to, `''` for schema-level objects: findings are
 * grouped by it, so a table's children follow the table.
 */
export function findingGroup(f: Finding): string {
  return f.object.table ?? (isRelationKind(f.kind) ? f.object.name : '');
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

/** Code-unit order: the same on every machine and locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
