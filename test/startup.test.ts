import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TOOL } from '../src/version.js';
import { ROOT, runCli, type CliResult } from './support/cli.js';
import { createTestDatabase } from './support/database.js';

/**
 * `--version` and `--help` load yargs and the commands' option definitions, nothing more: each
 * command's handler, and with it pg, libpg-query, zod, yaml and the reports, loads when the command
 * runs (src/cli/main.ts). This checks what is loaded, not how long it takes (that is bench/startup.ts),
 * so an eager import of a handler or a heavy package from a definition module fails here.
 */

const MODULE_LOG = fileURLToPath(new URL('./support/module-log.mjs', import.meta.url));
const COMMANDS = ['check', 'diff', 'snapshot', 'history', 'preflight', 'stamp', 'verify', 'rehearse', 'fingerprint', 'merge', 'demo', 'cleanup'];
/** The only packages the help loads: the spinner (src/cli/console.ts, a few lines); yargs is bundled into dist/vendor. */
const START_UP_PACKAGES = ['yocto-spinner', 'yoctocolors'];

let dir: string;
let runs = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pgparity-startup-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

interface Loaded extends CliResult {
  /** Packages loaded, by name (`pg`, `@pgsql/types`). */
  readonly packages: string[];
  /** Our own modules loaded, relative to dist/ (`cli/check.js`). */
  readonly ours: string[];
}

async function loadedBy(args: readonly string[]): Promise<Loaded> {
  const log = join(dir, `modules-${++runs}.txt`);
  const result = await runCli(args, { nodeOptions: ['--import', MODULE_LOG], env: { PGPARITY_MODULE_LOG: log } });
  const urls = [...new Set((await readFile(log, 'utf8')).split('\n').filter((line) => line.startsWith('file:')))];
  const packages = urls.flatMap((url) => /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? []);
  const distRoot = pathToFileURL(join(ROOT, 'dist/')).href;
  const ours = urls.filter((url) => url.startsWith(distRoot)).map((url) => url.slice(distRoot.length));
  return { ...result, packages: [...new Set(packages)].sort(), ours: ours.sort() };
}

function expectOnlyDefinitions(loaded: Loaded): void {
  // yargs and the help layout come as one bundled file (scripts/bundle-yargs.mjs), not from node_modules.
  expect(loaded.packages).toEqual(START_UP_PACKAGES);
  expect(loaded.ours).toContain('vendor/yargs.js');
  expect(loaded.ours.filter((file) => file.startsWith('cli/handlers/') || file.startsWith('commands/'))).toEqual([]);
  expect(loaded.ours).toContain('cli/main.js');
}

describe('start-up loads only the command definitions', () => {
  test('--version (alone: not even yargs)', async () => {
    const loaded = await loadedBy(['--version']);
    expect(loaded.code).toBe(0);
    expect(loaded.stdout).toBe(`${TOOL.version}\n`);
    // The progress spinner main.ts clears on a failure, and its colours: no other package.
    expect(loaded.packages).toEqual(START_UP_PACKAGES);
    expect(loaded.ours).not.toContain('vendor/yargs.js');
    expect(loaded.ours.filter((file) => file.startsWith('cli/handlers/') || file.startsWith('commands/'))).toEqual([]);
  });

  test('--version among other arguments, as yargs answers it', async () => {
    const loaded = await loadedBy(['--version', '--debug']);
    expect(loaded.code).toBe(0);
    expect(loaded.stdout).toBe(`${TOOL.version}\n`);
    expectOnlyDefinitions(loaded);
  });

  test('--help', async () => {
    const loaded = await loadedBy(['--help']);
    expect(loaded.code).toBe(0);
    expect(loaded.stdout).toContain('pgparity <command> [options]');
    expectOnlyDefinitions(loaded);
  });

  test.each(COMMANDS)('%s --help', async (command) => {
    const loaded = await loadedBy([command, '--help']);
    expect(loaded.code).toBe(0);
    expect(loaded.stdout).toContain(`pgparity ${command}`);
    expectOnlyDefinitions(loaded);
  });

  test('a usage error yargs finds (--format xml) loads no handler either', async () => {
    const loaded = await loadedBy(['check', '--format', 'xml']);
    expect(loaded.code).toBe(2);
    expect(loaded.stderr).toBe('pgparity: --format "xml": expected one of text, json, junit, markdown, html\n');
    expectOnlyDefinitions(loaded);
  });
});

test('a command that runs loads its handler and what it needs (the log sees lazily loaded modules)', async () => {
  const loaded = await loadedBy(['snapshot', join(dir, 'missing.sql')]);
  expect(loaded.code).toBe(2);
  expect(loaded.stderr).toContain('does not exist');
  expect(loaded.ours).toContain('cli/handlers/snapshot.js');
  expect(loaded.packages).toContain('pg');
});

test('reading a database loads no replay, replay cache, SQL parser or config validation', async () => {
  const db = await createTestDatabase();
  try {
    await db.exec('create table t (id int primary key)');
    const loaded = await loadedBy(['snapshot', db.url, '-o', join(dir, 'snapshot.json')]);
    expect(loaded.stderr).toBe('');
    expect(loaded.code).toBe(0);
    expect(loaded.packages.filter((name) => ['zod', 'libpg-query', 'pgsql-deparser', 'yaml', 'testcontainers'].includes(name))).toEqual([]);
    expect(loaded.ours.filter((file) => /^(replay|cache|ddl|attribution)\/|^scratch\/embedded-major\.js$|^config\/schema\.js$/.test(file))).toEqual([]);
    expect(loaded.ours).toContain('catalog/introspect.js');
  } finally {
    await db.drop();
  }
});
