import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import { ROOT } from './support/cli.js';

const run = promisify(execFile);

test('docs/cli.md is what the commands say of themselves (node scripts/cli-reference.mjs)', async () => {
  const result = await run(process.execPath, [join(ROOT, 'scripts/cli-reference.mjs'), '--check']).then(
    () => ({ code: 0, stderr: '' }),
    (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
  );
  expect(result).toEqual({ code: 0, stderr: '' });
});

test('every relative link of the README and docs/ points at a file that exists', async () => {
  const pages = ['README.md', ...(await readdir(join(ROOT, 'docs'))).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
  const broken: string[] = [];
  for (const page of pages) {
    const text = await readFile(join(ROOT, page), 'utf8');
    for (const [, target] of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
      if (/^[a-z]+:/.test(target!)) continue;
      if (!existsSync(join(ROOT, dirname(page), target!))) broken.push(`${page} → ${target}`);
    }
  }
  expect(broken).toEqual([]);
});
