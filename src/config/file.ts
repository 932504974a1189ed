import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../model/errors.js';
import type { Severity } from '../model/finding.js';
import { FINDING_KINDS } from '../model/finding.js';
import { parseObjectPattern } from '../compare/exclude.js';
import type { SeverityOverrides } from '../compare/severity.js';
import { REPORT_FORMATS, type ReportFormat } from '../report/formats.js';
import { parseScratchSpec } from '../scratch/index.js';
import { parseJsonText, parseWith } from './validation.js';

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

const SEVERITIES = ['error', 'warning', 'info'] as const;
const nonEmpty = z.string().min(1);
const names = z.array(nonEmpty);

const configSchema = z
  .strictObject({
    $schema: z.string().optional(),
    migrations: nonEmpty.optional(),
    replayCmd: nonEmpty.optional(),
    scratch: nonEmpty.refine(isScratchSpec, 'must be embedded, embedded:MAJOR, docker, docker:IMAGE or a postgres:// URL').optional(),
    schemas: names.optional(),
    excludeSchemas: names.optional(),
    excludeTables: names.optional(),
    excludeObjects: z
      .array(nonEmpty.refine((p) => parseObjectPattern(p) !== undefined, `must be [kind:]pattern with kind one of ${FINDING_KINDS.join(', ')}`))
      .optional(),
    severities: z
      .record(z.string(), z.enum(SEVERITIES))
      .superRefine((rules, ctx) => {
        for (const key of Object.keys(rules)) {
          const problem = severityRuleProblem(key);
          if (problem) ctx.addIssue({ code: 'custom', path: [key], message: problem, params: { aboutKey: true } });
        }
      })
      .optional(),
    failOn: z.enum(SEVERITIES).optional(),
    format: z.enum(REPORT_FORMATS).optional(),
    historyTable: nonEmpty
      .regex(/^(?:[A-Za-z_][\w$]*\.)?[A-Za-z_][\w$]*$/, 'must be a table name, optionally schema-qualified: public.schema_migrations')
      .optional(),
    waivers: nonEmpty.optional(),
  })
  .superRefine((config, ctx) => {
    if (config.migrations !== undefined && config.replayCmd !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['replayCmd'], message: 'cannot be set together with migrations: keep one of them', params: { aboutKey: true } });
    }
  });

const KNOWN_KEYS = Object.keys(configSchema.shape);

/** Validate a parsed config object: one-line ConfigError naming the key on the first problem. */
export function parseConfig(raw: unknown, label: string, prefix: readonly PropertyKey[] = []): PgparityConfig {
  const parsed = parseWith(configSchema, raw, { label, prefix, knownKeys: (path) => (path.length === 0 ? KNOWN_KEYS : []) });
  const { $schema: _ignored, ...config } = parsed;
  return config as PgparityConfig;
}

/**
 * The config file: `explicit` (`--config FILE`) when given, which must exist; else the first
 * of CONFIG_FILES in `cwd`, else a `pgparity` key in `cwd`'s package.json; else none.
 */
export async function loadConfig(cwd: string, explicit?: string): Promise<LoadedConfig | undefined> {
  if (explicit !== undefined) {
    const text = await readFile(resolve(cwd, explicit), 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new ConfigError(`--config ${explicit}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
    });
    return fromText(text, explicit, dirname(resolve(cwd, explicit)), explicit.endsWith('package.json'));
  }
  for (const name of CONFIG_FILES) {
    const text = await readOptional(join(cwd, name));
    if (text !== undefined) return fromText(text, name, cwd, false);
  }
  const pkg = await readOptional(join(cwd, 'package.json'));
  if (pkg !== undefined) {
    const json = parseJsonText(pkg, 'package.json');
    if (json !== null && typeof json === 'object' && 'pgparity' in json) {
      return { label: 'package.json', dir: cwd, config: parseConfig((json as { pgparity: unknown }).pgparity, 'package.json', ['pgparity']) };
    }
  }
  return undefined;
}

function fromText(text: string, label: string, dir: string, isPackageJson: boolean): LoadedConfig {
  const json = parseJsonText(text, label);
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

function isScratchSpec(value: string): boolean {
  try {
    parseScratchSpec(value);
    return true;
  } catch {
    return false;
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
