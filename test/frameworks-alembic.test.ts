import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { connect } from '../src/db/connect.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { ROOT, runCli } from './support/cli.js';
import { clientUrl, missingRequirement, runShell } from './support/framework.js';

/**
 * The Alembic workflow end to end with Alembic itself (Debian's python3-alembic): check and
 * stamp a database built without revisions, through `pgparity stamp` and through
 * `pgparity check --until REV && alembic stamp REV`.
 */
const PROJECT = 'fixtures/alembic-create-all';
const BASELINE = '3c4d5e6f7081';
const HEAD = '4d5e6f708192';
const missing = await missingRequirement("alembic --version && /usr/bin/python3 -c 'import sqlalchemy, psycopg2'", ROOT);
if (missing) console.log(`Alembic workflow tests skipped: Alembic, SQLAlchemy and psycopg2 from Debian are not installed (${missing})`);

const databases: TestDatabase[] = [];
let scratchDir: string;
beforeAll(async () => {
  scratchDir = await mkdtemp(join(tmpdir(), 'pgparity-alembic-'));
});
afterAll(async () => {
  for (const db of databases) await db.drop();
  await rm(scratchDir, { recursive: true, force: true });
});

/** A database the revisions built up to `revision`, whose alembic_version was then lost: the schema is right, nothing records it. */
async function builtUnstamped(revision: string): Promise<TestDatabase> {
  const db = await createTestDatabase();
  databases.push(db);
  await runShell(`alembic upgrade ${revision}`, join(ROOT, PROJECT), { DATABASE_URL: clientUrl(db.target) });
  await db.exec('DROP TABLE alembic_version');
  return db;
}

async function alembicVersion(db: TestDatabase): Promise<string[] | undefined> {
  const client = await connect(db.target, { readOnly: true });
  try {
    if ((await client.query<{ t: string | null }>("select to_regclass('public.alembic_version')::text as t")).rows[0]?.t === null) return undefined;
    return (await client.query<{ version_num: string }>('select version_num from alembic_version')).rows.map((r) => r.version_num);
  } finally {
    await client.end();
  }
}

describe.skipIf(missing !== undefined)('Alembic', () => {
  test('history says the revisions were never applied; stamp --dry-run checks and writes nothing; stamp writes alembic_version', async () => {
    const live = await builtUnstamped(BASELINE);

    const history = await runCli(['history', '--url', live.url, '--migrations', PROJECT, '--format', 'json']);
    expect(history.code).toBe(1);
    const audit = JSON.parse(history.stdout) as { findings: { problem: string; message: string }[] };
    expect(audit.findings.map((f) => f.problem)).toEqual(['no_history_table']);
    expect(audit.findings[0]!.message).toMatch(
      /^Alembic revisions, not applied in live: postgres:\/\/[^ ]+ has no alembic_version table, so live was not built by the 2 revisions under fixtures\/alembic-create-all \(head 4d5e6f708192\); check it with pgparity check -m fixtures\/alembic-create-all --until <rev>, then stamp it with pgparity stamp -m fixtures\/alembic-create-all --until <rev>$/,
    );

    const dry = await runCli(['stamp', '--url', live.url, '--migrations', PROJECT, '--until', '3c4d', '--dry-run']);
    expect(dry.stderr).toBe('');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toBe(
      [
        `pgparity stamp: live matches the migrations up to ${BASELINE} — dry run, nothing written`,
        'would create public.alembic_version (version_num)',
        'would record 1 migration in public.alembic_version:',
        `  ${BASELINE}`,
        '',
        'statements:',
        '  create table if not exists public.alembic_version (version_num varchar(32) not null, constraint alembic_version_pkc primary key (version_num));',
        `  insert into public.alembic_version (version_num) values ('${BASELINE}');`,
        '',
      ].join('\n'),
    );
    expect(await alembicVersion(live)).toBeUndefined();

    const stamped = await runCli(['stamp', '--url', live.url, '--migrations', PROJECT, '--until', `${BASELINE}_baseline.py`, '--format', 'json']);
    expect(stamped.code).toBe(0);
    expect(JSON.parse(stamped.stdout)).toMatchObject({
      status: 'stamped',
      table: 'public.alembic_version',
      until: BASELINE,
      rows: [{ filename: BASELINE, file: `${PROJECT}/alembic/versions/${BASELINE}_baseline.py` }],
    });
    expect(await alembicVersion(live)).toEqual([BASELINE]);

    // Alembic agrees, and upgrades from there; history then has nothing to say.
    expect(await runShell('alembic current', join(ROOT, PROJECT), { DATABASE_URL: clientUrl(live.target) })).toContain(BASELINE);
    const again = await runCli(['stamp', '--url', live.url, '--migrations', PROJECT, '--until', BASELINE]);
    expect(again.stdout).toBe(`pgparity stamp: public.alembic_version already records every migration up to ${BASELINE}; nothing to write\n`);
    await runShell('alembic upgrade head', join(ROOT, PROJECT), { DATABASE_URL: clientUrl(live.target) });
    const clean = await runCli(['history', '--url', live.url, '--migrations', PROJECT, '--format', 'json']);
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.stdout)).toMatchObject({ verdict: 'clean', tables: [{ table: 'public.alembic_version', framework: 'alembic', current: HEAD }] });
  });

  test('the create_all database is refused a stamp, and nothing is written', async () => {
    const live = await createTestDatabase();
    databases.push(live);
    await runShell('/usr/bin/python3 build_live.py', join(ROOT, PROJECT, 'app'), { DATABASE_URL: clientUrl(live.target) });
    const refused = await runCli(['stamp', '--url', live.url, '--migrations', PROJECT, '--format', 'json']);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({ status: 'refused', until: HEAD, rows: [] });
    expect(refused.stderr).toBe(
      `pgparity: refusing to stamp: live does not match the migrations up to ${HEAD} (5 differences at or above --fail-on error): stamping would hide that drift; nothing was written\n`,
    );
    expect(await alembicVersion(live)).toBeUndefined();
  });

  test('check --until REV && alembic stamp REV: the check runs alembic upgrade REV itself, or {until} in --replay-cmd', async () => {
    const live = await builtUnstamped(BASELINE);
    const byProject = await runCli(['check', '--url', live.url, '--migrations', PROJECT, '--until', BASELINE, '--format', 'json']);
    expect(byProject.code).toBe(0);
    expect(JSON.parse(byProject.stdout)).toMatchObject({
      verdict: 'parity',
      gate: { failOn: 'error', passed: true },
      expected: { source: `command:alembic upgrade ${BASELINE}` },
    });

    // Too far: head's pours table is missing in live.
    const tooFar = await runCli(['check', '--url', live.url, '--migrations', PROJECT, '--format', 'json']);
    expect(tooFar.code).toBe(1);
    expect((JSON.parse(tooFar.stdout) as { findings: { change: string; key: string }[] }).findings.map((f) => `${f.change} ${f.key}`)).toEqual([
      'missing public.pours',
    ]);

    const gated = await runShell(
      `node ${join(ROOT, 'dist/cli/main.js')} check --url "$LIVE" --replay-cmd "alembic upgrade {until}" --until ${BASELINE} --quiet > /dev/null && alembic stamp ${BASELINE}`,
      join(ROOT, PROJECT),
      { LIVE: live.url, DATABASE_URL: clientUrl(live.target) },
    );
    expect(gated).toBe('');
    expect(await alembicVersion(live)).toEqual([BASELINE]);
  });

  test('a Flask-Migrate project (alembic.ini without script_location) is pointed at flask db upgrade', async () => {
    const project = join(scratchDir, 'flask');
    await cp(join(ROOT, PROJECT), project, { recursive: true });
    const ini = join(project, 'alembic.ini');
    await writeFile(ini, (await readFile(ini, 'utf8')).replace('script_location = alembic\n', ''));
    const live = await createTestDatabase();
    databases.push(live);
    const result = await runCli(['check', '--url', live.url, '--migrations', join(project, 'alembic')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `pgparity: ${project}/alembic.ini has no script_location (a Flask-Migrate project): replay with Flask itself, --replay-cmd "flask db upgrade {until}" --until <rev> (the app must read DATABASE_URL)\n`,
    );
  });

  test('a revision that fails: the database error, the revision and the scratch server, not the traceback footer', async () => {
    const project = join(scratchDir, 'broken');
    await cp(join(ROOT, PROJECT), project, { recursive: true });
    const pours = join(project, 'alembic/versions', `${HEAD}_pours.py`);
    await writeFile(pours, (await readFile(pours, 'utf8')).replace('"pours",', '"taps",'));
    const live = await createTestDatabase();
    databases.push(live);
    const result = await runCli(['check', '--url', live.url, '--migrations', project]);
    expect(result.code).toBe(4);
    const headline = result.stderr.split('\n')[0]!;
    expect(headline).toMatch(
      /^pgparity: replay command "alembic upgrade 4d5e6f708192" exited with code 1: sqlalchemy\.exc\.ProgrammingError: \(psycopg2\.errors\.DuplicateTable\) relation "taps" already exists \(in migration 3c4d5e6f7081 -> 4d5e6f708192, pours on embedded PostgreSQL 18\.\d+\)$/,
    );
  });
});
