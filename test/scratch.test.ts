import { spawn, execFileSync } from 'node:child_process';
import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { connect } from '../src/db/connect.js';
import { targetUrl } from '../src/db/target.js';
import { adminTarget, createTestDatabase, type TestDatabase } from './support/database.js';
import { ROOT, runCli, scratchEntries } from './support/cli.js';

let live: TestDatabase;
beforeAll(async () => {
  live = await createTestDatabase();
  await live.exec('create table widgets (id int primary key, name text not null)');
});
afterAll(() => live.drop());

async function scratchDatabases(): Promise<string[]> {
  const client = await connect(adminTarget(), { readOnly: true });
  try {
    const { rows } = await client.query<{ datname: string }>("select datname from pg_database where datname like 'pgparity_scratch_%' order by 1");
    return rows.map((r) => r.datname);
  } finally {
    await client.end();
  }
}

/** A private TMPDIR per run shows whether a scratch server left anything behind. */
async function privateTmp(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pgparity-tmp-'));
  await chmod(dir, 0o755);
  return dir;
}

describe('--replay-cmd', () => {
  test("runs the framework's own command with DATABASE_URL, PG* and POSTGRES_* on the scratch database", async () => {
    const script = [
      "const pg = require('pg');",
      'const same = process.env.PGDATABASE === process.env.POSTGRES_DB && process.env.PGPORT === process.env.POSTGRES_PORT;',
      "if (!same) { console.error('PG* and POSTGRES_* disagree'); process.exit(1); }",
      'const c = new pg.Client({ connectionString: process.env.DATABASE_URL });',
      "c.connect().then(() => c.query('create table widgets (id int primary key, name text not null)')).then(() => c.end());",
    ].join(' ');
    const r = await runCli(['check', '--url', live.url, '--replay-cmd', `node -e "${script}"`, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ verdict: 'parity', expected: { source: expect.stringMatching(/^command:node -e/), provider: 'embedded' } });
  });

  test('a failing command exits 4 with its last line of stderr', async () => {
    const r = await runCli(['check', '--url', live.url, '--replay-cmd', 'echo "alembic.util.exc.CommandError: Can\'t locate revision" >&2; exit 1']);
    expect(r.code).toBe(4);
    // The scratch server that ran it is named too: a migration may fail on one major only.
    expect(r.stderr.split('\n')[0]).toMatch(
      /^pgparity: replay command "echo "alembic\.util\.exc\.CommandError: Can't locate revision" >&2; exit 1" exited with code 1: alembic\.util\.exc\.CommandError: Can't locate revision \(on embedded PostgreSQL \d+\.\d+\)$/,
    );
  });
});

describe('scratch on an existing server (--scratch URL)', () => {
  test('creates a uniquely named database and drops it afterwards', async () => {
    await writeMigration();
    const before = await scratchDatabases();
    const r = await runCli(['check', '--url', live.url, '--migrations', migrations, '--scratch', targetUrl(adminTarget()), '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).expected.provider).toBe('url');
    expect(await scratchDatabases()).toEqual(before);
  });
});

describe('cleanup', () => {
  test('on Ctrl-C the scratch server and its files are removed, exit 130', async () => {
    const tmp = await privateTmp();
    const child = spawn(process.execPath, [join(ROOT, 'dist/cli/main.js'), 'check', '--url', live.url, '--replay-cmd', 'sleep 30'], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', TMPDIR: tmp, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    // Wait until the scratch server is up and the replay command runs.
    for (let i = 0; i < 100 && !(await sleepRunningUnder(child.pid!)); i++) await delay(100);
    expect((await scratchEntries(tmp)).length).toBeGreaterThan(0);
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(130);
    expect(stderr).toContain('pgparity: SIGINT received, removing scratch databases…');
    expect(await scratchEntries(tmp)).toEqual([]);
  });

  test('after a failed replay nothing is left behind', async () => {
    const tmp = await privateTmp();
    const r = await runCli(['check', '--url', live.url, '--replay-cmd', 'exit 3'], { env: { TMPDIR: tmp } });
    expect(r.code).toBe(4);
    expect(await scratchEntries(tmp)).toEqual([]);
  });
});

/** Docker needs an engine; these machines have none, so the test says so and skips. */
const dockerReason = (() => {
  try {
    execFileSync('docker', ['info'], { stdio: 'ignore', timeout: 10_000 });
    return undefined;
  } catch {
    return 'no Docker engine answers (docker info failed)';
  }
})();
if (dockerReason) console.log(`skipping the docker scratch test: ${dockerReason}`);

describe.skipIf(dockerReason !== undefined)('scratch in Docker (--scratch docker:IMAGE)', () => {
  test('replays into a container and removes it', async () => {
    await writeMigration();
    const r = await runCli(['check', '--url', live.url, '--migrations', migrations, '--scratch', 'docker:postgres:16', '--format', 'json'], {
      env: { DOCKER_HOST: process.env.DOCKER_HOST ?? '' },
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).expected.provider).toBe('docker:postgres:16');
  }, 300_000);
});

test.skipIf(dockerReason === undefined)('--scratch docker without an engine is a one-line connection error (exit 3)', async () => {
  await writeMigration();
  const r = await runCli(['check', '--url', live.url, '--migrations', migrations, '--scratch', 'docker:postgres:16']);
  expect(r.code).toBe(3);
  expect(r.stderr).toMatch(
    /^pgparity: cannot start the docker scratch server postgres:16: .* — is a Docker engine running\? Otherwise use --scratch embedded or --scratch postgres:\/\/…\n$/,
  );
});

let migrations = '';
async function writeMigration(): Promise<void> {
  if (migrations) return;
  const { writeFile } = await import('node:fs/promises');
  const dir = await mkdtemp(join(tmpdir(), 'pgparity-test-'));
  migrations = join(dir, '001_widgets.sql');
  await writeFile(migrations, 'create table widgets (id int primary key, name text not null);\n');
}

/** Whether `sleep` is already running as a descendant of `pid` (the replay command started). */
async function sleepRunningUnder(pid: number): Promise<boolean> {
  try {
    const out = execFileSync('ps', ['-eo', 'pid=,ppid=,comm='], { encoding: 'utf8' });
    const rows = out
      .trim()
      .split('\n')
      .map((l) => l.trim().split(/\s+/));
    const children = new Map<string, string[]>();
    for (const [p, pp] of rows) children.set(pp!, [...(children.get(pp!) ?? []), p!]);
    const stack = [String(pid)];
    const names = new Map(rows.map(([p, , c]) => [p!, c!]));
    while (stack.length) {
      const next = stack.pop()!;
      if (names.get(next) === 'sleep') return true;
      stack.push(...(children.get(next) ?? []));
    }
    return false;
  } catch {
    return false;
  }
}
