import { stamp } from '../../commands/stamp.js';
import { ConfigError } from '../../model/errors.js';
import { renderStampJson, renderStampText } from '../../report/index.js';
import { TOOL } from '../../version.js';
import { clearProgress, useColor, withProgress } from '../console.js';
import { comparisonSettings, configure, reportDiagnostics, scratchFrom } from './configured.js';
import { limitsFrom } from '../options.js';
import { escapeControl } from '../../model/escape.js';
import type { StampArgs } from '../stamp.js';

/** `pgparity stamp`: writes the history rows only when live matches the migrations. */
export async function runStamp(argv: StampArgs): Promise<void> {
  const configured = await configure(
    {
      config: argv.config,
      migrations: argv.migrations,
      schema: argv.schema,
      excludeSchema: argv.excludeSchema,
      excludeTable: argv.excludeTable,
      failOn: argv.failOn,
      scratch: argv.scratch,
      searchPath: argv.searchPath,
    },
    { waivers: false },
  );
  const { settings } = configured;
  if (!settings.migrations)
    throw new ConfigError(
      'stamp needs --migrations DIR (plain .sql files or an Alembic project); for other tools gate their own stamp: pgparity check --until <rev> && <tool> stamp <rev>',
    );
  const historyTable = argv.historyTable ?? settings.historyTable;
  const result = await stamp({
    ...(argv.url ? { url: argv.url } : {}),
    env: process.env,
    migrations: settings.migrations,
    cwd: process.cwd(),
    scratch: scratchFrom(settings.scratch),
    limits: limitsFrom(argv),
    ...comparisonSettings(configured),
    ignoreColumnOrder: argv.ignoreColumnOrder,
    ...(argv.until ? { until: argv.until } : {}),
    ...(historyTable ? { historyTable } : {}),
    createTable: argv.createTable,
    dryRun: argv.dryRun,
    failOn: settings.failOn,
    allowRenames: argv.allowRenames,
    ...(argv.cache ? {} : { cache: false }),
    searchPath: settings.searchPath,
    ...withProgress(argv.quiet),
  });
  clearProgress();
  if (result.report) reportDiagnostics(result.report);
  const color = useColor(process.stdout, argv.color);
  process.stdout.write(argv.format === 'json' ? renderStampJson(result, TOOL, settings.failOn) : renderStampText(result, { color, failOn: settings.failOn }));
  for (const reason of result.reasons) process.stderr.write(`pgparity: refusing to stamp: ${escapeControl(reason)}; nothing was written\n`);
  process.exitCode = result.status === 'refused' ? 1 : 0;
}
