import { ConfigError } from '../../model/errors.js';
import { rehearse } from '../../commands/rehearse.js';
import type { Rehearsal } from '../../model/rehearsal.js';
import { renderRehearsalJson, renderRehearsalJunit, renderRehearsalMarkdown, renderRehearsalText } from '../../report/index.js';
import { TOOL } from '../../version.js';
import { clearProgress, useColor, warn, withProgress } from '../console.js';
import { comparisonSettings, configure, scratchFrom } from './configured.js';
import { EXIT } from '../../exit-codes.js';
import { includeFrom, type Format } from '../options.js';
import { writeRendered } from './write-report.js';
import type { RehearseArgs } from '../rehearse.js';

/** `pgparity rehearse`: the rehearsal report; exit code 0 when every migration reverses cleanly. */
export async function runRehearse(argv: RehearseArgs): Promise<void> {
  const configured = await configure(
    {
      config: argv.config,
      migrations: argv.migrations,
      scratch: argv.scratch,
      schema: argv.schema,
      excludeSchema: argv.excludeSchema,
      excludeTable: argv.excludeTable,
      excludeObject: argv.excludeObject,
      failOn: argv.failOn,
      format: argv.format as Format[] | undefined,
      output: argv.output,
      searchPath: argv.searchPath,
    },
    { waivers: false },
  );
  const { settings } = configured;
  const commands = argv.upCmd !== undefined || argv.downCmd !== undefined;
  const rehearsal = await rehearse({
    ...(!commands && settings.migrations ? { migrations: settings.migrations } : {}),
    ...(argv.upCmd !== undefined ? { upCommand: argv.upCmd } : {}),
    ...(argv.downCmd !== undefined ? { downCommand: argv.downCmd } : {}),
    ...(argv.steps !== undefined ? { steps: argv.steps } : {}),
    cwd: settings.replayCwd,
    ...(argv.from !== undefined ? { from: argv.from } : {}),
    full: argv.full,
    ...(argv.withData !== undefined ? { withData: argv.withData } : {}),
    allowNoDown: argv.allowNoDown,
    failOn: settings.failOn,
    ...(settings.searchPath ? { searchPath: settings.searchPath } : {}),
    scratch: scratchFrom(settings.scratch),
    ...comparisonSettings(configured),
    includeHistoryTables: argv.includeHistoryTables,
    ignoreColumnOrder: argv.ignoreColumnOrder,
    include: includeFrom(argv.include),
    ...withProgress(argv.quiet),
  });
  clearProgress();
  for (const w of rehearsal.warnings) warn(w);
  await writeRendered(settings.formats, settings.outputs, (format, file) => render(rehearsal, format, file ? false : useColor(process.stdout, argv.color)));
  process.exitCode = rehearsal.verdict === 'reversible' ? EXIT.parity : EXIT.drift;
}

function render(rehearsal: Rehearsal, format: Format, color: boolean): string {
  switch (format) {
    case 'html':
      throw new ConfigError('rehearse writes text, json, junit or markdown, not html');
    case 'json':
      return renderRehearsalJson(rehearsal, TOOL);
    case 'junit':
      return renderRehearsalJunit(rehearsal);
    case 'markdown':
      return renderRehearsalMarkdown(rehearsal);
    case 'text':
      return renderRehearsalText(rehearsal, { color });
  }
}
