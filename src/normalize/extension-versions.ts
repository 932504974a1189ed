import type { CatalogObject, ExtensionObject } from '../model/objects.js';
import type { Snapshot } from '../model/snapshot.js';

/**
 * The same `CREATE EXTENSION` installs another version on another major (btree_gist 1.7 on 15,
 * 1.8 on 18). When the two servers run different majors and each side's extension is at its own
 * server's default version, the versions are not compared: no `ALTER EXTENSION … UPDATE` is
 * missing. On the same major, or when a side is not at its default, they are. `defaultVersion`
 * itself is never compared (it is what the server offers, not what the schema holds).
 */
export function foldExtensionVersions(expected: Snapshot, actual: Snapshot): { expected: Snapshot; actual: Snapshot } {
  const major = (s: Snapshot): number => Math.floor(s.server.versionNum / 10_000);
  const otherMajors = expected.server.versionNum > 0 && actual.server.versionNum > 0 && major(expected) !== major(actual);
  const atDefault = (o: ExtensionObject | undefined): boolean => o !== undefined && o.defaultVersion != null && o.version === o.defaultVersion;
  const extensions = (s: Snapshot): Map<string, ExtensionObject> =>
    new Map(s.objects.filter((o): o is ExtensionObject => o.kind === 'extension').map((o) => [o.key, o]));
  const [e, a] = [extensions(expected), extensions(actual)];
  const folded = (o: ExtensionObject, other: ExtensionObject | undefined): ExtensionObject => {
    const { defaultVersion: _, ...rest } = o;
    if (!otherMajors || !atDefault(o) || !atDefault(other) || o.version === other?.version) return rest;
    return { ...rest, canonical: { ...rest.canonical, version: 'the server default' } };
  };
  const apply = (s: Snapshot, mine: Map<string, ExtensionObject>, theirs: Map<string, ExtensionObject>): Snapshot => {
    if (mine.size === 0) return s;
    return { ...s, objects: s.objects.map((o): CatalogObject => (o.kind === 'extension' ? folded(o, theirs.get(o.key)) : o)) };
  };
  return { expected: apply(expected, e, a), actual: apply(actual, a, e) };
}
