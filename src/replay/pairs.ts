import { readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { listCandidates, namedIndex, readMigrations, type Candidate, type Migration } from './discover.js';

/** A migration with its rollback, when it has one. */
export interface MigrationPair {
  readonly up: Migration;
  readonly down?: Migration;
}

export interface PairOptions {
  /** The first migration to rehearse (`--from`): by id, file name or version number. */
  readonly from?: string;
}

/**
 * The migrations under `path` in replay order, each with its down: `NNN_name.up.sql` beside
 * `NNN_name.down.sql`, `NNN_name/up.sql` beside `down.sql` (golang-migrate, Diesel), Flyway's
 * `V2__x.sql` beside `U2__x.sql`, or the down half of a dbmate or goose file. `firstRehearsed`
 * is the index of the `--from` migration (0 without it).
 */
export async function discoverMigrationPairs(path: string, options: PairOptions = {}): Promise<{ pairs: MigrationPair[]; firstRehearsed: number }> {
  const { candidates, shown } = await listCandidates(path);
  const firstRehearsed = options.from === undefined ? 0 : namedIndex(candidates, options.from, shown, 'from');
  const listings = new Map<string, Promise<string[]>>();
  const list = (directory: string): Promise<string[]> => {
    if (!listings.has(directory))
      listings.set(
        directory,
        readdir(directory).catch(() => [] as string[]),
      );
    return listings.get(directory)!;
  };
  const downs = await Promise.all(candidates.map((candidate) => downCandidate(candidate, list)));
  const ups = await readMigrations(candidates);
  const downFiles = await readMigrations(downs.filter((d): d is Candidate => d !== undefined));
  let nextDown = 0;
  const pairs = ups.map((up, i): MigrationPair => {
    if (downs[i]) return { up, down: downFiles[nextDown++]! };
    if (up.down === undefined) return { up };
    const { down, ...upHalf } = up;
    return { up: upHalf, down: { ...upHalf, sql: down } };
  });
  return { pairs, firstRehearsed };
}

/** The file beside an up file that undoes it, when there is one. */
async function downCandidate(candidate: Candidate, list: (directory: string) => Promise<string[]>): Promise<Candidate | undefined> {
  const directory = dirname(candidate.path);
  const name = basename(candidate.path);
  const wanted = name.toLowerCase() === 'up.sql' ? 'down.sql' : downName(name);
  if (wanted === undefined) return undefined;
  const found = (await list(directory)).find((file) => file.toLowerCase() === wanted.toLowerCase());
  return found === undefined ? undefined : { id: candidate.id, path: join(directory, found) };
}

function downName(name: string): string | undefined {
  if (/\.up\.sql$/i.test(name)) return name.replace(/\.up\.sql$/i, '.down.sql');
  if (/^V\d[\d._]*__.*\.sql$/.test(name)) return `U${name.slice(1)}`;
  return undefined;
}
