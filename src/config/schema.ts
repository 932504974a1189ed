import { z } from 'zod';
import { FINDING_KINDS } from '../model/finding.js';
import { parseObjectPattern } from '../compare/exclude.js';
import { REPORT_FORMATS } from '../report/formats.js';
import { parseScratchSpec } from '../scratch/index.js';
import { severityRuleProblem, type PgparityConfig } from './file.js';
import { parseWith } from './validation.js';

/**
 * How a config file (file.ts' CONFIG_FILES, or package.json's `pgparity` key) is validated; file.ts
 * loads this module (and zod with it) only when there is one.
 */

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
    searchPath: names.optional(),
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

function isScratchSpec(value: string): boolean {
  try {
    parseScratchSpec(value);
    return true;
  } catch {
    return false;
  }
}
