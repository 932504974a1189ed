import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TOOL } from '../version.js';

/** The code that runs: `src/` under tsx, `dist/` when built. */
const CODE_ROOT = fileURLToPath(new URL('../', import.meta.url));
const CODE_FILE = /\.(?:js|mjs|ts|sql)$/;
const NOT_CODE = /\.(?:test|d)\.ts$/;

let memo: Promise<string> | undefined;

/**
 * The pgparity version and a hash of its code (every module and catalog query). A replay or an
 * introspection by different code may give a different snapshot, and a version number alone does
 * not change between two builds of a working tree.
 */
export function codeFingerprint(): Promise<string> {
  memo ??= hashCode();
  return memo;
}

async function hashCode(): Promise<string> {
  const hash = createHash('sha256').update(`${TOOL.name}@${TOOL.version}\0`);
  const files = (await readdir(CODE_ROOT, { recursive: true }))
    .filter((file) => CODE_FILE.test(file) && !NOT_CODE.test(file))
    .map((file) => relative(CODE_ROOT, join(CODE_ROOT, file)).split('\\').join('/'))
    .sort();
  const contents = await Promise.all(files.map((file) => readFile(join(CODE_ROOT, file))));
  files.forEach((file, i) => {
    hash.update(`${file}\0${contents[i]!.length}\0`).update(contents[i]!);
  });
  return `${TOOL.version}+${hash.digest('hex').slice(0, 16)}`;
}
