import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { stamp, type StampResult } from '../commands/stamp.js';
import { ConfigError } from '../model/errors.js';
import { renderJson, renderText } from '../report/index.js';
import { TOOL } from '../version.js';
import { clearProgress, useColor, withProgress } from './console.js';
import { comparisonSettings, configure, reportDiagnostics } from './configured.js';
import { limitsFrom, scratchFrom, withConnectionOptions, withQuietOption } from './options.js';

function builder(y: Argv) {
  return withQuietOption(withConnectionOptions(y))
    .option('url', { type: 'string', describe: 'live database (default: DATABASE_URL, else the PG* variables)' })
    .option('migrations', { alias: 'm', type: 'string', describe: 'directory of plain .sql migrations to record' })
    .option('until', { type: 'string', describe: 'record migrations only up to this one (the baseline); default: all' })
    .option('history-table', { type: 'string', describe: 'the plain history table, schema.table (default: the only one in live)' })
    .option('create-table', { type: 'boolean', default: false, describe: 'create the history table (filename, checksum, applied_at) if it does not exist' })
    .option('dry-run', { type: 'boolean', default: false, describe: 'check parity and print what would be written; write nothing' })
    .option('exclude-table', { type: 'string', array: true, describe: 'leave tables out of the parity check: audit_* or public.audit_* (repeatable)' })
    .option('ignore-column-order', { type: 'boolean', default: false, describe: 'do not report column order differences' })
    .option('fail-on', { type: 'string', choices: ['error', 'warning', 'info'] as const, describe: 'lowest severity of a difference that refuses the stamp (default: error)' })
    .option('format', { type: 'string', choices: ['text', 'json'] as const, default: 'text', describe: 'output format' })
    .option('color', { type: 'boolean', describe: 'force colour on or off (default: on a TTY unless NO_COLOR is set)' })
    .example('$0 stamp --migrations db/migrations --until 003_baseline --dry-run', 'would the baseline stamp be safe? (writes nothing)')
    .example('$0 stamp --url postgres://app@db/prod -m db/migrations --create-table', 'record every migration, only if live matches them');
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
    if (!settings.migrations) throw new ConfigError('stamp needs --migrations DIR (plain .sql files); for other tools gate their own stamp: pgparity check --until <rev> && <tool> stamp <rev>');
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
      ...(argv.cache ? {} : { cache: false }),
      ...withProgress(argv.quiet),
    });
    clearProgress();
    if (result.report) reportDiagnostics(result.report);
    const color = useColor(process.stdout, argv.color);
    process.stdout.write(argv.format === 'json' ? stampJson(result) : stampText(result, color));
    for (const reason of result.reasons) process.stderr.write(`pgparity: refusing to stamp: ${reason}; nothing was written\n`);
    process.exitCode = result.status === 'refused' ? 1 : 0;
  },
};

function stampText(result: StampResult, color: boolean): string {
  const lines: string[] = [];
  const width = Math.max(0, ...result.rows.map((r) => r.filename.length));
  const names = (rows: StampResult['rows']): string[] => rows.map((r) => `  ${r.checksum ? `${r.filename.padEnd(width)}  ${result.checksumAlgorithm ?? ''} ${r.checksum}` : r.filename}`);
  switch (result.status) {
    case 'refused':
      if (result.report) lines.push(renderText(result.report, { color }).trimEnd(), '');
      lines.push(`pgparity stamp: refused — nothing was written to ${result.table}`);
      break;
    case 'up-to-date':
      lines.push(`pgparity stamp: ${result.table} already records every migration up to ${result.until}; nothing to write`);
      break;
    case 'dry-run':
      lines.push(`pgparity stamp: live matches the migrations up to ${result.until} — dry run, nothing written`);
      if (result.createdTable) lines.push(`would create ${result.table} (filename, checksum, applied_at)`);
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

function stampJson(result: StampResult): string {
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
    ...(result.report ? { check: JSON.parse(renderJson(result.report, TOOL)) as unknown } : {}),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
