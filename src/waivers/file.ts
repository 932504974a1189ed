import { readFile } from 'node:fs/promises';
import { ConfigError } from '../model/errors.js';
import type { Waiver } from '../model/waiver.js';
import { parseJsonText } from '../config/validation.js';

/** Used when present in the directory of the config file (else the current one), unless `--waivers` or the config names another. */
export const DEFAULT_WAIVERS_FILE = 'pgparity.waivers.json';

/** Read and validate a waiver file; `label` is how messages name it. */
export async function loadWaivers(path: string, label: string = path): Promise<Waiver[]> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new ConfigError(`waiver file ${label}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  });
  // Its validation (zod) is loaded only when there is a waiver file to validate.
  const { parseWaivers } = await import('./schema.js');
  return parseWaivers(parseJsonText(text, label), label);
}
