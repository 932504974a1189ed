import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { check } from '../commands/check.js';
import { exitCodeFor } from '../compare/index.js';
import { clearProgress, warn, withProgress } from './console.js';
import { limitsFrom, scratchFrom, severityFrom, withConnectionOptions, withReportOptions } from './options.js';
import { writeReports } from './write-report.js';

function builder(y: Argv) {
  return withReportOptions(withConnectionOptions(y))
    .option('url', { type: 'string', describe: 'live database (default: DATABASE_URL, else the PG* variables)' })
    .option('migrations', { alias: 'm', type: 'string', describe: 'directory of .sql migrations (or one .sql file) to replay' })
    .option('replay-cmd', { type: 'string', describe: 'your framework\'s migrate command, run against the scratch database ("alembic upgrade head")' })
    .option('until', { type: 'string', describe: 'replay migrations only up to this one (what a baseline stamp claims)' })
    .example('$0 check --url postgres://app@db/prod --migrations db/migrations', 'replay db/migrations into a scratch database and compare')
    .example('$0 check --replay-cmd "alembic upgrade head" --format json', 'replay with Alembic itself; live from DATABASE_URL');
}

type Args = ArgumentsCamelCase<Awaited<ReturnType<typeof builder>['argv']>>;

export const checkCommand: CommandModule<object, Args> = {
  command: 'check',
  describe: 'does the live database have exactly the schema the migrations produce?',
  builder: builder as unknown as CommandModule<object, Args>['builder'],
  async handler(argv) {
    const { report } = await check({
      ...(argv.url ? { url: argv.url } : {}),
      env: process.env,
      ...(argv.migrations ? { migrations: argv.migrations } : {}),
      ...(argv.replayCmd ? { replayCommand: argv.replayCmd } : {}),
      cwd: process.cwd(),
      scratch: scratchFrom(argv.scratch),
      limits: limitsFrom(argv),
      ...(argv.schema ? { schemas: argv.schema } : {}),
      ...(argv.excludeSchema ? { excludeSchemas: argv.excludeSchema } : {}),
      ...(argv.excludeTable ? { excludeTables: argv.excludeTable } : {}),
      includeHistoryTables: argv.includeHistoryTables,
      ignoreColumnOrder: argv.ignoreColumnOrder,
      ...(argv.until ? { until: argv.until } : {}),
      ...withProgress(argv.quiet),
    });
    clearProgress();
    for (const w of report.warnings) warn(w);
    await writeReports(report, argv.format, argv.output, argv.color);
    process.exitCode = exitCodeFor(report, severityFrom(argv.failOn));
  },
};

