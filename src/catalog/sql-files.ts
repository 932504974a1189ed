import { readdir, readFile } from 'node:fs/promises';

const SQL_DIR = new URL('./sql/', import.meta.url);

let fileNames: Promise<readonly string[]> | undefined;
const texts = new Map<string, Promise<string>>();

/**
 * The SQL for `query` on a server of major version `major`: the `<query>.pg<NN>.sql` variant with
 * the highest NN <= major, else `<query>.sql`. Files are read once per process.
 */
export async function loadQuery(query: string, major: number): Promise<string> {
  fileNames ??= readdir(SQL_DIR);
  const file = pickVariant(await fileNames, query, major);
  let text = texts.get(file);
  if (!text) {
    text = readFile(new URL(file, SQL_DIR), 'utf8');
    texts.set(file, text);
  }
  return text;
}

export function pickVariant(files: readonly string[], query: string, major: number): string {
  let best: { file: string; version: number } | undefined;
  for (const file of files) {
    if (!file.startsWith(`${query}.pg`) || !file.endsWith('.sql')) continue;
    const version = Number(file.slice(query.length + 3, -4));
    if (Number.isInteger(version) && version <= major && (!best || version > best.version)) best = { file, version };
  }
  return best?.file ?? `${query}.sql`;
}
