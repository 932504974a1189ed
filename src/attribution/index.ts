import { existsSync } from 'node:fs';
import { DEFAULT_SEVERITIES, type SeverityRules } from '../compare/severity.js';
import { ConfigError } from '../model/errors.js';
import type { Finding } from '../model/finding.js';
import type { SkippedFile } from '../model/report.js';
import type { Snapshot } from '../model/snapshot.js';
import type { SourceSpec } from '../source/spec.js';
import type { SchemaIndex } from '../ddl/schema-index.js';
import type { HistoryView } from '../history/model.js';
import { attributeFindings, noHistoryNote, unrecordedNotes } from './classify.js';
import { migrationDirectories, readSourceFiles, type ReadOptions } from './source-files.js';
import { scanSources, type SourceScan } from './source-scan.js';

export { attributeFindings, type AttributionInput } from './classify.js';
export { scanSources, EMPTY_SOURCE_SCAN, type SourceScan, type SourceText, type RuntimeWriter, type DeclaredModel } from './source-scan.js';
export { readSourceFiles, SKIPPED_DIRECTORIES, MAX_SOURCE_BYTES } from './source-files.js';

export interface AttributionSettings {
  /** The expected side: its SQL files are indexed statement by statement. */
  readonly from: SourceSpec;
  readonly until?: string;
  /** `--app-source` directories (or files) to scan for runtime schema writers. */
  readonly appSources?: readonly string[];
  /** Also scan test code (tests/, spec/, conftest.py, *.test.ts, …) under `appSources`. */
  readonly includeTestCode?: boolean;
  /** Severity overrides: `hazard.runtime_writer`, `hazard.masked_statement`. */
  readonly severities?: SeverityRules;
  /** The actual side is a database compared with migrations (check, a fleet target): only then can its lack of a history table mean anything. */
  readonly actualIsDatabase?: boolean;
}

export interface Attribution {
  /** The findings with their causes, plus runtime-writer and masked-statement hazards. */
  readonly findings: Finding[];
  readonly skipped: SkippedFile[];
  /** Said once for the whole report (live records no migrations at all). */
  readonly warnings: string[];
}

/**
 * Checks the settings at once (a wrong `--app-source` fails before any server starts) and
 * returns what explains findings after the comparison. Reading files happens here, at the
 * edge; `attributeFindings` itself is pure.
 */
export function prepareAttribution(settings: AttributionSettings): {
  /** Start reading and parsing the migrations now (a replay keeps the server busy meanwhile); `explain` uses the result. */
  warm(): void;
  /** `history`: what live's migration history table says of each file, when known. */
  explain(findings: readonly Finding[], expected: Snapshot, actual: Snapshot, history?: HistoryView): Promise<Attribution>;
} {
  for (const path of settings.appSources ?? []) {
    if (!existsSync(path)) throw new ConfigError(`--app-source ${path} does not exist: give a directory (or file) of application code`);
  }
  // Read and parsed once, whatever the number of comparisons explained (a fleet explains one per target).
  let index: Promise<SchemaIndex | undefined> | undefined;
  const migrations = () => (index ??= migrationIndex(settings).then(async (found) => found ?? (await migrationClassIndex(settings))));
  let scan: Promise<SourceScan> | undefined;
  const sources = (paths: readonly string[]) =>
    (scan ??= scanAppSources(paths, migrationsPath(settings.from), { includeTests: settings.includeTestCode ?? false }));
  return {
    warm() {
      // A failure is met again, and reported, by `explain`.
      migrations().catch(() => undefined);
    },
    async explain(findings, expected, actual, history) {
      const indexed = await migrations();
      const scanned = settings.appSources?.length ? await sources(settings.appSources) : undefined;
      const attributed = attributeFindings({
        findings,
        expected,
        actual,
        ...(indexed ? { migrations: indexed } : {}),
        ...(scanned ? { sources: scanned } : {}),
        ...(history ? { history } : {}),
        ...(settings.severities ? { severities: { ...DEFAULT_SEVERITIES, ...settings.severities } } : {}),
      });
      return {
        findings: attributed,
        skipped: [...(indexed?.skipped ?? []), ...(scanned?.skipped ?? [])],
        warnings: settings.actualIsDatabase
          ? [noHistoryNote(findings, actual), ...unrecordedNotes(attributed, indexed, history)].filter((w): w is string => w !== undefined)
          : [],
      };
    },
  };
}

/** Read and scan application sources: the I/O half of the runtime-writer scan. */
export async function scanAppSources(paths: readonly string[], exclude: readonly string[] = [], options: ReadOptions = {}): Promise<SourceScan> {
  const { files, skipped } = await readSourceFiles(paths, exclude, options);
  const scan = await scanSources(files);
  return { ...scan, skipped: [...skipped, ...scan.skipped] };
}

async function migrationIndex(settings: AttributionSettings): Promise<SchemaIndex | undefined> {
  const path = migrationsPath(settings.from)[0];
  if (path === undefined) return undefined;
  const { discoverMigrations, indexMigrations } = await parsers();
  return indexMigrations(await discoverMigrations(path, settings.until ? { until: settings.until } : {}));
}

/** What reads and parses migrations (libpg-query): loaded only when there are migrations to index. */
async function parsers() {
  const [{ discoverMigrations }, { indexMigrations }] = await Promise.all([import('../replay/discover.js'), import('../ddl/migration-index.js')]);
  return { discoverMigrations, indexMigrations };
}

/**
 * Under `--replay-cmd` there are no SQL files to read, but TypeORM migration classes in a
 * `migrations` directory of the application hold their SQL in `queryRunner.query()`: indexed
 * like SQL files, so causes point at their lines. Directories that hold anything else are passed over.
 */
async function migrationClassIndex(settings: AttributionSettings): Promise<SchemaIndex | undefined> {
  if (settings.from.type !== 'replay-command' || !settings.appSources?.length) return undefined;
  const { discoverMigrations, indexMigrations } = await parsers();
  const classes = [];
  for (const directory of await migrationDirectories(settings.appSources)) {
    const found = await discoverMigrations(directory).catch(() => []);
    if (found.length > 0 && found.every((m) => /\.[cm]?[jt]s$/i.test(m.file))) classes.push(...found);
  }
  return classes.length > 0 ? indexMigrations(classes) : undefined;
}

function migrationsPath(spec: SourceSpec): string[] {
  return spec.type === 'migrations' || spec.type === 'sql-file' ? [spec.path] : [];
}
