import type { Report } from '../../model/report.js';
import type { Severity } from '../../model/finding.js';
import type { Waiver } from '../../model/waiver.js';
import { loadConfig } from '../../config/file.js';
import { loadEffectiveWaivers, mergeSettings, type EffectiveSettings } from '../../config/settings.js';
import type { CompareSettings } from '../../compare/pipeline.js';
import { renderAnnotations } from '../../report/annotations.js';
import { parseScratchSpec, type ScratchSpec } from '../../scratch/index.js';
import { clearProgress, warn } from '../console.js';
import type { Format } from '../options.js';

/** The flags that the config file can also set, as yargs parses them (unset ones undefined). */
export interface ConfigurableArgs {
  readonly config?: string | undefined;
  readonly migrations?: string | undefined;
  readonly replayCmd?: string | undefined;
  readonly scratch?: string | undefined;
  readonly schema?: string[] | undefined;
  readonly excludeSchema?: string[] | undefined;
  readonly excludeTable?: string[] | undefined;
  readonly excludeObject?: string[] | undefined;
  readonly failOn?: string | undefined;
  readonly format?: Format[] | undefined;
  readonly output?: string[] | undefined;
  readonly waivers?: string | undefined;
  readonly searchPath?: string[] | undefined;
}

export interface Configured {
  readonly settings: EffectiveSettings;
  readonly waivers?: readonly Waiver[];
}

/** Read the config file (`--config` or the one in the current directory) and the waiver file, and merge them under the flags. */
export async function configure(argv: ConfigurableArgs, options: { readonly waivers?: boolean } = {}): Promise<Configured> {
  const cwd = process.cwd();
  const loaded = await loadConfig(cwd, argv.config);
  const settings = mergeSettings(
    {
      migrations: argv.migrations,
      replayCmd: argv.replayCmd,
      scratch: argv.scratch,
      schemas: argv.schema,
      excludeSchemas: argv.excludeSchema,
      excludeTables: argv.excludeTable,
      excludeObjects: argv.excludeObject,
      failOn: argv.failOn as Severity | undefined,
      formats: argv.format?.length ? argv.format : undefined,
      outputs: argv.output,
      waivers: argv.waivers,
      searchPath: argv.searchPath,
    },
    loaded,
    cwd,
  );
  const waivers = options.waivers === false ? undefined : await loadEffectiveWaivers(settings);
  return { settings, ...(waivers !== undefined && { waivers }) };
}

/** The comparison part of the settings, ready to spread into `check` / `diff` / `verifySchema`. */
export function comparisonSettings({ settings, waivers }: Configured): CompareSettings {
  const { schemas, excludeSchemas, excludeTables, excludeObjects, severities } = settings;
  return { schemas, excludeSchemas, excludeTables, excludeObjects, severities, waivers };
}

/**
 * The report's warnings on stderr, or, under GitHub Actions, workflow commands that the runner
 * turns into annotations (on the migration file and line where the cause is known). Always
 * stderr: stdout may carry a JSON or Markdown report.
 */
export function reportDiagnostics(report: Report, env: NodeJS.ProcessEnv = process.env): void {
  if (env.GITHUB_ACTIONS === 'true') {
    clearProgress();
    process.stderr.write(renderAnnotations(report));
    return;
  }
  for (const w of report.warnings) warn(w);
}

/** `--scratch` (or the config file's `scratch`) as a spec; embedded when neither says. */
export function scratchFrom(value: string | undefined): ScratchSpec {
  return parseScratchSpec(value ?? 'embedded');
}
