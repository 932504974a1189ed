import { readFile } from 'node:fs/promises';
import { fileOf, locate, walkFiles, type Entry, type MigrationFile } from '../files.js';
import type { HistoryFinding } from '../model.js';
import { parseAlembicRevision, revisionGraph, type AlembicRevision } from './alembic-revisions.js';
import { hasExactly, text, type Framework } from './types.js';

const NOT_REVISIONS = new Set(['env.py', '__init__.py']);

/**
 * Alembic: `alembic_version (version_num)` holds the current revision (one row per head
 * on a branched history). Revisions are Python files under `versions/` chained by
 * `down_revision`; applied = the current revisions and everything they revise.
 * No checksum is recorded.
 */
export const alembic: Framework = {
  id: 'alembic',
  recognizes: (t) => hasExactly(t, ['version_num']),
  async audit(table, context) {
    const base = { table: table.qualified, framework: 'alembic' };
    const current = table.rows.map((r) => text(r.version_num)).sort();
    const notes = ['Alembic records no checksums: an edited revision cannot be seen in the history (pgparity check compares the schema itself)'];
    const findings: HistoryFinding[] = [];
    const loaded = context.directory ? await revisionFiles(context.directory) : undefined;
    if (context.directory && !loaded) notes.push(`no Alembic revision files under ${context.migrations}: version_num not checked against files`);
    let applied = 0;
    if (loaded) {
      const { revisions, files, duplicates } = loaded;
      const fileOfRevision = new Map(files.map((f) => [f.key, f]));
      for (const d of duplicates) {
        findings.push({
          ...base,
          problem: 'duplicate_version',
          severity: 'error',
          migration: d.key,
          file: d.file,
          message: `${d.label} defines revision ${d.key} again (${fileOfRevision.get(d.key)!.label} already does): Alembic cannot tell them apart`,
        });
      }
      for (const [id, revision] of revisions) {
        for (const down of revision.downRevisions.filter((d) => !revisions.has(d))) {
          const file = fileOfRevision.get(id)!;
          findings.push({
            ...base,
            problem: 'broken_chain',
            severity: 'error',
            migration: id,
            file: file.file,
            message: `${file.label} revises ${down}, which no file in ${context.migrations} defines`,
          });
        }
      }
      const graph = revisionGraph(revisions);
      if (graph.heads.length > 1) {
        findings.push({
          ...base,
          problem: 'multiple_heads',
          severity: 'warning',
          migration: graph.heads.join(', '),
          message: `the revisions have ${graph.heads.length} heads (${graph.heads.join(', ')}): alembic upgrade head refuses to run until they are merged (alembic merge heads)`,
        });
      }
      const appliedSet = new Set<string>();
      for (const id of current) {
        if (!revisions.has(id)) {
          findings.push({
            ...base,
            problem: 'missing_file',
            severity: 'error',
            migration: id,
            message: `${table.qualified} is at revision ${id} but no revision file in ${context.migrations} defines it`,
          });
        }
        for (const a of graph.ancestorsOf(id)) appliedSet.add(a);
      }
      applied = appliedSet.size;
      const at = current.length > 0 ? `is at ${current.join(', ')}` : 'is empty (nothing applied, nothing stamped)';
      // At an unknown revision nothing can be said about what is applied: no pending list, only the missing file.
      const known = current.every((id) => revisions.has(id));
      if (!known) notes.push(`cannot tell which revisions are applied while ${table.qualified} names an unknown revision`);
      for (const id of known ? graph.order.filter((r) => !appliedSet.has(r)) : []) {
        const file = fileOfRevision.get(id)!;
        findings.push({
          ...base,
          problem: 'pending',
          severity: context.allowPending ? 'info' : 'error',
          migration: id,
          file: file.file,
          message: `revision ${id} (${file.label}) is not applied yet: ${table.qualified} ${at}`,
        });
      }
      if (current.length > 0 && current.every((id) => revisions.has(id)) && !current.every((id) => graph.heads.includes(id))) {
        notes.push(`current revision ${current.join(', ')} is known but not a head (heads: ${graph.heads.join(', ')})`);
      }
    } else {
      applied = current.length;
    }
    return {
      summary: {
        ...base,
        applied,
        files: loaded ? loaded.files.length : null,
        pending: findings.filter((f) => f.problem === 'pending').length,
        checksum: null,
        current: current.length > 0 ? current.join(', ') : null,
        notes,
      },
      findings,
    };
  },
};

export interface AlembicRevisionFiles {
  readonly revisions: Map<string, AlembicRevision>;
  readonly files: MigrationFile[];
  readonly duplicates: MigrationFile[];
}

const hasPython = (entries: readonly Entry[]): boolean => entries.some((e) => !e.isDirectory && e.name.endsWith('.py') && !NOT_REVISIONS.has(e.name));

/** `versions/*.py` (recursively, as `recursive_version_locations` allows), under DIR, DIR/alembic or DIR/migrations. */
export async function revisionFiles(directory: string): Promise<AlembicRevisionFiles | undefined> {
  const root = await locate(directory, hasPython, ['versions', 'alembic/versions', 'migrations/versions']);
  if (!root) return undefined;
  const revisions = new Map<string, AlembicRevision>();
  const files: MigrationFile[] = [];
  const duplicates: MigrationFile[] = [];
  for (const entry of await walkFiles(root, 3)) {
    if (!entry.name.endsWith('.py') || NOT_REVISIONS.has(entry.name)) continue;
    const parsed = parseAlembicRevision(await readFile(entry.path, 'utf8'));
    if (!parsed) continue;
    const file = fileOf(entry, { key: parsed.revision, label: entry.name });
    if (revisions.has(parsed.revision)) {
      duplicates.push(file);
      continue;
    }
    revisions.set(parsed.revision, parsed);
    files.push(file);
  }
  return files.length > 0 ? { revisions, files, duplicates } : undefined;
}
