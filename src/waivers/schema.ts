import { z } from 'zod';
import { FINDING_KINDS } from '../model/finding.js';
import { waiverFields, type Waiver } from '../model/waiver.js';
import { parseWith } from '../config/validation.js';

/** How a waiver file is validated; file.ts loads this module (and zod with it) only when there is one. */

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
  return parsed.waivers.map(waiverFields);
}

function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === value;
}
