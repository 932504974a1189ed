import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { serializeSnapshot } from '../src/catalog/index.js';
import { takeSnapshot } from '../src/commands/snapshot.js';
import { verifySchema } from '../src/commands/verify.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { ROOT, runCli } from './support/cli.js';

const MIGRATIONS = join(ROOT, 'fixtures/history/plain/migrations');
const FILES = ['001_communication_schema.sql', '002_messages.sql', '003_delivery_attempts.sql'];
const databases: TestDatabase[] = [];
let dir: string;
let snapshotFile: string;

/** A database built by the migrations: what the application was written against. */
async function built(...extra: string[]): Promise<TestDatabase> {
  const db = await createTestDatabase();
  databases.push(db);
  for (const file of FILES) await db.exec(await readFile(join(MIGRATIONS, file), 'utf8'));
  for (const sql of extra) await db.exec(sql);
  return db;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pgparity-verify-'));
  snapshotFile = join(dir, 'expected.json');
  const reference = await built();
  const snapshot = await takeSnapshot({ source: { type: 'url', url: reference.url }, scratch: { type: 'embedded' } });
  await writeFile(snapshotFile, serializeSnapshot(snapshot));
});

afterAll(async () => {
  for (const db of databases) await db.drop();
  await rm(dir, { recursive: true, force: true });
});

describe('verifySchema (startup compatibility check)', () => {
  test('the schema the snapshot describes is compatible', async () => {
    const live = await built();
    const result = await verifySchema(live.url, snapshotFile);
    expect(result).toMatchObject({ ok: true, findings: [], tolerated: [] });
    expect(result.report.verdict).toBe('parity');
  });

  test('a dropped column fails, in either mode', async () => {
    const live = await built('ALTER TABLE communication.messages DROP COLUMN subject');
    for (const allowExtra of [false, true]) {
      const result = await verifySchema(live.url, snapshotFile, { allowExtra });
      expect(result.ok).toBe(false);
      expect(result.findings.map((f) => [f.change, f.kind, f.key])).toEqual([['missing', 'column', 'communication.messages.subject']]);
    }
  });

  test('an extra table passes in forward-compatible mode only', async () => {
    const live = await built(
      'CREATE TABLE communication.message_reactions (message_id bigint NOT NULL, emoji text NOT NULL)',
      'CREATE INDEX messages_created_idx ON communication.messages (created_at)',
    );
    const strict = await verifySchema(live.url, snapshotFile);
    expect(strict.ok).toBe(false);
    expect(strict.findings.map((f) => [f.change, f.key])).toEqual([
      ['extra', 'communication.message_reactions'],
      ['extra', 'communication.messages.messages_created_idx'],
    ]);

    const forward = await verifySchema(live.url, snapshotFile, { allowExtra: true });
    expect(forward.ok).toBe(true);
    expect(forward.findings).toEqual([]);
    expect(forward.tolerated.map((f) => f.key)).toEqual(['communication.message_reactions', 'communication.messages.messages_created_idx']);
  });

  test('forward-compatible mode still fails an extra NOT NULL column without a default: the old inserts would break', async () => {
    const live = await built(
      'ALTER TABLE communication.channels ADD COLUMN label text',
      'ALTER TABLE communication.channels ADD COLUMN tenant_id bigint NOT NULL',
    );
    const result = await verifySchema(live.url, snapshotFile, { allowExtra: true });
    expect(result.ok).toBe(false);
    expect(result.findings.map((f) => f.key)).toEqual(['communication.channels.tenant_id']);
    expect(result.findings[0]!.message).toContain('NOT NULL without a default');
    expect(result.tolerated.map((f) => f.key)).toEqual(['communication.channels.label']);
  });

  test("the application's own pg.Pool or pg.Client, borrowed and left open", async () => {
    const live = await built('ALTER TABLE communication.delivery_attempts ALTER COLUMN attempted_at SET NOT NULL');
    const pool = new pg.Pool({ connectionString: live.url, max: 1 });
    const client = new pg.Client({ connectionString: live.url });
    await client.connect();
    try {
      const snapshot = JSON.parse(await readFile(snapshotFile, 'utf8'));
      for (const connection of [pool, client]) {
        const result = await verifySchema(connection, snapshot);
        expect(result.ok).toBe(false);
        expect(result.findings.map((f) => [f.key, f.attribute, f.expected, f.actual])).toEqual([
          ['communication.delivery_attempts.attempted_at', 'nullable', true, false],
        ]);
      }
      expect((await pool.query<{ one: number }>('select 1 as one')).rows[0]?.one).toBe(1);
      expect((await client.query<{ one: number }>('select 1 as one')).rows[0]?.one).toBe(1);
    } finally {
      await client.end();
      await pool.end();
    }
  });

  test('a snapshot from another major: the warning says to read a side on the same major, not to use --scratch (verify has none)', async () => {
    const live = await built();
    const snapshot = JSON.parse(await readFile(snapshotFile, 'utf8'));
    const liveMajor = Math.floor(snapshot.server.versionNum / 10_000);
    const otherMajor = liveMajor === 15 ? 16 : 15;
    snapshot.server = { ...snapshot.server, version: `${otherMajor}.4`, versionNum: otherMajor * 10_000 + 4 };
    const result = await verifySchema(live.url, snapshot);
    expect(result.report.warnings).toEqual([
      `expected side runs PostgreSQL ${otherMajor}.4, live runs ${result.report.actual.serverVersion}: findings that depend on the major version may be noise; compare with a snapshot or database read on PostgreSQL ${liveMajor} to rule that out`,
    ]);
  });

  test('privileges asked of a snapshot taken without them: a configuration error, not every object drifting', async () => {
    const live = await built();
    await expect(verifySchema(live.url, snapshotFile, { include: ['privileges'] })).rejects.toThrow(
      `snapshot ${snapshotFile} was taken without privileges: take it again with pgparity snapshot --include privileges, or compare without --include privileges`,
    );
  });

  test('pgparity verify: the same check from the shell', async () => {
    const live = await built('CREATE TABLE communication.message_reactions (message_id bigint NOT NULL)');
    const strict = await runCli(['verify', '--url', live.url, '--snapshot', snapshotFile, '--format', 'json']);
    expect(strict.code).toBe(1);
    expect(JSON.parse(strict.stdout)).toMatchObject({ verdict: 'drift', summary: { missing: 0, extra: 1, changed: 0 } });
    const forward = await runCli(['verify', '--url', live.url, '--snapshot', snapshotFile, '--allow-extra']);
    expect(forward.code).toBe(0);
    expect(forward.stderr).toContain('1 object in live but not in the snapshot accepted (allowExtra): table communication.message_reactions');
    const missing = await runCli(['verify', '--url', live.url, '--snapshot', join(dir, 'nope.json')]);
    expect(missing.code).toBe(2);
  });

  test('the comparison settings of check apply: severities, excludeObjects and waivers of the config file', async () => {
    const live = await built(
      'CREATE INDEX messages_created_idx ON communication.messages (created_at)',
      'CREATE TABLE communication.message_reactions (message_id bigint NOT NULL)',
      'ALTER TABLE communication.channels ADD COLUMN label text',
    );
    const cwd = await mkdtemp(join(dir, 'configured-'));
    await writeFile(
      join(cwd, 'pgparity.config.json'),
      JSON.stringify({ severities: { 'extra.index': 'warning' }, excludeObjects: ['table:communication.message_reactions'] }),
    );
    const waiver = { key: 'communication.channels.label', reason: 'rolled out ahead of the release', owner: 'team-messaging', expires: '2999-01-01' };
    await writeFile(join(cwd, 'pgparity.waivers.json'), JSON.stringify({ waivers: [waiver] }));

    const r = await runCli(['verify', '--url', live.url, '--snapshot', snapshotFile, '--format', 'json'], { cwd });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { findings: Array<{ change: string; key: string; severity: string; waiver?: { owner: string } }> };
    expect(report.findings.map((f) => [f.change, f.key, f.severity, f.waiver?.owner ?? null])).toEqual([
      ['extra', 'communication.channels.label', 'error', 'team-messaging'],
      ['extra', 'communication.messages.messages_created_idx', 'warning', null],
    ]);
    // The same through the library: the settings are passed, not read from files.
    const direct = await verifySchema(live.url, snapshotFile, {
      severities: { 'extra.index': 'warning' },
      excludeObjects: ['table:communication.message_reactions'],
      waivers: [waiver],
    });
    expect(direct.ok).toBe(true);
    expect(direct.tolerated.map((f) => f.key)).toEqual(['communication.channels.label', 'communication.messages.messages_created_idx']);
    const failing = await runCli(['verify', '--url', live.url, '--snapshot', snapshotFile, '--fail-on', 'warning'], { cwd });
    expect(failing.code).toBe(1);
  });
});
