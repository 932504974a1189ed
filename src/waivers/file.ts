import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ConfigError } from '../model/errors.js';
import { FINDING_KINDS } from '../model/finding.js';
import type { Waiver } from '../model/waiver.js';
import { parseJsonText, parseWith } from '../config/validation.js';

/** Used when present in the directory of the config file (else the current one), unless `--waivers` or the config names another. */
export const DEFAULT_WAIVERS_FILE = 'pgparity.waivers.json';

const nonEmpty = z.string().min(1);
const isoDate = nonEmpty.refine(isIsoDate, 'must be a date as YYYY-MM-DD');

const waiverSchema = z.strictObject({
  key: nonEmpty,
  change: z.enum(['missing', 'extra', 'changed', 'hazard']).optional(),
  kind: z.enum(FINDING_KINDS).optional(),
  attribute: nonEmpty.optional(),
  reason: nonEmpty,
  owner: nonEmpty,
  expires: isoDate,
});

const fileSchema = z.strictObject({ $schema: z.string().optional(), waivers: z.array(waiverSchema) });
const FILE_KEYS = Object.keys(fileSchema.shape);
const WAIVER_KEYS = Object.keys(waiverSchema.shape);

/** Validate a parsed waiver file: a one-line ConfigError naming the entry and key on the first problem. */
export function parseWaivers(raw: unknown, label: string): Waiver[] {
  const parsed = parseWith(fileSchema, raw, { label, knownKeys: (path) => (path.length === 0 ? FILE_KEYS : WAIVER_KEYS) });
  return parsed.waivers.map((w) => ({
    key: w.key,
    ...(w.change !== undefined && { change: w.change }),
    ...(w.kind !== undefined && { kind: w.kind }),
    ...(w.attribute !== undefined && { attribute: w.attribute }),
    reason: w.reason,
    owner: w.owner,
    expires: w.expires,
  }));
}

/** Read and validate a waiver file; `label` is how messages name it. */
export async function loadWaivers(path: string, label: string = path): Promise<Waiver[]> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new ConfigError(`waiver file ${label}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  });
  return parseWaivers(parseJsonText(text, label), label);
}

function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === value;
}
