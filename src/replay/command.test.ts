import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from 'vitest';
import { connect } from '../db/connect.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { ReplayError } from '../model/errors.js';
import type { ScratchDatabase } from '../scratch/provider.js';
import { replayEnvironment, runReplayCommand } from './command.js';

let db: TestDatabase;
let scratch: ScratchDatabase;
let dir: string;
beforeAll(async () => {
  db = await createTestDatabase();
  // As the embedded provider does: other programs get TCP, not the Unix socket.
  const clientTarget = db.target.host.startsWith('/') ? { ...db.target, host: '127.0.0.1' } : db.target;
  scratch = { name: db.target.database, target: db.target, clientTarget };
});
afterAll(() => db.drop());
beforeEach(async () => void (dir = await mkdtemp(join(tmpdir(), 'pgparity-command-'))));
afterEach(() => rm(dir, { recursive: true, force: true }));

async function failure(command: string, onOutput?: (line: string) => void): Promise<ReplayError> {
  const error = await runReplayCommand(command, scratch, { cwd: dir, ...(onOutput ? { onOutput } : {}) }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ReplayError);
  return error as ReplayError;
}

test('runs a migrate command against the scratch database', async () => {
  const pgModule = createRequire(import.meta.url).resolve('pg');
  // A stand-in for a framework's migrate command: one connection from DATABASE_URL, one from PG* variables.
  await writeFile(
    join(dir, 'migrate.cjs'),
    `const pg = require(${JSON.stringify(pgModule)});
    (async () => {
      const byUrl = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await byUrl.connect();
      await byUrl.query('create table from_url (id int)');
      await byUrl.end();
      const byEnv = new pg.Client();
      await byEnv.connect();
      await byEnv.query('create table from_pg_env (id int)');
      await byEnv.end();
      console.log('migrated', process.env.POSTGRES_DB === process.env.PGDATABASE, process.env.POSTGRES_PASSWORD === process.env.PGPASSWORD);
    })().catch((e) => { console.error(e.message); process.exit(1); });`,
  );
  const lines: string[] = [];
  await runReplayCommand('node migrate.cjs', scratch, { cwd: dir, onOutput: (line) => lines.push(line) });
  expect(lines).toEqual(['migrated true true']);
  const client = await connect(db.target, { readOnly: true });
  const { rows } = await client.query("select to_regclass('from_url') is not null as url, to_regclass('from_pg_env') is not null as env");
  await client.end();
  expect(rows).toEqual([{ url: true, env: true }]);
});

test('a failing command reports its exit code and last error line, never the password', async () => {
  const password = scratch.clientTarget.password!;
  const lines: string[] = [];
  const command = 'echo "connecting to $DATABASE_URL"; echo "password is $PGPASSWORD" >&2; echo "ERROR: relation users already exists" >&2; echo done; exit 3';
  const error = await failure(command, (line) => lines.push(line));
  expect(error.message).toBe(`replay command "${command}" exited with code 3: ERROR: relation users already exists`);
  expect(error.excerpt).toContain('password is ***');
  // stdout and stderr are separate pipes: their relative order is not fixed.
  const { user, host, port, database } = scratch.clientTarget;
  const url = `postgresql://${user}:***@${host}:${port}/${database}`;
  expect(error.excerpt?.split('\n').sort()).toEqual([`connecting to ${url}`, 'password is ***', 'ERROR: relation users already exists', 'done'].sort());
  for (const text of [error.message, error.excerpt ?? '', ...lines]) expect(text).not.toContain(password);
});

test('a missing program says so', async () => {
  const error = await failure('pgparity-no-such-tool upgrade head');
  expect(error.message).toMatch(
    /^replay command "pgparity-no-such-tool upgrade head" failed: command not found \(exit code 127\): .*pgparity-no-such-tool.*not found/,
  );
});

test('aborting kills the command and what it started', async () => {
  const controller = new AbortController();
  let sleeper = 0;
  const run = runReplayCommand('sleep 30 & echo $!; wait', scratch, {
    cwd: dir,
    signal: controller.signal,
    onOutput: (line) => {
      sleeper = Number(line);
      controller.abort();
    },
  });
  await expect(run).rejects.toThrow(/^replay command "sleep 30 & echo \$!; wait" was interrupted$/);
  expect(sleeper).toBeGreaterThan(0);
  await delay(100);
  expect(await isRunning(sleeper)).toBe(false);
});

/** Alive and not a zombie waiting for a parent (in a container, PID 1 may never reap it). */
async function isRunning(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  return !/^\d+ \(.*\) Z/.test(stat);
}

test('the environment names only the scratch database', () => {
  const saved = { ...process.env };
  Object.assign(process.env, { PGSERVICE: 'prod', PGHOSTADDR: '10.0.0.1', PGPASSWORD: 'live-secret', PGSSLMODE: 'verify-full' });
  try {
    const env = replayEnvironment({ host: '127.0.0.1', port: 5433, user: 'post gres', password: 'p@ss', database: 'scratch_1' });
    expect(env).toMatchObject({
      DATABASE_URL: 'postgresql://post%20gres:p%40ss@127.0.0.1:5433/scratch_1',
      PGHOST: '127.0.0.1',
      PGPORT: '5433',
      PGUSER: 'post gres',
      PGPASSWORD: 'p@ss',
      PGDATABASE: 'scratch_1',
      POSTGRES_HOST: '127.0.0.1',
      POSTGRES_PORT: '5433',
      POSTGRES_USER: 'post gres',
      POSTGRES_PASSWORD: 'p@ss',
      POSTGRES_DB: 'scratch_1',
      POSTGRES_DATABASE: 'scratch_1',
    });
    // The user's TLS settings are for their databases; the scratch one has its own (none here).
    expect(env.PGSSLMODE).toBeUndefined();
    expect(env.PGSERVICE).toBeUndefined();
    expect(env.PGHOSTADDR).toBeUndefined();
  } finally {
    process.env = saved;
  }
});
