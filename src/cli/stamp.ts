import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { stamp, type StampResult } from '../commands/stamp.js';
import { ConfigError } from '../model/errors.js';
import type { Severity } from '../model/finding.js';
import { renderJson, renderText } from '../report/index.js';
import { TOOL } from '../version.js';
import { clearProgress, useColor, withProgress } from './console.js';
import { comparisonSettings, configure, reportDiagnostics } from './configured.js';
import { limitsFrom, scratchFrom, withConnectionOptions } from './options.js';

function builder(y: Argv) {
  return withConnectionOptions(y)
    .option('url', { type: 'string', describe: 'live database (default: DATABASE_URL, else the PG* variables)' })
    .option('migrations', { alias: 'm', type: 'string', describe: 'directory of plain .sql migrations to record, or an Alembic project (alembic_version gets the revision)' })
    .option('until', { type: 'string', describe: 'record migrations only up to this one (the baseline); default: all' })
    .option('history-table', { type: 'string', describe: 'the plain history table, schema.table (default: the only one in live)' })
    .option('create-table', { type: 'boolean', default: false, describe: 'create the history table (filename, checksum, applied_at) if it does not exist' })
    .option('dry-run', { type: 'boolean', default: false, describe: 'check parity and print what would be written; write nothing' })
    .option('exclude-table', { type: 'string', array: true, describe: 'leave tables out of the parity check: audit_* or public.audit_* (repeatable)' })
    .option('ignore-column-order', { type: 'boolean', default: false, describe: 'do not report column order differences' })
    .option('fail-on', { type: 'string', choices: ['error', 'warning', 'info'] as const, describe: 'lowest severity of a difference that refuses the stamp (default: error)' })
    .option('allow-renames', { type: 'boolean', default: false, describe: 'stamp even when constraint or index names differ from the migrations (refused by default: a later migration naming them fails)' })
    .option('format', { type: 'string', choices: ['text', 'json'] as const, default: 'text', describe: 'output format' })
    .option('color', { type: 'boolean', describe: 'force colour on or off (default: on a TTY unless NO_COLOR is set)' })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'no progress on stderr' })
    .example('$0 stamp --migrations db/migrations --until 003_baseline --dry-run', 'would the baseline stamp be safe? (writes nothing)')
    .example('$0 stamp --url postgres://app@db/prod -m db/migrations --create-table', 'record every migration, only if live matches them')
    .example('$0 stamp -m . --until 3c4d5e6f7081', 'Alembic: write alembic_version at 3c4d5e6f7081, only if live matches alembic upgrade 3c4d5e6f7081');
}

type Args = ArgumentsCamelCase<Awaited<ReturnType<typeof builder>['argv']>>;

export const stampCommand: CommandModule<object, Args> = {
  command: 'stamp',
  describe: 'record migrations as applied in a plain history table, only if live matches them (the one command that writes)',
  builder: builder as unknown as CommandModule<object, Args>['builder'],
  async handler(argv) {
    const configured = await configure(
      { config: argv.config, migrations: argv.migrations, schema: argv.schema, excludeSchema: argv.excludeSchema, excludeTable: argv.excludeTable, failOn: argv.failOn, scratch: argv.scratch },
      { waivers: false },
    );
    const { settings } = configured;
    if (!settings.migrations) throw new ConfigError('stamp needs --migrations DIR (plain .sql files or an Alembic project); for other tools gate their own stamp: pgparity check --until <rev> && <tool> stamp <rev>');
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
      ...withProgress(argv.quiet),
    });
    clearProgress();
    if (result.report) reportDiagnostics(result.report);
    const color = useColor(process.stdout, argv.color);
    process.stdout.write(argv.format === 'json' ? stampJson(result, settings.failOn) : stampText(result, color, settings.failOn));
    for (const reason of result.reasons) process.stderr.write(`pgparity: refusing to stamp: ${reason}; nothing was written\n`);
    process.exitCode = result.status === 'refused' ? 1 : 0;
  },
};

function stampText(result: StampResult, color: boolean, failOn: Severity): string {
  const lines: string[] = [];
  const width = Math.max(0, ...result.rows.map((r) => r.filename.length));
  const names = (rows: StampResult['rows']): string[] => rows.map((r) => `  ${r.checksum ? `${r.filename.padEnd(width)}  ${result.checksumAlgorithm ?? ''} ${r.checksum}` : r.filename}`);
  switch (result.status) {
    case 'refused':
      if (result.report) lines.push(renderText(result.report, { color, failOn }).trimEnd(), '');
      lines.push(`pgparity stamp: refused — nothing was written to ${result.table}`);
      break;
    case 'up-to-date':
      lines.push(`pgparity stamp: ${result.table} already records every migration up to ${result.until}; nothing to write`);
      break;
    case 'dry-run':
      lines.push(`pgparity stamp: live matches the migrations up to ${result.until} — dry run, nothing written`);
      if (result.createdTable) lines.push(`would create ${result.table} (${result.columns})`);
      lines.push(`would record ${result.rows.length} migration${result.rows.length === 1 ? '' : 's'} in ${result.table}:`, ...names(result.rows), '', 'statements:', ...result.statements.map((s) => `  ${s};`));
      break;
    case 'stamped':
      lines.push(`pgparity stamp: live matches the migrations up to ${result.until}`);
      if (result.createdTable) lines.push(`created ${result.table}`);
      lines.push(`recorded ${result.rows.length} migration${result.rows.length === 1 ? '' : 's'} in ${result.table}:`, ...names(result.rows));
      break;
  }
  return `${lines.join('\n')}\n`;
}

function stampJson(result: StampResult, failOn: Severity): string {
  const document = {
    formatVersion: 1,
    tool: { name: TOOL.name, version: TOOL.version },
    status: result.status,
    table: result.table,
    until: result.until,
    createdTable: result.createdTable,
    checksumAlgorithm: result.checksumAlgorithm,
    rows: result.rows.map((r) => ({ filename: r.filename, checksum: r.checksum, file: r.file })),
    reasons: [...result.reasons],
    ...(result.report ? { check: JSON.parse(renderJson(result.report, TOOL, { failOn })) as unknown } : {}),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
