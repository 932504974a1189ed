import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { Severity } from '../model/finding.js';
import type { Waiver } from '../model/waiver.js';
import type { CompareSettings } from '../compare/pipeline.js';
import type { ReportFormat } from '../report/formats.js';
import { DEFAULT_WAIVERS_FILE, loadWaivers } from '../waivers/file.js';
import type { LoadedConfig } from './file.js';
import { parseSearchPath, type ReplaySchemas } from './search-path.js';

/** The comparison settings a config file can hold as well as the command line (severities: the file only). */
export type ConfigurableComparison = Pick<CompareSettings, 'schemas' | 'excludeSchemas' | 'excludeTables' | 'excludeObjects' | 'severities'>;

/** What was given on the command line: undefined means "not given", so the config file may fill it. */
export interface CommandLineSettings extends ConfigurableComparison {
  readonly migrations?: string;
  readonly replayCmd?: string;
  readonly scratch?: string;
  readonly failOn?: Severity;
  readonly formats?: readonly ReportFormat[];
  readonly outputs?: readonly string[];
  readonly waivers?: string;
  readonly searchPath?: readonly string[];
}

/** The settings in force: command line over config file over defaults. */
export interface EffectiveSettings extends ConfigurableComparison {
  readonly migrations?: string;
  readonly replayCmd?: string;
  /** Where `replayCmd` runs: the config file's directory when the command comes from it, else the current one. */
  readonly replayCwd: string;
  readonly scratch: string;
  readonly failOn: Severity;
  readonly formats?: readonly ReportFormat[];
  readonly outputs?: readonly string[];
  readonly historyTable?: string;
  /** `--search-path` over the config file's `searchPath`: the schemas a migrations replay runs in. */
  readonly searchPath?: ReplaySchemas;
  /** The waiver file to read, if any: `explicit` ones must exist, the default one is used only when present. */
  readonly waiversFile?: { readonly path: string; readonly label: string; readonly explicit: boolean };
}

/**
 * Merge the command line with the config file. A flag replaces the config value (lists are
 * replaced, not merged); `--migrations` and `--replay-cmd` are one choice, so either flag
 * replaces both config keys; `--format` replaces the config's `format`. Paths in the config
 * file are relative to its directory.
 */
export function mergeSettings(cli: CommandLineSettings, loaded: LoadedConfig | undefined, cwd: string): EffectiveSettings {
  const config = loaded?.config ?? {};
  const fromConfig = (path: string): string => shownPath(resolve(loaded?.dir ?? cwd, path), cwd);
  const replayFromCli = cli.migrations !== undefined || cli.replayCmd !== undefined;
  const migrations = replayFromCli ? cli.migrations : config.migrations !== undefined ? fromConfig(config.migrations) : undefined;
  const replayCmd = replayFromCli ? cli.replayCmd : config.replayCmd;
  const formats = cli.formats ?? (config.format !== undefined ? [config.format] : undefined);
  const waiversFile =
    cli.waivers !== undefined
      ? { path: resolve(cwd, cli.waivers), label: cli.waivers, explicit: true }
      : config.waivers !== undefined
        ? { path: resolve(loaded!.dir, config.waivers), label: fromConfig(config.waivers), explicit: true }
        : defaultWaivers(loaded?.dir ?? cwd, cwd);
  const searchPath = parseSearchPath(cli.searchPath) ?? parseSearchPath(config.searchPath, 'config key searchPath');
  return {
    migrations,
    replayCmd,
    ...(searchPath ? { searchPath } : {}),
    replayCwd: !replayFromCli && config.replayCmd !== undefined && loaded ? loaded.dir : cwd,
    scratch: cli.scratch ?? config.scratch ?? 'embedded',
    schemas: cli.schemas ?? config.schemas,
    excludeSchemas: cli.excludeSchemas ?? config.excludeSchemas,
    excludeTables: cli.excludeTables ?? config.excludeTables,
    excludeObjects: cli.excludeObjects ?? config.excludeObjects,
    severities: config.severities,
    failOn: cli.failOn ?? config.failOn ?? 'error',
    formats,
    outputs: cli.outputs,
    historyTable: config.historyTable,
    waiversFile,
  };
}

/** The waivers to apply, or undefined when there is no waiver file (a named one that is missing is an error). */
export async function loadEffectiveWaivers(settings: EffectiveSettings): Promise<Waiver[] | undefined> {
  const file = settings.waiversFile;
  if (!file) return undefined;
  if (!file.explicit && !existsSync(file.path)) return undefined;
  return loadWaivers(file.path, file.label);
}

function defaultWaivers(dir: string, cwd: string): EffectiveSettings['waiversFile'] {
  const path = join(dir, DEFAULT_WAIVERS_FILE);
  return existsSync(path) ? { path, label: shownPath(path, cwd), explicit: false } : undefined;
}

/** Relative to the current directory when below it (as a user would type it), absolute otherwise. */
function shownPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}
