import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { ROOT, runCli } from './support/cli.js';

/** The causes of drift end to end, in the text report and through `diff`; the JSON side is in fixtures.test.ts. */
let live: TestDatabase;
beforeAll(async () => {
  live = await createTestDatabase();
  await live.exec(await readFile(join(ROOT, 'fixtures', 'ensure-schema', 'live.sql'), 'utf8'));
});
afterAll(() => live.drop());

describe('--app-source', () => {
  test('the text report says why under each finding', async () => {
    const r = await runCli([
      'check',
      '--url',
      live.url,
      '--migrations',
      'fixtures/ensure-schema/migrations',
      '--app-source',
      'fixtures/ensure-schema/app',
      '--no-color',
    ]);
    // Live records no migrations: said once, not asked of every missing object.
    expect(r.stderr).toBe(
      'pgparity: warning: live has no migration history table (none pgparity knows): it was not built by these migrations, so what they create and live lacks was never applied there, not left pending; stamp a baseline only once live matches (pgparity stamp)\n',
    );
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe(
      'pgparity: DRIFT — 2 missing, 2 extra, 0 changed; 1 runtime schema writer — fails --fail-on error: 4 errors, 1 warning',
    );
    expect(r.stdout).toContain(
      [
        '  + error   table public.message_read_receipts exists in live but no migration creates it',
        '            ↳ created at runtime by fixtures/ensure-schema/app/src/db.ts:36 (ensureSchema)',
      ].join('\n'),
    );
    expect(r.stdout).toContain('            ↳ created by fixtures/ensure-schema/migrations/20260212090000_messaging_root_link.sql:4\n');
  });

  test('diff takes it too; --fail-on warning makes the writer alone fail a run', async () => {
    const self = await runCli([
      'diff',
      '--from',
      live.url,
      '--to',
      live.url,
      '--app-source',
      'fixtures/ensure-schema/app',
      '--fail-on',
      'warning',
      '--format',
      'json',
    ]);
    expect(self.stderr).toBe('');
    const report = JSON.parse(self.stdout) as { verdict: string; findings: { kind: string; key: string }[]; skipped: unknown[] };
    // The same database on both sides: parity, and the runtime writer is still reported.
    expect(report.verdict).toBe('parity');
    expect(report.findings.map((f) => `${f.kind} ${f.key}`)).toEqual(['runtime_writer fixtures/ensure-schema/app/src/db.ts#ensureSchema']);
    expect(report.skipped).toEqual([]);
    expect(self.code).toBe(1);
  });

  test('a diff of two databases says nothing of migrations: no history-table warning', async () => {
    const other = await createTestDatabase();
    try {
      // `other` is empty: everything live has is missing from it, and neither records migrations.
      const r = await runCli(['diff', '--from', live.url, '--to', other.url, '--format', 'json']);
      expect(r.stderr).toBe('');
      const report = JSON.parse(r.stdout) as { warnings: string[]; findings: { change: string }[] };
      expect(report.warnings).toEqual([]);
      expect(report.findings.length).toBeGreaterThan(0);
      expect(report.findings.every((f) => f.change === 'missing')).toBe(true);
      expect(r.code).toBe(1);
    } finally {
      await other.drop();
    }
  });

  test('a path that does not exist is a configuration error, before any database is touched', async () => {
    const r = await runCli([
      'check',
      '--url',
      'postgres://nobody@127.0.0.1:1/none',
      '--migrations',
      'fixtures/ensure-schema/migrations',
      '--app-source',
      'no/such/dir',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('pgparity: --app-source no/such/dir does not exist: give a directory (or file) of application code\n');
  });
});
