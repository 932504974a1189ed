import { open, readdir, readFile, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { ConfigError } from '../model/errors.js';
import { compareCodePoints, compareMigrationNames, compareNumberLists, leadingVersion } from './order.js';
import { flywayCallbackEvent, withFlywayCallbacks } from './flyway-callbacks.js';
import { splitSections } from './sections.js';
import { isTypeormMigrationFile, typeormMigrationSql } from './typeorm-migrations.js';

export interface Migration {
  /** The name without `.sql` / `.up.sql`, or the directory name: `0002_add_users`. */
  readonly id: string;
  /** The path as the user would type it: relative to the working directory when inside it. */
  readonly file: string;
  /**
   * The SQL to replay. A dbmate (`-- migrate:up` / `-- migrate:down`) or goose (`-- +goose Up` /
   * `-- +goose Down`) file holds both directions: this is its up half, the file's other lines blanked.
   */
  readonly sql: string;
  /** The down half of such a file (same blanking), when it has one. */
  readonly down?: string;
}

export interface Candidate {
  readonly id: string;
  /** Absolute path of the SQL file to replay. */
  readonly path: string;
  /** A TypeORM migration class: its up() queries are the SQL. */
  readonly typeorm?: boolean;
}

/** Rollback halves of paired layouts and Flyway undo scripts: never replayed. */
const DOWN_FILE = [/\.down\.sql$/i, /^down\.sql$/i, /\.rollback\.sql$/i, /_down\.sql$/i, /\.undo\.sql$/i, /^U\d[\d._]*__.*\.sql$/];
/** Inside a per-migration directory: golang-migrate / diesel (`up.sql`) and Prisma (`migration.sql`). */
const UP_FILE_IN_DIRECTORY = ['up.sql', 'migration.sql'];
/** Files read at once: a history of thousands of files must not exhaust file descriptors. */
const READ_BATCH = 64;

/**
 * The migrations under `path` in replay order: a directory of `.sql` files (flat, or
 * one directory per migration), or a single `.sql` file replayed as one script.
 */
export async function discoverMigrations(path: string, options: { readonly until?: string } = {}): Promise<Migration[]> {
  const { candidates: all, shown } = await listCandidates(path);
  const candidates = options.until !== undefined ? all.slice(0, namedIndex(all, options.until, shown, 'until') + 1) : all;
  return readMigrations(candidates);
}

/** The files (or per-migration directories) of the migrations under `path`, in replay order, before reading them. */
export async function listCandidates(path: string): Promise<{ readonly candidates: Candidate[]; readonly shown: string }> {
  const absolute = resolve(path);
  const shown = displayPath(absolute);
  const info = await stat(absolute).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') {
      throw new ConfigError(/\.sql$/i.test(path) ? `migration file ${shown} does not exist` : `migrations directory ${shown} does not exist`);
    }
    throw new ConfigError(`cannot read ${shown}: ${error.message}`);
  });
  let candidates: Candidate[];
  if (info.isDirectory()) {
    candidates = await listDirectory(absolute, shown);
  } else if (/\.sql$/i.test(absolute)) {
    candidates = [{ id: migrationId(basename(absolute)), path: absolute }];
  } else {
    throw new ConfigError(`${shown} is neither a directory of migrations nor a .sql file`);
  }
  return { candidates, shown };
}

async function listDirectory(directory: string, shown: string): Promise<Candidate[]> {
  const entries = await readdir(directory, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    throw new ConfigError(`cannot read migrations directory ${shown}: ${error.message}`);
  });
  const found = await Promise.all(
    entries.map(async (entry): Promise<Candidate | Candidate[] | undefined> => {
      // Hidden files include macOS `._001_init.sql` resource forks, which are not SQL.
      if (entry.name.startsWith('.')) return undefined;
      const path = join(directory, entry.name);
      const kind = entry.isSymbolicLink() ? await stat(path).catch(() => undefined) : entry;
      if (kind?.isFile()) {
        if (!/\.sql$/i.test(entry.name) || DOWN_FILE.some((pattern) => pattern.test(entry.name))) return undefined;
        return { id: migrationId(entry.name), path };
      }
      if (kind?.isDirectory()) {
        const inside = await readdir(path).catch(() => [] as string[]);
        const up = UP_FILE_IN_DIRECTORY.map((name) => inside.find((file) => file.toLowerCase() === name)).find((file) => file !== undefined);
        return up ? { id: entry.name, path: join(path, up) } : flywayFilesUnder(path, FLYWAY_DEPTH);
      }
      return undefined;
    }),
  );
  const listed = found.flat().filter((c): c is Candidate => c !== undefined);
  // Prisma applies its `<name>/migration.sql` directories in plain name order (`20250625_x` after
  // `20250604085536_y`), not by the number a name starts with.
  const prisma = listed.length > 0 && listed.every((c) => basename(c.path).toLowerCase() === 'migration.sql');
  // So does dbmate with its files (`-- migrate:up` … `-- migrate:down`), by file name.
  const byName = prisma || (await isDbmate(listed));
  const byFileName = (a: Candidate, b: Candidate) => compareCodePoints(prisma ? a.id : basename(a.path), prisma ? b.id : basename(b.path));
  // Flyway's callback scripts (`afterMigrate.sql`) run where `flyway migrate` runs them, or not at all.
  const candidates = withFlywayCallbacks(listed.sort(byName ? byFileName : compareCandidates));
  if (candidates.length === 0) {
    const classes = await typeormClasses(
      directory,
      entries.filter((e) => e.isFile()).map((e) => e.name),
    );
    if (classes.length > 0) return classes;
    throw new ConfigError(`no .sql migrations found in ${shown}: expected files like 001_init.sql, 001_init.up.sql or 001_init/up.sql`);
  }
  return candidates;
}

/** Bytes read from the first file to tell a dbmate history: its marker opens the file. */
const DBMATE_PEEK = 4096;

/** A directory of flat dbmate files: the first one (by name) holds `-- migrate:up` near its top. */
async function isDbmate(candidates: readonly Candidate[]): Promise<boolean> {
  const files = candidates.filter((c) => /\.sql$/i.test(c.path) && basename(c.path) !== 'up.sql');
  if (files.length === 0 || files.length !== candidates.length) return false;
  const first = files.reduce((a, b) => (compareCodePoints(basename(a.path), basename(b.path)) <= 0 ? a : b));
  const handle = await open(first.path).catch(() => undefined);
  if (!handle) return false;
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(DBMATE_PEEK), 0, DBMATE_PEEK, 0);
    return /^[ \t]*--[ \t]*migrate:up\b/im.test(buffer.subarray(0, bytesRead).toString('utf8'));
  } finally {
    await handle.close();
  }
}

/** How deep Flyway's recursive scan of a location is followed (as `pgparity history` does). */
const FLYWAY_DEPTH = 4;
const FLYWAY_FILE = /^(?:V\d[\d._]*|R)__.*\.sql$/;

/** A Flyway versioned (`V1__x.sql`) or repeatable (`R__x.sql`) migration, by its file name. */
export function isFlywayMigration(fileName: string): boolean {
  return FLYWAY_FILE.test(fileName);
}

/**
 * Flyway scans its locations recursively: `db/migration/orders/V3__x.sql` is a migration like
 * `db/migration/V1__y.sql`. Only Flyway's own names are taken from subdirectories (versioned,
 * repeatable, callbacks): other SQL there (seeds, fixtures) is not a migration.
 */
async function flywayFilesUnder(directory: string, depth: number): Promise<Candidate[]> {
  const entries = await readdir(directory, { withFileTypes: true }).catch(() => []);
  const found: Candidate[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(directory, entry.name);
    if (entry.isDirectory() && depth > 1) found.push(...(await flywayFilesUnder(path, depth - 1)));
    else if (entry.isFile() && (isFlywayMigration(entry.name) || (/\.sql$/i.test(entry.name) && flywayCallbackEvent(migrationId(entry.name)))))
      found.push({ id: migrationId(entry.name), path });
  }
  return found;
}

/**
 * TypeORM migration classes (`1700000000000-Init.ts`), in timestamp order; `.ts` over the
 * `.js` compiled from it. TypeORM orders by the timestamp in the class name, which its CLI
 * also puts first in the file name.
 */
async function typeormClasses(directory: string, names: readonly string[]): Promise<Candidate[]> {
  const sources = names.filter((n) => /\.[cm]?ts$/i.test(n) && !/\.d\.[cm]?ts$/i.test(n));
  const chosen = sources.length > 0 ? sources : names.filter((n) => /\.[cm]?js$/i.test(n));
  const found: Candidate[] = [];
  for (const name of chosen) {
    const path = join(directory, name);
    if (isTypeormMigrationFile(name, await readFile(path, 'utf8').catch(() => ''))) found.push({ id: name.replace(/\.[cm]?[jt]s$/i, ''), path, typeorm: true });
  }
  return found.sort(compareCandidates);
}

function compareCandidates(a: Candidate, b: Candidate): number {
  // Flyway applies repeatable migrations (R__name.sql) after every versioned one.
  const repeatable = Number(a.id.startsWith('R__')) - Number(b.id.startsWith('R__'));
  return repeatable || compareMigrationNames(a.id, b.id) || compareMigrationNames(a.path, b.path);
}

function migrationId(fileName: string): string {
  return fileName.replace(/(\.up)?\.sql$/i, '');
}

/** Index of the last migration `until` (the value of `--flag`) names: by id or file name first, else by leading version number. */
export function namedIndex(candidates: readonly Candidate[], until: string, shown: string, flag: string): number {
  const wanted = basename(
    until
      .trim()
      .replace(/[/\\](up|migration)\.sql$/i, '')
      .replace(/[/\\]+$/, ''),
  ).replace(/(\.up)?\.sql$/i, '');
  const byId = lastIndexWhere(candidates, (c) => c.id === wanted);
  if (byId >= 0) return byId;
  const version = /^[Vv]?(\d+(?:[._]\d+)*)$/.exec(wanted)?.[1]?.split(/[._]/);
  if (version) {
    const byVersion = lastIndexWhere(candidates, (c) => {
      const own = leadingVersion(c.id);
      return own !== undefined && compareNumberLists(own, version) === 0;
    });
    if (byVersion >= 0) return byVersion;
  }
  const count = candidates.length === 1 ? '1 migration' : `${candidates.length} migrations`;
  const range = candidates.length === 1 ? candidates[0]!.id : `${candidates[0]!.id} … ${candidates.at(-1)!.id}`;
  throw new ConfigError(`${flag} "${until}" matches no migration in ${shown} (${count}: ${range}): give a migration id, file name or version number`);
}

function lastIndexWhere<T>(items: readonly T[], predicate: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (predicate(items[i]!)) return i;
  return -1;
}

export async function readMigrations(candidates: readonly Candidate[]): Promise<Migration[]> {
  const migrations: Migration[] = [];
  for (let i = 0; i < candidates.length; i += READ_BATCH) {
    const batch = candidates.slice(i, i + READ_BATCH);
    migrations.push(
      ...(await Promise.all(
        batch.map(async ({ id, path, typeorm }) => {
          const file = displayPath(path);
          const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
            throw new ConfigError(`cannot read migration ${file}: ${error.message}`);
          });
          const text = sqlText(bytes, file);
          // Editors on Windows may save a byte-order mark, which PostgreSQL would take for SQL.
          const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
          if (typeorm) return { id, file, sql: typeormMigrationSql(source, file) };
          const sections = splitSections(source);
          if (!sections) return { id, file, sql: source };
          return { id, file, sql: sections.up, ...(sections.down !== undefined ? { down: sections.down } : {}) };
        }),
      )),
    );
  }
  return migrations;
}

/**
 * A migration's text. A NUL byte cannot be sent to PostgreSQL (it answered "invalid message format",
 * naming no file): such a file is not SQL text, or is UTF-16, and the message says which it is.
 */
function sqlText(bytes: Buffer, file: string): string {
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
    throw new ConfigError(
      utf16
        ? `migration ${file} is UTF-16 text: save it as UTF-8`
        : `migration ${file} is not a text file (a NUL byte at offset ${nul}): remove it from the migrations or fix its contents`,
    );
  }
  return bytes.toString('utf8');
}

export function displayPath(absolute: string): string {
  const fromCwd = relative(process.cwd(), absolute);
  if (fromCwd === '') return '.';
  return fromCwd.startsWith('..') || isAbsolute(fromCwd) ? absolute : fromCwd;
}
