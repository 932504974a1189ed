import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { diff } from '../commands/diff.js';
import { exitCodeFor } from '../compare/index.js';
import { parseSourceSpec } from '../source/spec.js';
import { clearProgress, warn, withProgress } from './console.js';
import { limitsFrom, scratchFrom, severityFrom, withConnectionOptions, withReportOptions } from './options.js';
import { writeReports } from './write-report.js';

function builder(y: Argv) {
  return withReportOptions(withConnectionOptions(y))
    .option('from', { type: 'string', demandOption: true, describe: 'expected schema: migrations dir | .sql file | .json snapshot | postgres:// URL' })
    .option('to', { type: 'string', demandOption: true, describe: 'actual schema: same kinds of SOURCE' })
    .option('until', { type: 'string', describe: 'replay --from migrations only up to this one' })
    .example('$0 diff --from db/migrations --to postgres://app@db/prod --format json', 'migrations vs live, as JSON')
    .example('$0 diff --from snapshots/prod.json --to postgres://app@staging/app', 'a committed snapshot vs a database');
}

type Args = ArgumentsCamelCase<Awaited<ReturnType<typeof builder>['argv']>>;

export const diffCommand: CommandModule<object, Args> = {
  command: 'diff',
  describe: 'compare two schema sources (--from is expected, --to is actual)',
  builder: builder as unknown as CommandModule<object, Args>['builder'],
  async handler(argv) {
    const { report } = await diff({
      from: parseSourceSpec(argv.from),
      to: parseSourceSpec(argv.to),
      scratch: scratchFrom(argv.scratch),
      limits: limitsFrom(argv),
      ...(argv.schema ? { schemas: argv.schema } : {}),
      ...(argv.excludeSchema ? { excludeSchemas: argv.excludeSchema } : {}),
      ...(argv.excludeTable ? { excludeTables: argv.excludeTable } : {}),
      includeHistoryTables: argv.includeHistoryTables,
      ignoreColumnOrder: argv.ignoreColumnOrder,
      ...(argv.until ? { until: argv.until } : {}),
      ...(process.env.PGPASSWORD ? { defaultPassword: process.env.PGPASSWORD } : {}),
      ...withProgress(argv.quiet),
    });
    clearProgress();
    for (const w of report.warnings) warn(w);
    await writeReports(report, argv.format, argv.output, argv.color);
    process.exitCode = exitCodeFor(report, severityFrom(argv.failOn));
  },
};
