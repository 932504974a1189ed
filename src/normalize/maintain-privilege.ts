import type { CatalogObject } from '../model/objects.js';
import type { Snapshot } from '../model/snapshot.js';
import { compareCodepoints } from '../text/order.js';

/** The privileges a relation had before PostgreSQL 17 added MAINTAIN: what `GRANT ALL` gave. */
const BEFORE_MAINTAIN = ['DELETE', 'INSERT', 'REFERENCES', 'SELECT', 'TRIGGER', 'TRUNCATE', 'UPDATE'];
const RELATION_KINDS: ReadonlySet<string> = new Set(['table', 'view', 'materialized_view']);

/**
 * `GRANT ALL ON TABLE` gives MAINTAIN from PostgreSQL 17 on, which earlier majors do not have.
 * When one side runs a major before 17 and the other 17 or later, a grantee that holds all the
 * older privileges and MAINTAIN (with the same grant option) on the later side holds "all" on
 * both: MAINTAIN is not compared for it. MAINTAIN granted on its own, or on the same major,
 * still is.
 */
export function foldMaintainPrivilege(expected: Snapshot, actual: Snapshot): { expected: Snapshot; actual: Snapshot } {
  const major = (s: Snapshot): number => Math.floor(s.server.versionNum / 10_000);
  if (expected.server.versionNum <= 0 || actual.server.versionNum <= 0) return { expected, actual };
  const [e, a] = [major(expected), major(actual)];
  if (e < 17 === a < 17) return { expected, actual };
  const fold = (s: Snapshot): Snapshot => ({ ...s, objects: s.objects.map(withoutAllMaintain) });
  return e >= 17 ? { expected: fold(expected), actual } : { expected, actual: fold(actual) };
}

function withoutAllMaintain(o: CatalogObject): CatalogObject {
  const privileges = (o.canonical?.privileges as readonly string[] | undefined) ?? o.privileges;
  if (!RELATION_KINDS.has(o.kind) || !privileges) return o;
  const folded = privileges.map(withoutMaintain);
  if (folded.every((entry, i) => entry === privileges[i])) return o;
  return { ...o, canonical: { ...o.canonical, privileges: folded.sort(compareCodepoints) } };
}

/** `grantee: DELETE, …, MAINTAIN, …` → the same entry without MAINTAIN, when the rest is all the older privileges. */
function withoutMaintain(entry: string): string {
  const colon = entry.lastIndexOf(': ');
  if (colon < 0) return entry;
  const items = entry.slice(colon + 2).split(', ');
  const grantable = (item: string): boolean => item.endsWith(' WITH GRANT OPTION');
  const maintain = items.find((item) => item === 'MAINTAIN' || item === 'MAINTAIN WITH GRANT OPTION');
  if (maintain === undefined) return entry;
  const others = items.filter((item) => item !== maintain);
  const all = BEFORE_MAINTAIN.every((p) => others.some((item) => item.replace(/ WITH GRANT OPTION$/, '') === p && grantable(item) === grantable(maintain)));
  return all ? `${entry.slice(0, colon + 2)}${others.join(', ')}` : entry;
}
