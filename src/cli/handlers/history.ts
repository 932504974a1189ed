import { auditMigrationHistory } from '../../commands/history.js';
import { historyExitCode } from '../../history/audit.js';
import { renderHistoryJson, renderHistoryText } from '../../history/render.js';
import { TOOL } from '../../version.js';
import { useColor, warn } from '../console.js';
import { configure } from './configured.js';
import { limitsFrom } from '../options.js';
import type { HistoryArgs } from '../history.js';
import { writeOutput } from './output.js';

/** `pgparity history`: the audit report and its exit code. */
export async function runHistory(argv: HistoryArgs): Promise<void> {
  const { settings } = await configure({ config: argv.config, migrations: argv.migrations, failOn: argv.failOn }, { waivers: false });
  const historyTable = argv.historyTable ?? settings.historyTable;
  const report = await auditMigrationHistory({
    ...(argv.url ? { url: argv.url } : {}),
    env: process.env,
    ...(settings.migrations ? { migrations: settings.migrations } : {}),
    ...(historyTable ? { historyTable } : {}),
    allowPending: argv.allowPending,
    limits: limitsFrom(argv),
  });
  for (const w of report.warnings) warn(w);
  const text =
    argv.format === 'json' ? renderHistoryJson(report, TOOL) : renderHistoryText(report, { color: argv.output ? false : useColor(process.stdout, argv.color) });
  await writeOutput(argv.output, text);
  process.exitCode = historyExitCode(report, settings.failOn);
}
