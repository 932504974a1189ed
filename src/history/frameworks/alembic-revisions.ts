/** One Alembic revision file: `revision = 'abc'`, `down_revision = 'xyz' | None | ('a', 'b')`. */
export interface AlembicRevision {
  readonly revision: string;
  readonly downRevisions: readonly string[];
}

const REVISION = /^revision\s*(?::[^=\n]+)?=\s*(['"])([^'"\n]+)\1/m;
const DOWN_REVISION = /^down_revision\s*(?::[^=\n]+)?=\s*(None|(['"])[^'"\n]*\2|\([^)]*\)|\[[^\]]*\])/m;

/** The revision a Python file defines, or undefined when it is not a revision file (`env.py`). */
export function parseAlembicRevision(source: string): AlembicRevision | undefined {
  const revision = REVISION.exec(source)?.[2];
  if (revision === undefined) return undefined;
  const down = DOWN_REVISION.exec(source)?.[1] ?? 'None';
  const downRevisions = [...down.matchAll(/(['"])([^'"\n]+)\1/g)].map((m) => m[2]!);
  return { revision, downRevisions };
}

export interface RevisionGraph {
  /** Revisions no other one revises: what `alembic upgrade head(s)` reaches. */
  readonly heads: readonly string[];
  /** Each revision with the revisions it needs, transitively (itself included). */
  ancestorsOf(revision: string): Set<string>;
  /** Every revision, parents before children, ties by id. */
  readonly order: readonly string[];
}

export function revisionGraph(revisions: ReadonlyMap<string, AlembicRevision>): RevisionGraph {
  const revised = new Set([...revisions.values()].flatMap((r) => r.downRevisions));
  const heads = [...revisions.keys()].filter((id) => !revised.has(id)).sort();
  const order: string[] = [];
  const visited = new Set<string>();
  const visit = (id: string): void => {
    if (visited.has(id)) return;
    visited.add(id);
    for (const down of [...(revisions.get(id)?.downRevisions ?? [])].sort()) if (revisions.has(down)) visit(down);
    order.push(id);
  };
  for (const id of [...revisions.keys()].sort()) visit(id);
  return {
    heads,
    order,
    ancestorsOf(revision) {
      const seen = new Set<string>();
      const stack = [revision];
      while (stack.length > 0) {
        const id = stack.pop()!;
        if (seen.has(id) || !revisions.has(id)) continue;
        seen.add(id);
        stack.push(...revisions.get(id)!.downRevisions);
      }
      return seen;
    },
  };
}
