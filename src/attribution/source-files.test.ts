import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ConfigError } from '../model/errors.js';
import { MAX_SOURCE_BYTES, readSourceFiles } from './source-files.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'pgparity-sources-'));
  const files: Record<string, string> = {
    'src/db.ts': 'x',
    'src/types.d.ts': 'x',
    'src/db.test.ts': 'x',
    'src/app.min.js': 'x',
    'src/README.md': 'x',
    'api/models.py': 'x',
    'api/test_models.py': 'x',
    'node_modules/orm/index.js': 'x',
    'dist/db.js': 'x',
    'migrations/0001.js': 'x',
    'tests/helpers.ts': 'x',
    'app/testing/factories.py': 'x',
    'app/spec/models.spec.ts': 'x',
    'app/conftest.py': 'x',
    'app/store_test.py': 'x',
    'env/pyvenv.cfg': 'home = /usr',
    'env/lib/site.py': 'x',
    'big.js': 'x'.repeat(MAX_SOURCE_BYTES + 1),
  };
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), text);
  }
  await symlink(root, join(root, 'src', 'loop'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

test('reads application sources only: no dependencies, builds, virtualenvs, migrations, tests or links', async () => {
  const { files, skipped } = await readSourceFiles([root]);
  expect(files.map((f) => relative(root, f.file)).sort()).toEqual(['api/models.py', 'src/db.ts']);
  const tests = 'test code, not the application: left out (--include-test-code scans it)';
  expect(skipped.map((s) => [relative(root, s.file), s.reason])).toEqual([
    ['api/test_models.py', tests],
    ['app/conftest.py', tests],
    ['app/spec', tests],
    ['app/store_test.py', tests],
    ['app/testing', tests],
    ['src/db.test.ts', tests],
    ['tests', tests],
    ['big.js', 'larger than 1 MiB'],
  ]);
});

test('test code is read when asked for', async () => {
  const { files } = await readSourceFiles([root], [], { includeTests: true });
  expect(files.map((f) => relative(root, f.file)).sort()).toEqual([
    'api/models.py',
    'api/test_models.py',
    'app/conftest.py',
    'app/spec/models.spec.ts',
    'app/store_test.py',
    'app/testing/factories.py',
    'src/db.test.ts',
    'src/db.ts',
    'tests/helpers.ts',
  ]);
});

test('a path that does not exist is a configuration error', async () => {
  await expect(readSourceFiles([join(root, 'nope')])).rejects.toThrow(ConfigError);
});
