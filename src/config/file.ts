import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { ConfigError } from '../model/errors.js';
import type { Severity } from '../model/finding.js';
import { FINDING_KINDS } from '../model/finding.js';
import type { SeverityOverrides } from '../compare/severity.js';
import type { ReportFormat } from '../report/formats.js';
import { parseJsonText } from './validation.js';

/**
 * `pgparity.config.json`, `.pgparityrc.json` or the `pgparity` key of `package.json`:
 * the settings a project would otherwise repeat on every command line. Paths are
 * relative to the file's directory. Flags given on the command line win.
 */
export interface PgparityConfig {
  readonly migrations?: string;
  readonly replayCmd?: string;
  readonly scratch?: string;
  readonly schemas?: readonly string[];
  readonly excludeSchemas?: readonly string[];
  readonly excludeTables?: readonly string[];
  readonly excludeObjects?: readonly string[];
  /** Keyed like DEFAULT_SEVERITIES: `changed.column.default`, `extra.index`, `changed.*.comment`. */
  readonly severities?: SeverityOverrides;
  readonly failOn?: Severity;
  readonly format?: ReportFormat;
  /** The migration history table (`public.schema_migrations`); read by `pgparity history`. */
  readonly historyTable?: string;
  /** Schemas the replay creates and puts first in search_path (see --search-path). */
  readonly searchPath?: readonly string[];
  /** The waiver file. */
  readonly waivers?: string;
}

export interface LoadedConfig {
  /** The file as messages name it. */
  readonly label: string;
  /** Absolute directory the file's paths are relative to. */
  readonly dir: string;
  readonly config: PgparityConfig;
}

/** Looked for in this order in the current directory; the first one found is used. */
export const CONFIG_FILES = ['pgparity.config.json', '.pgparityrc.json'] as const;

/**
 * The config file: `explicit` (`--config FILE`) when given, which must exist; else the first
 * of CONFIG_FILES in `cwd`, else a `pgparity` key in `cwd`'s package.json; else none.
 */
export async function loadConfig(cwd: string, explicit?: string): Promise<LoadedConfig | undefined> {
  if (explicit !== undefined) {
    const text = await readFile(resolve(cwd, explicit), 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new ConfigError(`--config ${explicit}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
    });
    return await fromText(text, explicit, dirname(resolve(cwd, explicit)), explicit.endsWith('package.json'));
  }
  for (const name of CONFIG_FILES) {
    const text = await readOptional(join(cwd, name));
    if (text !== undefined) return await fromText(text, name, cwd, false);
  }
  const pkg = await readOptional(join(cwd, 'package.json'));
  if (pkg !== undefined) {
    const json = parseJsonText(pkg, 'package.json');
    if (json !== null && typeof json === 'object' && 'pgparity' in json) {
      const { parseConfig } = await import('./schema.js');
      return { label: 'package.json', dir: cwd, config: parseConfig((json as { pgparity: unknown }).pgparity, 'package.json', ['pgparity']) };
    }
  }
  return undefined;
}

/** Its validation (zod, the scratch and pattern parsers) is loaded only when there is a config to validate. */
async function fromText(text: string, label: string, dir: string, isPackageJson: boolean): Promise<LoadedConfig> {
  const json = parseJsonText(text, label);
  const { parseConfig } = await import('./schema.js');
  if (!isPackageJson) return { label, dir, config: parseConfig(json, label) };
  const section = json !== null && typeof json === 'object' ? (json as { pgparity?: unknown }).pgparity : undefined;
  if (section === undefined) throw new ConfigError(`${label}: has no "pgparity" key`);
  return { label, dir, config: parseConfig(section, label, ['pgparity']) };
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigError(`cannot read ${path}: ${(error as Error).message}`);
  }
}

const CHANGES = ['missing', 'extra', 'changed', 'hazard'];

/**
 * Why a severity key would never match a finding, or undefined: `change`, `change.kind`,
 * `changed.kind.attribute` or `changed.*.attribute` (only `changed` findings have attributes).
 */
export function severityRuleProblem(key: string): string | undefined {
  const [change, kind, attribute, ...rest] = key.split('.');
  const shape = 'is not a severity rule: use change[.kind][.attribute], e.g. "extra.index" or "changed.column.default"';
  if (!CHANGES.includes(change!) || rest.length > 0) return shape;
  if (kind === undefined) return undefined;
  if (kind !== '*' && !(FINDING_KINDS as readonly string[]).includes(kind))
    return `names no finding kind "${kind}": use one of ${FINDING_KINDS.join(', ')} or *`;
  if (attribute === undefined) return kind === '*' ? shape : undefined;
  if (change !== 'changed') return `has an attribute, but only changed findings have one: use "changed.${kind}.${attribute}" or "${change}.${kind}"`;
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(attribute)) return shape;
  return undefined;
}
