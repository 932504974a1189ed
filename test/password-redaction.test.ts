/**
 * A password given in a connection string never reaches any output (issue 12, defect 5): every
 * command, with the password in a URL and in a keyword/value string, connecting and failing to;
 * stdout, stderr and every report file are searched for it.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ROOT, runCli } from './support/cli.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

const PASSWORD = 's3cretPW!';
const ROLE = `pgparity_leak_${process.pid}`;
const MIGRATIONS = join(ROOT, 'fixtures/parity/migrations');

let db: TestDatabase;
let dir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  await db.exec(
    `create role ${ROLE} login createdb password '${PASSWORD}'; grant all on database ${db.target.database} to ${ROLE}; grant all on schema public to ${ROLE};`,
  );
  await db.exec(await readFile(join(ROOT, 'fixtures/parity/live.sql'), 'utf8'));
  await db.exec(`grant select on all tables in schema public to ${ROLE}`);
  dir = await mkdtemp(join(tmpdir(), 'pgparity-redaction-'));
}, 120_000);

afterAll(async () => {
  await db?.drop();
  await db?.exec(`drop role if exists ${ROLE}`).catch(() => undefined);
  if (dir) await rm(dir, { recursive: true, force: true });
});

const FORMS = ['url', 'url, password unencoded', 'keyword/value', 'keyword/value, quoted, bad keyword'] as const;

function forms(database: string): Record<(typeof FORMS)[number], string> {
  const { host, port } = db.target;
  // A socket directory is percent-encoded in a URL's host.
  const urlHost = encodeURIComponent(host);
  return {
    url: `postgres://${ROLE}:${encodeURIComponent(PASSWORD)}@${urlHost}:${port}/${database}`,
    'url, password unencoded': `postgres://${ROLE}:${PASSWORD}@${urlHost}:${port}/${database}`,
    'keyword/value': `host=${host} port=${port} user=${ROLE} password=${PASSWORD} dbname=${database}`,
    'keyword/value, quoted, bad keyword': `host=${host} password='${PASSWORD}' dbnam=${database}`,
  };
}

/** Every command that takes a connection string, writing every report file it can. */
function commands(conn: string, out: string): string[][] {
  return [
    [
      'check',
      '--url',
      conn,
      '--migrations',
      MIGRATIONS,
      '--format',
      'json',
      '-o',
      join(out, 'check.json'),
      '--format',
      'junit',
      '-o',
      join(out, 'check.xml'),
      '--format',
      'markdown',
      '-o',
      join(out, 'check.md'),
      '--format',
      'text',
    ],
    ['diff', '--from', MIGRATIONS, '--to', conn, '--format', 'json', '-o', join(out, 'diff.json'), '--format', 'text'],
    ['diff', '--from', conn, '--to', conn],
    ['snapshot', conn, '-o', join(out, 'snapshot.json')],
    ['history', '--url', conn, '--migrations', MIGRATIONS, '--format', 'json'],
    ['stamp', '--url', conn, '--migrations', MIGRATIONS, '--dry-run'],
    ['check', '--migrations', MIGRATIONS, '--scratch', conn],
  ];
}

const CASES: readonly (readonly [(typeof FORMS)[number], 'connecting' | 'failing to connect'])[] = [
  ['url', 'connecting'],
  ['keyword/value', 'connecting'],
  ['url', 'failing to connect'],
  ['url, password unencoded', 'failing to connect'],
  ['keyword/value', 'failing to connect'],
  ['keyword/value, quoted, bad keyword', 'failing to connect'],
];

describe('the password appears in no output of any command', () => {
  for (const [form, outcome] of CASES) {
    test(`${form}, ${outcome}`, async () => {
      const conn = forms(outcome === 'connecting' ? db.target.database : 'no_such_db')[form];
      const out = await mkdtemp(join(dir, 'out-'));
      const runs = [...commands(conn, out), ['check', '--migrations', MIGRATIONS]].map(async (args) => {
        const env: Record<string, string> = args.includes('--url') || args.includes('--from') || args[0] === 'snapshot' ? {} : { DATABASE_URL: conn };
        return { args, r: await runCli(args, { env, cwd: out }) };
      });
      // verify reads the snapshot the snapshot command wrote (or a missing file, when that failed).
      const verifyArgs = ['verify', '--url', conn, '--snapshot', join(out, 'snapshot.json'), '--format', 'json', '-o', join(out, 'verify.json')];
      const done = [...(await Promise.all(runs)), { args: verifyArgs, r: await runCli(verifyArgs, { cwd: out }) }];
      for (const { args, r } of done) {
        expect(`${r.stdout}\n${r.stderr}`).not.toContain('s3cretPW');
        const expectedCodes = outcome === 'connecting' ? [0, 1] : [2, 3];
        expect(expectedCodes, `${args.join(' ')} exited ${r.code}: ${r.stderr}`).toContain(r.code);
      }
      const files = await readdir(out);
      for (const file of files) expect(await readFile(join(out, file), 'utf8'), file).not.toContain('s3cretPW');
      // The right password did connect: every report was written.
      if (outcome === 'connecting') expect(files.sort()).toEqual(['check.json', 'check.md', 'check.xml', 'diff.json', 'snapshot.json', 'verify.json']);
    }, 300_000);
  }
});

describe('a connection string in the wrong place is named without its password', () => {
  test.each(FORMS)('%s: as the command, as a stray argument, as a value outside the choices', async (form) => {
    const conn = forms('no_such_db')[form];
    const runs = [
      [conn],
      ['check', '--migrations', MIGRATIONS, conn],
      ['snapshot', conn, conn],
      ['check', '--format', conn],
      ['snapshot', conn, conn, '--debug'],
    ];
    for (const args of runs) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(/^pgparity: (unknown command|unexpected argument|--format)/);
      expect(`${r.stdout}\n${r.stderr}`, args.join(' ')).not.toContain('s3cretPW');
    }
  });
});
