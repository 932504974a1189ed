import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startEmbeddedServer } from '../src/scratch/embedded.js';
import { ConfigError } from '../src/model/errors.js';
import { OBJECT_KINDS } from '../src/model/objects.js';
import { targetUrl } from '../src/db/target.js';
import { connect } from '../src/db/connect.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { ROOT, runCli } from './support/cli.js';

/** A schema with every kind of object pgparity compares. */
const RICH_SCHEMA = await readFile(join(ROOT, 'test', 'rich-schema.sql'), 'utf8');

let db: TestDatabase;
let dir: string;
beforeAll(async () => {
  db = await createTestDatabase();
  await db.exec(RICH_SCHEMA);
  dir = await mkdtemp(join(tmpdir(), 'pgparity-test-'));
});
afterAll(() => db.drop());

describe('snapshot', () => {
  test('the same database snapshotted twice gives byte-identical files', async () => {
    const a = await runCli(['snapshot', db.url, '-o', join(dir, 'a.json')]);
    const b = await runCli(['snapshot', db.url, '-o', join(dir, 'b.json')]);
    expect([a.code, a.stderr, b.code, b.stderr]).toEqual([0, '', 0, '']);
    const [first, second] = await Promise.all([readFile(join(dir, 'a.json'), 'utf8'), readFile(join(dir, 'b.json'), 'utf8')]);
    expect(second).toBe(first);
    const parsed = JSON.parse(first) as { formatVersion: number; source: string; objects: unknown[] };
    expect(parsed.formatVersion).toBe(1);
    expect(parsed.source).not.toContain(db.target.password);
    expect(first).not.toMatch(/"oid"|"relfilenode"/);
    // The round trips below are only as good as this schema is rich.
    const kinds = new Set((parsed.objects as { kind: string; variant?: string; partitionOf?: string | null }[]).map((o) => o.kind));
    expect([...OBJECT_KINDS].filter((kind) => !kinds.has(kind))).toEqual([]);
    const variants = new Set((parsed.objects as { variant?: string }[]).map((o) => o.variant));
    expect([...variants]).toEqual(expect.arrayContaining(['enum', 'domain', 'composite', 'range', 'partitioned_table', 'procedure', 'aggregate']));
  });

  test('an --output in a directory that does not exist: one line, exit 2, nothing on stdout', async () => {
    const file = join(dir, 'no-such-dir', 'f.json');
    for (const args of [
      ['snapshot', db.url, '-o', file],
      ['history', '--url', db.url, '-o', file],
    ]) {
      const r = await runCli(args);
      expect(r.stderr).toBe(`pgparity: cannot write ${file}: its directory does not exist\n`);
      expect(r.stdout).toBe('');
      expect(r.code).toBe(2);
    }
  });

  test('a snapshot is a SOURCE: diff it against its own database → parity', async () => {
    await runCli(['snapshot', db.url, '-o', join(dir, 'self.json')]);
    const r = await runCli(['diff', '--from', join(dir, 'self.json'), '--to', db.url, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ verdict: 'parity', summary: { missing: 0, extra: 0, changed: 0 }, findings: [] });
  });

  test('owners or privileges asked of a snapshot taken without them: one line, exit 2; taken with them: parity', async () => {
    const without = join(dir, 'no-access.json');
    await runCli(['snapshot', db.url, '-o', without]);
    const r = await runCli(['diff', '--from', without, '--to', db.url, '--include', 'owner,privileges']);
    expect([r.code, r.stdout, r.stderr]).toEqual([
      2,
      '',
      `pgparity: snapshot ${without} was taken without owner and privileges: take it again with pgparity snapshot --include owner,privileges, or compare without --include owner,privileges\n`,
    ]);
    const withAccess = join(dir, 'access.json');
    await runCli(['snapshot', db.url, '--include', 'owner,privileges', '-o', withAccess]);
    const d = await runCli(['diff', '--from', withAccess, '--to', db.url, '--include', 'owner,privileges', '--format', 'json']);
    expect([d.code, JSON.parse(d.stdout).findings]).toEqual([0, []]);
  });

  test('a snapshot of the migrations equals the live database built by them', async () => {
    const r = await runCli(['snapshot', join(ROOT, 'test', 'rich-schema.sql'), '-o', join(dir, 'replayed.json')]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const d = await runCli(['diff', '--from', join(dir, 'replayed.json'), '--to', db.url, '--format', 'json']);
    expect(JSON.parse(d.stdout).findings).toEqual([]);
    expect(d.code).toBe(0);
  });
});

/** pg_dump cannot dump a newer server: use an embedded server of pg_dump's own major. */
function pgDumpMajor(): number | undefined {
  try {
    const out = execFileSync('pg_dump', ['--version'], { encoding: 'utf8' });
    return Number(/(\d+)\.\d+/.exec(out)?.[1]);
  } catch {
    return undefined;
  }
}

const major = pgDumpMajor();
const reason = major === undefined ? 'pg_dump is not on PATH' : undefined;
if (reason) console.log(`skipping the pg_dump round trip: ${reason}`);

describe.skipIf(reason !== undefined)('a replay of pg_dump --schema-only output', () => {
  test('compares as parity with the dumped database', async (ctx) => {
    // Only a missing embedded package of pg_dump's major is a reason to skip; any other failure fails.
    const server = await startEmbeddedServer(major).catch((error: Error) => {
      if (!(error instanceof ConfigError)) throw error;
      console.log(`skipping the pg_dump round trip: ${error.message}`);
      return undefined;
    });
    if (!server) return ctx.skip();
    try {
      const live = await server.createDatabase();
      const client = await connect(live.target, { readOnly: false });
      await client.query(RICH_SCHEMA);
      await client.end();
      const t = live.clientTarget;
      const dump = execFileSync('pg_dump', ['--schema-only', '-h', t.host, '-p', String(t.port), '-U', t.user, t.database], {
        env: { ...process.env, PGPASSWORD: t.password ?? '' },
        encoding: 'utf8',
      });
      await writeFile(join(dir, 'dump.sql'), dump);
      const r = await runCli([
        'check',
        '--url',
        targetUrl(live.target),
        '--migrations',
        join(dir, 'dump.sql'),
        '--scratch',
        `embedded:${major}`,
        '--format',
        'json',
      ]);
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout).findings).toEqual([]);
      expect(r.code).toBe(0);
    } finally {
      await server.close();
    }
  });
});
