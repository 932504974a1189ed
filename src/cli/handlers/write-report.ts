import type { Report } from '../../model/report.js';
import type { Severity } from '../../model/finding.js';
import { ConfigError } from '../../model/errors.js';
import {
  renderFleetJson,
  renderFleetJunit,
  renderFleetMarkdown,
  renderFleetText,
  renderHtml,
  renderJson,
  renderJunit,
  renderMarkdown,
  renderText,
} from '../../report/index.js';
import type { FleetReport } from '../../model/fleet.js';
import { TOOL } from '../../version.js';
import { useColor } from '../console.js';
import type { Format } from '../options.js';
import { writeOutput } from './output.js';

/**
 * Write the report in each requested format: `--format json --output r.json --format text`
 * writes JSON to r.json and text to stdout. At most one format goes to stdout.
 */
export async function writeReports(
  report: Report,
  formats: readonly Format[] | undefined,
  outputs: readonly string[] | undefined,
  color: boolean | undefined,
  gate: { readonly failOn?: Severity } = {},
): Promise<void> {
  await writeRendered(formats, outputs, (format, file) =>
    render(report, format, { color: file ? false : useColor(process.stdout, color), failOn: gate.failOn ?? 'error' }),
  );
}

/** The same for a fleet report (`check --targets`, `--tenant-schemas`, `merge`). */
export async function writeFleetReports(
  fleet: FleetReport,
  formats: readonly Format[] | undefined,
  outputs: readonly string[] | undefined,
  color: boolean | undefined,
): Promise<void> {
  await writeRendered(formats, outputs, (format, file) => renderFleet(fleet, format, file ? false : useColor(process.stdout, color)));
}

/** Write what `render` gives for each requested format: to its `--output` file, or (at most one) to stdout. */
export async function writeRendered(
  formats: readonly Format[] | undefined,
  outputs: readonly string[] | undefined,
  render: (format: Format, file: string | undefined) => string,
): Promise<void> {
  const wanted: readonly Format[] = formats && formats.length > 0 ? formats : ['text'];
  const files = outputs ?? [];
  if (files.length > wanted.length) throw new ConfigError(`${files.length} --output files but ${wanted.length} --format: give one --format per --output`);
  if (wanted.length - files.length > 1) throw new ConfigError('only one report can go to stdout: give an --output FILE for each extra --format');
  for (const [i, format] of wanted.entries()) {
    const file = files[i];
    await writeOutput(file, render(format, file));
  }
}

function render(report: Report, format: Format, options: { readonly color: boolean; readonly failOn: Severity }): string {
  switch (format) {
    case 'json':
      return renderJson(report, TOOL, { failOn: options.failOn });
    case 'junit':
      return renderJunit(report, { failOn: options.failOn });
    case 'markdown':
      return renderMarkdown(report, { failOn: options.failOn });
    case 'text':
      return renderText(report, { color: options.color, failOn: options.failOn });
    case 'html':
      return renderHtml({ report, failOn: options.failOn });
  }
}

function renderFleet(fleet: FleetReport, format: Format, color: boolean): string {
  switch (format) {
    case 'json':
      return renderFleetJson(fleet, TOOL);
    case 'junit':
      return renderFleetJunit(fleet);
    case 'markdown':
      return renderFleetMarkdown(fleet);
    case 'text':
      return renderFleetText(fleet, { color });
    case 'html':
      return renderHtml({ fleet });
  }
}
