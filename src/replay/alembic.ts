import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { displayPath } from '../attribution/source-files.js';
import { revisionFiles } from '../history/frameworks/alembic.js';
import { revisionGraph, type AlembicRevision, type RevisionGraph } from '../history/frameworks/alembic-revisions.js';
import { ConfigError } from '../model/errors.js';

/**
 * An Alembic project named by `--migrations`: its `alembic.ini` (where `alembic` runs), its
 * revisions and their graph. Revisions are Python, so Alembic replays them itself.
 */
export interface AlembicProject {
  /** The directory holding `alembic.ini`: the command's working directory. */
  readonly root: string;
  /** The revision files' directory (`alembic/versions`), as given. */
  readonly versions: string;
  readonly revisions: ReadonlyMap<string, AlembicRevision>;
  /** Revision id → its file, as the user would type it. */
  readonly files: ReadonlyMap<string, string>;
  readonly graph: RevisionGraph;
}

/** How far up from the revisions `alembic.ini` is looked for (versions → script dir → project). */
const INI_LEVELS = 3;

/**
 * The Alembic project under `directory` (the project root, the script directory or
 * `versions/`), or undefined when it holds no Alembic revisions.
 */
export async function findAlembicProject(directory: string): Promise<AlembicProject | undefined> {
  const loaded = await revisionFiles(directory);
  if (!loaded) return undefined;
  const versions = dirname(loaded.files[0]!.path);
  // The directory given or one of its parents, else one above the revisions (`--migrations .` with the ini in alembic/).
  const candidates = [...ancestors(resolve(directory)), ...ancestors(versions)];
  const root = candidates.find((at) => existsSync(join(at, 'alembic.ini')));
  if (!root) {
    throw new ConfigError(
      `${directory} holds Alembic revisions but no alembic.ini was found in or above it: pass the project directory, or replay with --replay-cmd "alembic -c path/to/alembic.ini upgrade {until}"`,
    );
  }
  // Flask-Migrate's alembic.ini names no script_location: `flask db` passes it, so only Flask can run these revisions.
  if (!/^\s*script_location\s*=/m.test(await readFile(join(root, 'alembic.ini'), 'utf8'))) {
    const shown = displayPath(root);
    throw new ConfigError(
      `${shown}/alembic.ini has no script_location (a Flask-Migrate project): replay with Flask itself, --replay-cmd "flask db upgrade {until}" --until <rev> (the app must read DATABASE_URL)`,
    );
  }
  return {
    root,
    versions: displayPath(versions),
    revisions: loaded.revisions,
    files: new Map(loaded.files.map((f) => [f.key, f.file])),
    graph: revisionGraph(loaded.revisions),
  };
}

/**
 * The revision `--until` names: a revision id, a unique prefix of one (as Alembic accepts),
 * a revision's file name, or `head`. Without `--until`: the single head.
 */
export function resolveRevision(project: AlembicProject, until: string | undefined): string {
  const heads = project.graph.heads;
  if (until === undefined || until === 'head' || until === 'heads') {
    if (heads.length === 1) return heads[0]!;
    if (until === 'heads') return 'heads';
    throw new ConfigError(
      `the Alembic revisions under ${project.versions} have ${heads.length} heads (${heads.join(', ')}): name one with --until, or merge them (alembic merge heads)`,
    );
  }
  if (project.revisions.has(until)) return until;
  const byFile = [...project.files].find(([, file]) => basename(file) === until || basename(file, '.py') === until);
  if (byFile) return byFile[0];
  const prefixed = [...project.revisions.keys()].filter((id) => id.startsWith(until));
  if (prefixed.length === 1) return prefixed[0]!;
  if (prefixed.length > 1)
    throw new ConfigError(`--until ${until} matches ${prefixed.length} Alembic revisions (${prefixed.join(', ')}): give more of the revision id`);
  throw new ConfigError(`--until ${until}: no Alembic revision under ${project.versions} has that id or file name (heads: ${heads.join(', ')})`);
}

function ancestors(start: string): string[] {
  const found = [start];
  while (found.length <= INI_LEVELS && dirname(found.at(-1)!) !== found.at(-1)) found.push(dirname(found.at(-1)!));
  return found;
}

/** `alembic upgrade <rev>`, run in the project root with DATABASE_URL pointing at the scratch database. */
export function alembicUpgradeCommand(revision: string): string {
  return `alembic upgrade ${revision}`;
}
