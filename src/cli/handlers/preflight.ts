import { preflight, preflightExitCode } from '../../commands/preflight.js';
import { ConfigError } from '../../model/errors.js';
import { renderPreflightJson, renderPreflightMarkdown, renderPreflightText } from '../../report/preflight.js';
import { renderPreflightJunit } from '../../report/preflight-junit.js';
import { parseScratchSpec } from '../../scratch/index.js';
import { TOOL } from '../../version.js';
import { useColor, warn, withProgress } from '../console.js';
import { configure } from './configured.js';
import { limitsFrom } from '../options.js';
import type { PreflightArgs } from '../preflight.js';
import { writeOutput } from './output.js';

/** `pgparity preflight`: the hazard report and its exit code. */
export async function runPreflight(argv: PreflightArgs): Promise<void> {
  for (const [flag, value] of [
    ['--max-scan-rows', argv.maxScanRows],
    ['--large-table', argv.largeTable],
    ['--large-table-bytes', argv.largeTableBytes],
  ] as const) {
    if (!Number.isFinite(value) || value <= 0) throw new ConfigError(`${flag} must be a positive number, got ${value}`);
  }
  const { settings } = await configure(
    { config: argv.config, migrations: argv.migrations, failOn: argv.failOn, searchPath: argv.searchPath },
    { waivers: false },
  );
  const historyTable = argv.historyTable ?? settings.historyTable;
  const report = await preflight({
    ...(argv.url ? { url: argv.url } : {}),
    env: process.env,
    ...(settings.migrations ? { migrations: settings.migrations } : {}),
    ...(argv.since !== undefined ? { since: argv.since } : {}),
    ...(argv.sql !== undefined ? { sql: argv.sql } : {}),
    ...(historyTable ? { historyTable } : {}),
    ...(argv.scratch !== undefined ? { scratch: parseScratchSpec(argv.scratch) } : {}),
    limits: limitsFrom(argv),
    maxScanRows: argv.maxScanRows,
    largeRows: argv.largeTable,
    largeBytes: argv.largeTableBytes,
    examples: argv.examples,
    parityCheck: argv.parityCheck,
    cache: argv.cache,
    ...(settings.searchPath ? { searchPath: settings.searchPath } : {}),
    ...withProgress(argv.quiet),
  });
  for (const w of report.warnings) warn(w);
  const text =
    argv.format === 'json'
      ? renderPreflightJson(report, TOOL)
      : argv.format === 'markdown'
        ? renderPreflightMarkdown(report, { failOn: settings.failOn })
        : argv.format === 'junit'
          ? renderPreflightJunit(report, { failOn: settings.failOn })
          : renderPreflightText(report, { color: argv.output ? false : useColor(process.stdout, argv.color) });
  await writeOutput(argv.output, text);
  process.exitCode = preflightExitCode(report, settings.failOn);
}
