import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from '../model/errors.js';
import { displayPath } from './discover.js';

/** What one Flyway settings file says about schemas: `schemas` (created if missing) and `defaultSchema`. */
export interface FlywaySchemas {
  readonly schemas: readonly string[];
  readonly defaultSchema?: string;
  /** The file, as the user would type its path. */
  readonly file: string;
}

/** Where a Flyway project keeps its settings, relative to each directory from the migrations upward, in precedence order. */
const SETTINGS_FILES = [
  'flyway.conf',
  'conf/flyway.conf',
  'flyway.toml',
  'application.properties',
  'application.yml',
  'application.yaml',
  'src/main/resources/application.properties',
  'src/main/resources/application.yml',
  'src/main/resources/application.yaml',
];

/** A directory holding one of these is a project's root: the search upward stops there (after reading it). */
const PROJECT_ROOT_MARKERS = ['.git', 'package.json', 'pom.xml', 'build.gradle', 'build.gradle.kts'];

/**
 * The Flyway schema settings found from `directory` upward (nearest directory first, then the
 * SETTINGS_FILES order), up to the project's root or the filesystem's: every file that sets
 * `schemas` or `defaultSchema`.
 */
export async function findFlywaySchemas(directory: string): Promise<FlywaySchemas[]> {
  const found: FlywaySchemas[] = [];
  for (let dir = directory; ; dir = dirname(dir)) {
    for (const name of SETTINGS_FILES) {
      const path = join(dir, name);
      const text = await readFile(path, 'utf8').catch(() => undefined);
      if (text === undefined) continue;
      const settings = schemasIn(name, text, displayPath(path));
      if (settings) found.push(settings);
    }
    const atRoot = (
      await Promise.all(
        PROJECT_ROOT_MARKERS.map((m) =>
          stat(join(dir, m)).then(
            () => true,
            () => false,
          ),
        ),
      )
    ).some(Boolean);
    if (atRoot || dirname(dir) === dir) return found;
  }
}

function schemasIn(name: string, text: string, file: string): FlywaySchemas | undefined {
  let schemas: unknown;
  let defaultSchema: unknown;
  if (name.endsWith('.conf')) {
    const keys = properties(text);
    [schemas, defaultSchema] = [
      placeholdersResolved(keys.get('flyway.schemas'), 'flyway.schemas', file),
      placeholdersResolved(keys.get('flyway.defaultSchema'), 'flyway.defaultSchema', file),
    ];
  } else if (name.endsWith('.toml')) {
    const [list, chosen] = tomlFlyway(text);
    [schemas, defaultSchema] = [list?.map((s) => placeholdersResolved(s, 'schemas', file)), placeholdersResolved(chosen, 'defaultSchema', file)];
  } else if (name.endsWith('.properties')) {
    const keys = properties(text);
    [schemas, defaultSchema] = [keys.get('spring.flyway.schemas'), keys.get('spring.flyway.default-schema') ?? keys.get('spring.flyway.defaultSchema')];
    [schemas, defaultSchema] = [
      placeholdersResolved(schemas, 'spring.flyway.schemas', file),
      placeholdersResolved(defaultSchema, 'spring.flyway.default-schema', file),
    ];
  } else {
    const flyway = yamlFlyway(text);
    schemas = placeholdersResolved(flyway?.schemas, 'spring.flyway.schemas', file);
    defaultSchema = placeholdersResolved(flyway?.['default-schema'] ?? flyway?.defaultSchema, 'spring.flyway.default-schema', file);
  }
  const list = (Array.isArray(schemas) ? schemas.map(String) : typeof schemas === 'string' ? schemas.split(',') : [])
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const chosen = typeof defaultSchema === 'string' && defaultSchema.trim() !== '' ? defaultSchema.trim() : undefined;
  if (list.length === 0 && chosen === undefined) return undefined;
  return { schemas: list, ...(chosen !== undefined ? { defaultSchema: chosen } : {}), file };
}

/** `key=value` / `key: value` lines of a Java properties file (comments and blank lines skipped). */
function properties(text: string): Map<string, string> {
  const keys = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([^#!\s=:][^=:\s]*)\s*[=:]\s*(.*?)\s*$/.exec(line);
    if (match) keys.set(match[1]!, match[2]!);
  }
  return keys;
}

/**
 * `schemas = ["a", "b"]` and `defaultSchema = "a"` of a flyway.toml: in `[flyway]`, else in the
 * environment `[flyway] environment = "x"` names (`[environments.x]`), else `[environments.default]`,
 * else the first environment. Arrays may span lines.
 */
function tomlFlyway(text: string): [string[] | undefined, string | undefined] {
  const sections = new Map<string, Map<string, string>>();
  const set = (section: string, key: string, value: string) => (sections.get(section) ?? sections.set(section, new Map()).get(section)!).set(key, value);
  let current = '';
  let open: { key: string; value: string } | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (open) {
      open.value += ` ${line}`;
      if (/\]\s*(?:#.*)?$/.test(line)) {
        set(current, open.key, open.value);
        open = undefined;
      }
      continue;
    }
    const header = /^\s*\[\s*([^\]]+?)\s*\]\s*(?:#.*)?$/.exec(line);
    if (header) {
      current = header[1]!.replace(/["']/g, '');
      continue;
    }
    const pair = /^\s*([\w.-]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (!pair) continue;
    if (pair[2]!.startsWith('[') && !pair[2]!.includes(']')) open = { key: pair[1]!, value: pair[2]! };
    else set(current, pair[1]!, pair[2]!);
  }
  const strings = (value: string | undefined) =>
    value === undefined ? undefined : [...value.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'/g)].map((m) => m[1] ?? m[2]!);
  const flyway = sections.get('flyway');
  const named = strings(flyway?.get('environment'))?.[0] ?? 'default';
  const environment = sections.get(`environments.${named}`) ?? [...sections.entries()].find(([name]) => name.startsWith('environments.'))?.[1];
  const value = (key: string) => flyway?.get(key) ?? environment?.get(key);
  return [strings(value('schemas')), strings(value('defaultSchema'))?.[0]];
}

/** The `spring.flyway` mapping of an application.yml (every document of it), nested or dotted. */
function yamlFlyway(text: string): Record<string, unknown> | undefined {
  for (const document of text.split(/^---\s*$/m)) {
    let parsed: unknown;
    try {
      parsed = parseYaml(document);
    } catch {
      continue;
    }
    if (parsed === null || typeof parsed !== 'object') continue;
    const root = parsed as Record<string, unknown>;
    const spring = (root.spring ?? {}) as Record<string, unknown>;
    const flyway = (spring.flyway ?? root['spring.flyway']) as Record<string, unknown> | undefined;
    const dotted = Object.fromEntries(
      ['schemas', 'default-schema', 'defaultSchema'].filter((k) => root[`spring.flyway.${k}`] !== undefined).map((k) => [k, root[`spring.flyway.${k}`]]),
    );
    const found = { ...dotted, ...(flyway && typeof flyway === 'object' ? flyway : {}) };
    if (found.schemas !== undefined || found['default-schema'] !== undefined || found.defaultSchema !== undefined) return found;
  }
  return undefined;
}

/**
 * A value with its `${VAR:default}` placeholders (Spring's; Flyway's configuration files take
 * `${VAR}` from the environment) resolved to their defaults; a placeholder without one leaves the
 * schema unknown, which is a one-line error saying how to give it.
 */
function placeholdersResolved(value: unknown, key: string, file: string): unknown {
  if (typeof value !== 'string') return value;
  return value.replace(/\$\{([^}:]*)(?::([^}]*))?\}/g, (whole, variable: string, fallback: string | undefined) => {
    if (fallback !== undefined) return fallback;
    throw new ConfigError(
      `${file}: ${key} is ${whole}, and ${variable} has no default there: the schema Flyway uses is not known; give it with --search-path SCHEMA (or "searchPath" in the config file)`,
    );
  });
}
