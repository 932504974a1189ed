import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, test } from 'vitest';
import { ROOT } from './support/cli.js';

const run = promisify(execFile);
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let dir: string | undefined;
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run the installed `pgparity` of the temp project, as a user of the npm package would. */
async function pgparity(app: string, args: readonly string[]): Promise<Outcome> {
  const bin = join(app, 'node_modules', '.bin', 'pgparity');
  try {
    const { stdout, stderr } = await run(bin, [...args], { cwd: app, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/**
 * The package as npm publishes it works on its own: packed from the build, installed into an
 * empty project that has none of this repository's node_modules, and run from there.
 */
test('the packed package installs into an empty project and runs --version, demo and snapshot', async (context) => {
  dir = await mkdtemp(join(tmpdir(), 'pgparity-package-'));
  const { stdout: packed } = await run(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
  const tarball = join(dir, (JSON.parse(packed) as { filename: string }[])[0]!.filename);
  const app = join(dir, 'app');
  await mkdir(app);
  await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'uses-pgparity', version: '1.0.0', private: true }));
  try {
    await run(NPM, ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], { cwd: app, maxBuffer: 64 * 1024 * 1024, timeout: 240_000 });
  } catch (error) {
    const text = String((error as { stderr?: string }).stderr ?? error);
    if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|network/i.test(text)) {
      console.log(
        `skipped: the npm registry cannot be reached to install the package's dependencies (${text.split('\n').find((l) => /ERR/.test(l)) ?? 'network error'})`,
      );
      context.skip();
    }
    throw error;
  }
  expect(await readdir(join(app, 'node_modules', 'pgparity'))).toEqual(expect.arrayContaining(['dist', 'package.json', 'README.md']));

  const version = await pgparity(app, ['--version']);
  const { version: packageVersion } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  expect(version).toEqual({ code: 0, stdout: `${packageVersion}\n`, stderr: '' });

  // The demo builds a drifted live database from a bundled scenario: drift, exit 1.
  const demo = await pgparity(app, ['demo', '--quiet']);
  expect(demo.stderr).toBe('');
  expect(demo.code).toBe(1);
  expect(demo.stdout).toContain('Scenario create-all:');
  expect(demo.stdout).toContain('Exit code 1, as `pgparity check` gives it.');

  // A migrations directory replayed into the embedded scratch server, written as a snapshot.
  const migrations = join(app, 'migrations');
  await mkdir(migrations);
  await writeFile(join(migrations, '001_users.sql'), 'create table users (id bigint primary key, email text not null);\n');
  const snapshot = await pgparity(app, ['snapshot', 'migrations', '--quiet']);
  expect(snapshot.stderr).toBe('');
  expect(snapshot.code).toBe(0);
  const tables = (JSON.parse(snapshot.stdout) as { objects: { kind: string; schema: string; name: string }[] }).objects.filter((o) => o.kind === 'table');
  expect(tables.map((t) => `${t.schema}.${t.name}`)).toEqual(['public.users']);
}, 600_000);
