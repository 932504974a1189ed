import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A cache file in the making: `<final>.tmp-<random>`, renamed into place when complete. */
export function stagingName(path: string): string {
  return `${path}.tmp-${randomBytes(4).toString('hex')}`;
}

/** Write a file so that readers see either nothing or all of it. */
export async function writeAtomically(path: string, content: string): Promise<void> {
  const staged = stagingName(path);
  try {
    await writeFile(staged, content, { mode: 0o600 });
    await rename(staged, path);
  } catch (error) {
    await rm(staged, { force: true });
    throw error;
  }
}

/** The cache holds throwaway passwords and schemas: only its owner reads it. */
export async function ensureDir(path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: 0o700 });
}

/** Mark an entry as just used, for least-recently-used eviction. */
export async function touch(path: string): Promise<void> {
  const now = new Date();
  await utimes(path, now, now).catch(() => undefined);
}

const STALE_STAGING_MS = 60 * 60 * 1000;

/**
 * Keep the `keep` most recently used entries (files named `<key><suffix>`, with their companion
 * files `<key><other suffix>`), and remove staging files a crashed run left behind.
 */
export async function evict(dir: string, suffix: string, companions: readonly string[], keep: number): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const now = Date.now();
  const entries: { key: string; mtimeMs: number }[] = [];
  for (const name of names) {
    const info = await stat(join(dir, name)).catch(() => undefined);
    if (!info) continue;
    if (name.includes('.tmp-')) {
      if (now - info.mtimeMs > STALE_STAGING_MS) await rm(join(dir, name), { recursive: true, force: true });
    } else if (name.endsWith(suffix)) {
      entries.push({ key: name.slice(0, -suffix.length), mtimeMs: info.mtimeMs });
    }
  }
  entries.sort((a, b) => b.mtimeMs - a.mtimeMs);
  for (const { key } of entries.slice(keep)) {
    // The main file first: without it the entry is not found, whatever remains.
    await rm(join(dir, `${key}${suffix}`), { force: true });
    for (const companion of companions) await rm(join(dir, `${key}${companion}`), { force: true });
  }
}
