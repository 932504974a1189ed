import type { z } from 'zod';
import { closest } from '../text/closest.js';
import { jsonSyntaxErrorPosition } from '../text/json-syntax.js';
import { ConfigError } from '../model/errors.js';

export interface ValidationContext {
  /** How the file is named in messages (`pgparity.config.json`, `package.json`). */
  readonly label: string;
  /** Path of the validated value inside the file (`['pgparity']` in package.json). */
  readonly prefix?: readonly PropertyKey[];
  /** The keys allowed in the object at `path`, to suggest one for a misspelt key. */
  readonly knownKeys?: (path: readonly PropertyKey[]) => readonly string[];
}

/**
 * Validate a parsed JSON file; on the first problem zod finds, a one-line ConfigError that names
 * the file and the key: `pgparity.config.json: failOn must be one of error, warning, info (got "fatal")`.
 */
export function parseWith<S extends z.ZodType>(schema: S, raw: unknown, context: ValidationContext): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new ConfigError(`${context.label}: ${describeIssue(issue, raw, context)}`);
}

/** `JSON.parse` with the error as `LABEL: not valid JSON (…, line L column C)`. */
export function parseJsonText(text: string, label: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Where it goes wrong is found by one walker for every JSON file we read (src/text/json-syntax.ts): Node's message does not always say.
    const { line, column } = jsonSyntaxErrorPosition(text);
    throw new ConfigError(
      `${label}: not valid JSON (${message.replace(/ in JSON at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)$/, '')}, line ${line} column ${column})`,
    );
  }
}

function describeIssue(issue: z.core.$ZodIssue, raw: unknown, context: ValidationContext): string {
  const full = [...(context.prefix ?? []), ...issue.path];
  const where = formatPath(full);
  const got = valueAt(raw, issue.path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const key = issue.keys[0]!;
      const suggestion = closest(key, context.knownKeys?.(issue.path) ?? []);
      return `unknown key ${formatPath([...full, key])}${suggestion ? ` (did you mean ${suggestion}?)` : ''}`;
    }
    case 'invalid_value':
      return `${where} must be one of ${issue.values.map(String).join(', ')} (got ${show(got)})`;
    case 'invalid_type':
      return got === undefined ? `${where} is required` : `${where} must be ${typeName(issue.expected)} (got ${show(got)})`;
    case 'too_small':
      return issue.origin === 'string'
        ? `${where} must not be empty`
        : `${where} must have at least ${String(issue.minimum)} item${issue.minimum === 1 ? '' : 's'}`;
    default:
      // Our own refinements phrase their message to follow the key: "must be a date as YYYY-MM-DD";
      // those about the key itself (`params.aboutKey`) have no value worth showing.
      return issue.code === 'custom' && issue.params?.aboutKey ? `${where} ${issue.message}` : `${where} ${issue.message} (got ${show(got)})`;
  }
}

/** `failOn`, `excludeTables[1]`, `severities["changed.column.default"]`, `pgparity.failOn`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_$][\w$]*$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out === '' ? 'the file' : out;
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let value = raw;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function typeName(expected: string): string {
  switch (expected) {
    case 'array':
      return 'a list';
    case 'object':
    case 'record':
      return 'an object';
    case 'int':
      return 'an integer';
    default:
      return `a ${expected}`;
  }
}
