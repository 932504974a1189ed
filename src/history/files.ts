import { readdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { ConfigError } from '../model/errors.js';
import { compareMigrationNames } from '../replay/order.js';

/** A migration file as a history table refers to it. */
export interface MigrationFile {
  /** The identity the framework's history rows use (a version, a name, `app.name`). */
  readonly key: string;
  /** Other spellings rows may use for the same file (with or without `.sql`, the bare version). */
  readonly aliases: readonly string[];
  /** Shown in messages: a file or directory name. */
  readonly label: string;
  /** The path as the user would type it. */
  readonly file: string;
  /** Absolute path of the file whose bytes are checksummed. */
  readonly path: string;
  /** Numeric version parts, for files named by version (`['1', '2']` for `V1_2__x.sql`). */
  readonly version?: readonly string[];
  /** Where order is evaluated separately (a Django app); '' otherwise. */
  readonly group: string;
}

export interface Entry {
  readonly name: string;
  readonly path: string;
  readonly isDirectory: boolean;
}

const SKIPPED_DIRECTORIES = new Set(['node_modules', '__pycache__', '.git', 'dist', 'build', 'target', 'vendor']);

/** The entries of a directory (hidden ones skipped), sorted the way migrations sort. */
export async function listEntries(directory: string): Promise<Entry[]> {
  const entries = await readdir(directory, { withFileTypes: true }).catch(() => []);
  const listed = await Promise.all(
    entries
      .filter((e) => !e.name.startsWith('.'))
      .map(async (e) => {
        const path = join(directory, e.name);
        const isDirectory = e.isSymbolicLink() ? ((await stat(path).catch(() => undefined))?.isDirectory() ?? false) : e.isDirectory();
        return { name: e.name, path, isDirectory };
      }),
  );
  return listed.sort((a, b) => compareMigrationNames(a.name, b.name));
}

/** Every file under `directory`, depth-first, at most `depth` levels down. */
export async function walkFiles(directory: string, depth: number): Promise<Entry[]> {
  const found: Entry[] = [];
  for (const entry of await listEntries(directory)) {
    if (!entry.isDirectory) found.push(entry);
    else if (depth > 0 && !SKIPPED_DIRECTORIES.has(entry.name)) found.push(...(await walkFiles(entry.path, depth - 1)));
  }
  return found;
}

/**
 * The directory that holds a framework's migrations: `directory` itself when it has any,
 * else the first of `subdirectories` under it that does (`prisma/` → `prisma/migrations`).
 */
export async function locate(directory: string, has: (entries: readonly Entry[]) => boolean, subdirectories: readonly string[]): Promise<string | undefined> {
  if (has(await listEntries(directory))) return directory;
  for (const sub of subdirectories) {
    const candidate = join(directory, sub);
    if (has(await listEntries(candidate))) return candidate;
  }
  return undefined;
}

/** Fail early and clearly when `--migrations` is not a directory. */
export async function requireDirectory(directory: string): Promise<void> {
  const info = await stat(directory).catch(() => undefined);
  if (!info?.isDirectory()) throw new ConfigError(`migrations directory ${directory} does not exist: check --migrations`);
}

export function readBytes(file: MigrationFile): Promise<Buffer> {
  return readFile(file.path).catch((error: NodeJS.ErrnoException) => {
    throw new ConfigError(`cannot read migration ${file.file}: ${error.message}`);
  });
}

/** The path as the user would type it: relative to the working directory when inside it. */
export function displayPath(path: string): string {
  const absolute = resolve(path);
  const fromCwd = relative(process.cwd(), absolute);
  if (fromCwd === '') return '.';
  return fromCwd.startsWith('..') || isAbsolute(fromCwd) ? absolute : fromCwd;
}

/** Leading digits of a name (`20240101_x` → ['20240101']); dotted Flyway versions have their own parser. */
export function leadingDigits(name: string): string[] | undefined {
  const match = /^(\d+)/.exec(name);
  return match ? [match[1]!] : undefined;
}

/** A version's parts as one comparable text: `['001', '2']` → `1.2`. */
export function versionText(parts: readonly string[]): string {
  return parts.map((p) => p.replace(/^0+(?=\d)/, '')).join('.');
}

export function withoutExtension(name: string): string {
  return name.replace(/\.[^.]+$/, '');
}

export function fileOf(
  entry: Entry,
  fields: Omit<MigrationFile, 'file' | 'path' | 'group' | 'aliases'> & { aliases?: readonly string[]; group?: string; path?: string },
): MigrationFile {
  const path = fields.path ?? entry.path;
  return { aliases: [], group: '', ...fields, file: displayPath(path), path };
}
