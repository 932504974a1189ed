import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { ConfigError } from '../model/errors.js';
import type { SkippedFile } from '../model/report.js';
import { isSettingsFile, languageOf, type SourceText } from './source-scan.js';

/**
 * Directories that hold no application code of the project's own (dependencies, build
 * output, virtualenvs, caches) or that hold migrations, which are schema changes by design.
 */
export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set([
  'node_modules',
  'bower_components',
  'jspm_packages',
  '.git',
  '.hg',
  '.svn',
  'dist',
  'build',
  // Maven's build output (a copy of src/main/resources), and Go's vendored modules.
  'target',
  'vendor',
  'out',
  'coverage',
  '.next',
  '.nuxt',
  '.turbo',
  '.cache',
  'venv',
  '.venv',
  '__pycache__',
  '.tox',
  '.nox',
  '.mypy_cache',
  '.pytest_cache',
  'site-packages',
  'migrations',
  'migration',
  'alembic',
]);

/**
 * Tests create schemas in their own throwaway databases: not a runtime writer of the app's.
 * Left out unless asked for (`--include-test-code`), and listed under `skipped`.
 */
const TEST_DIRECTORIES: ReadonlySet<string> = new Set(['test', 'tests', 'testing', '__tests__', '__mocks__', 'spec', 'e2e']);
/** Test files: `*.test.ts`, `*.spec.js`, `test_*.py`, `*_test.py`, `conftest.py`. */
const TEST_FILE = /\.(test|spec)\.[cm]?[jt]sx?$|^test_.*\.py$|_test\.py$|^conftest\.py$/;
const TEST_REASON = 'test code, not the application: left out (--include-test-code scans it)';

export interface ReadOptions {
  /** Also read test directories and files. */
  readonly includeTests?: boolean;
}

/** Larger files are generated or vendored, not hand-written schema code. */
export const MAX_SOURCE_BYTES = 1024 * 1024;
export const MAX_SOURCE_FILES = 20_000;
const READ_BATCH = 32;

export interface SourceFiles {
  readonly files: SourceText[];
  readonly skipped: SkippedFile[];
}

/**
 * Read the TypeScript / JavaScript / Python files under each `--app-source` path. A file
 * that cannot be read is skipped with the reason; a path that does not exist is a
 * configuration error. `exclude`: absolute paths not to enter (the migrations directory).
 */
export async function readSourceFiles(roots: readonly string[], exclude: readonly string[] = [], options: ReadOptions = {}): Promise<SourceFiles> {
  const paths: string[] = [];
  const skipped: SkippedFile[] = [];
  const tests: string[] = [];
  const excluded = new Set(exclude.map((p) => resolve(p)));
  for (const root of roots) {
    const absolute = resolve(root);
    const info = await stat(absolute).catch(() => undefined);
    if (!info) throw new ConfigError(`--app-source ${root} does not exist: give a directory (or file) of application code`);
    if (info.isFile()) paths.push(absolute);
    else await walk(absolute, paths, excluded, options.includeTests ? undefined : tests);
  }
  skipped.push(...[...new Set(tests)].sort().map((path) => ({ file: displayPath(path), reason: TEST_REASON })));
  const unique = [...new Set(paths)].sort();
  if (unique.length > MAX_SOURCE_FILES) {
    skipped.push({
      file: displayPath(unique[MAX_SOURCE_FILES]!),
      reason: `more than ${MAX_SOURCE_FILES} source files: this one and the rest were not scanned`,
    });
    unique.length = MAX_SOURCE_FILES;
  }
  const files: SourceText[] = [];
  for (let i = 0; i < unique.length; i += READ_BATCH) {
    const batch = await Promise.all(unique.slice(i, i + READ_BATCH).map((path) => readOne(path)));
    for (const result of batch) {
      if ('reason' in result) skipped.push(result);
      else files.push(result);
    }
  }
  return { files, skipped };
}

/** `tests`: where test directories and files are set aside; undefined when they are read like the rest. */
async function walk(directory: string, into: string[], excluded: ReadonlySet<string>, tests: string[] | undefined): Promise<void> {
  if (excluded.has(directory)) return;
  const entries = await readdir(directory, { withFileTypes: true }).catch(() => []);
  // A virtualenv of any name: its packages are not the project's code.
  if (entries.some((e) => e.isFile() && e.name === 'pyvenv.cfg')) return;
  for (const entry of entries) {
    const path = join(directory, entry.name);
    // Symbolic links are not followed: they may loop, or lead out of the project.
    const isTest = entry.isDirectory() ? TEST_DIRECTORIES.has(entry.name) : TEST_FILE.test(entry.name);
    const scanned = languageOf(entry.name) !== undefined || isSettingsFile(entry.name);
    if (tests && isTest && (entry.isDirectory() || scanned)) tests.push(path);
    else if (entry.isDirectory() && !SKIPPED_DIRECTORIES.has(entry.name)) await walk(path, into, excluded, tests);
    else if (entry.isFile() && scanned && !excluded.has(path)) into.push(path);
  }
}

/** Directories named `migrations` / `migration` under the roots (not entered by the scan): where migration classes live. */
export async function migrationDirectories(roots: readonly string[], depth = 4): Promise<string[]> {
  const found: string[] = [];
  const visit = async (directory: string, left: number): Promise<void> => {
    for (const entry of await readdir(directory, { withFileTypes: true }).catch(() => [])) {
      if (!entry.isDirectory()) continue;
      const path = join(directory, entry.name);
      if (entry.name === 'migrations' || entry.name === 'migration') found.push(path);
      else if (left > 0 && !SKIPPED_DIRECTORIES.has(entry.name) && !TEST_DIRECTORIES.has(entry.name)) await visit(path, left - 1);
    }
  };
  for (const root of roots) {
    if (!(await stat(root).catch(() => undefined))?.isDirectory()) continue;
    if (/^migrations?$/.test(basename(resolve(root)))) found.push(resolve(root));
    else await visit(resolve(root), depth);
  }
  return found.sort();
}

async function readOne(path: string): Promise<SourceText | SkippedFile> {
  const file = displayPath(path);
  try {
    const info = await stat(path);
    if (info.size > MAX_SOURCE_BYTES) return { file, reason: `larger than ${MAX_SOURCE_BYTES / 1024 / 1024} MiB` };
    const text = await readFile(path, 'utf8');
    return { file, text: text.startsWith('\uFEFF') ? text.slice(1) : text };
  } catch (error) {
    return { file, reason: `cannot read it: ${(error as Error).message}` };
  }
}

/** As the user would type it: relative to the working directory when inside it. */
export function displayPath(absolute: string): string {
  const fromCwd = relative(process.cwd(), absolute);
  if (fromCwd === '') return '.';
  return fromCwd.startsWith('..') || isAbsolute(fromCwd) ? absolute : fromCwd;
}
