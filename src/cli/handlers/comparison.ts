import type { Report } from '../../model/report.js';
import type { DiffSettings } from '../../commands/diff.js';
import { exitCodeFor } from '../../compare/index.js';
import { clearProgress, notice, withProgress } from '../console.js';
import { comparisonSettings, reportDiagnostics, scratchFrom, type Configured } from './configured.js';
import { includeFrom, limitsFrom } from '../options.js';
import { writeReports } from './write-report.js';

/** The flags `check` and `diff` share, as yargs parses them. */
export interface ComparisonArgs {
  readonly statementTimeout: number;
  readonly lockTimeout: number;
  readonly connectTimeout: number;
  readonly includeHistoryTables: boolean;
  readonly ignoreColumnOrder: boolean;
  readonly include?: string[] | undefined;
  readonly until?: string | undefined;
  readonly appSource?: string[] | undefined;
  readonly includeTestCode?: boolean;
  readonly cache: boolean;
  readonly quiet: boolean;
  readonly color?: boolean | undefined;
}

/** Settings both comparison commands pass to the library, from their flags and the config file. */
export function sharedComparisonSettings(argv: ComparisonArgs, configured: Configured) {
  return {
    scratch: scratchFrom(configured.settings.scratch),
    limits: limitsFrom(argv),
    ...comparisonSettings(configured),
    includeHistoryTables: argv.includeHistoryTables,
    ignoreColumnOrder: argv.ignoreColumnOrder,
    include: includeFrom(argv.include),
    until: argv.until,
    appSources: argv.appSource,
    cache: argv.cache,
    searchPath: configured.settings.searchPath,
    includeTestCode: argv.includeTestCode,
    ...withProgress(argv.quiet),
    notice,
  } satisfies Partial<DiffSettings>;
}

/** Print diagnostics, write every requested report, and set the exit code from --fail-on. */
export async function finishComparison(report: Report, argv: ComparisonArgs, { settings }: Configured): Promise<void> {
  clearProgress();
  reportDiagnostics(report);
  await writeReports(report, settings.formats, settings.outputs, argv.color, { failOn: settings.failOn });
  process.exitCode = exitCodeFor(report, settings.failOn);
}
