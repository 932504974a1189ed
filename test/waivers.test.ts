import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { ROOT, runCli } from './support/cli.js';

/**
 * Waivers end to end through the built CLI, on the ensure-schema fixture (2 missing
 * constraints, an extra table and an extra index, all errors). Each run works in its own
 * directory, where `pgparity.waivers.json` is picked up by default.
 */
const MIGRATIONS = join(ROOT, 'fixtures/ensure-schema/migrations');
const FUTURE = '2999-12-31';
const PAST = '2000-01-01';

let live: TestDatabase;
beforeAll(async () => {
  live = await createTestDatabase();
  await live.exec(await readFile(join(ROOT, 'fixtures/ensure-schema/live.sql'), 'utf8'));
});
afterAll(() => live.drop());

const waiver = (key: string, expires: string, extra: object = {}) => ({ key, ...extra, reason: `accepted: ${key}`, owner: 'team-messaging', expires });
const everyFinding = (expires: string) => [
  waiver('public.message_read_receipts', FUTURE, { change: 'extra', kind: 'table' }),
  waiver('public.messages.messages_root_message_fk', FUTURE),
  waiver('public.messages.messages_root_not_self', FUTURE),
  waiver('public.messages.messages_unread_idx', expires, { kind: 'index' }),
];

async function workdir(files: Record<string, unknown>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pgparity-waivers-'));
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), `${JSON.stringify(content, null, 2)}\n`);
  return dir;
}

interface JsonReport {
  summary: Record<string, number>;
  findings: Array<{ key: string; waiver?: { reason: string; owner: string; expires: string } }>;
  warnings: string[];
  staleWaivers?: Array<{ key: string }>;
}

const NO_HISTORY =
  'live has no migration history table (none pgparity knows): it was not built by these migrations, so what they create and live lacks was never applied there, not left pending; stamp a baseline only once live matches (pgparity stamp)';

describe('waivers through the CLI', () => {
  test('waived findings pass the gate, are still reported, and a stale waiver is reported', async () => {
    const stale = waiver('public.legacy_sessions', FUTURE, { kind: 'table' });
    const cwd = await workdir({ 'pgparity.waivers.json': { waivers: [...everyFinding(FUTURE), stale] } });
    const r = await runCli(['check', '--url', live.url, '--migrations', MIGRATIONS, '--format', 'json'], { cwd });

    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.summary).toEqual({ missing: 2, extra: 2, changed: 0, waived: 4 });
    expect(report.findings.map((f) => f.waiver?.owner)).toEqual(['team-messaging', 'team-messaging', 'team-messaging', 'team-messaging']);
    expect(report.staleWaivers).toEqual([stale]);
    const staleLine =
      'stale waiver: public.legacy_sessions (table) matches no finding (owner team-messaging): the drift it accepted is gone; remove the waiver';
    // Live (built by ensureSchema()) records no migrations: said once, before the waivers' own warnings.
    expect(report.warnings).toEqual([NO_HISTORY, staleLine]);
    expect(r.stderr).toBe(`pgparity: warning: ${NO_HISTORY}\npgparity: warning: ${staleLine}\n`);
  });

  test('an expired waiver fails the gate again, and says so', async () => {
    const cwd = await workdir({ 'accepted-drift.json': { waivers: everyFinding(PAST) } });
    const r = await runCli(['check', '--url', live.url, '--migrations', MIGRATIONS, '--waivers', 'accepted-drift.json'], { cwd });

    expect(r.code).toBe(1);
    const expired = `the waiver for public.messages.messages_unread_idx (index) expired on ${PAST} (owner team-messaging: accepted: public.messages.messages_unread_idx): its finding counts again; fix the drift or extend the waiver`;
    expect(r.stderr).toBe(`pgparity: warning: ${NO_HISTORY}\npgparity: warning: ${expired}\n`);
    // Text report: three waived, the expired one counts as an error again.
    expect(r.stdout).toContain('pgparity: DRIFT — 2 missing, 2 extra, 0 changed (3 waived)');
    expect(r.stdout).toMatch(/\+ waived {2}table public\.message_read_receipts exists in live/);
    expect(r.stdout).toMatch(/\+ error {3}index public\.messages\.messages_unread_idx exists in live/);
    expect(r.stdout).toContain('1 error, 0 warnings, 0 info, 3 waived');
  });

  test('junit and markdown mark waived findings; several formats in one run', async () => {
    const cwd = await workdir({ 'pgparity.waivers.json': { waivers: everyFinding(PAST) } });
    const r = await runCli(
      [
        'check',
        '--url',
        live.url,
        '--migrations',
        MIGRATIONS,
        '--format',
        'json',
        '-o',
        'report.json',
        '--format',
        'junit',
        '-o',
        'report.xml',
        '--format',
        'markdown',
      ],
      { cwd },
    );

    expect(r.code).toBe(1);
    expect((JSON.parse(await readFile(join(cwd, 'report.json'), 'utf8')) as JsonReport).summary.waived).toBe(3);
    const xml = await readFile(join(cwd, 'report.xml'), 'utf8');
    expect(xml).toContain(`<skipped message="waived until ${FUTURE} by team-messaging: accepted: public.message_read_receipts"/>`);
    expect(xml).toMatch(/<testsuites name="pgparity" tests="4" failures="1" errors="0" time="0">/);
    expect(r.stdout).toMatch(/^## ❌ pgparity: drift — 2 missing, 2 extra, 0 changed \(3 waived\), \*\*fails\*\* `--fail-on error`\n/);
    expect(r.stdout).toContain(
      `| ⚪ waived (error) | extra | table public.message_read_receipts exists in live but no migration creates it<br>↳ no migration or known runtime writer creates it: a manual change? (pass --app-source to look for runtime schema writers)<br>_waived until ${FUTURE} by team-messaging: accepted: public.message_read_receipts_ | — | ✓ |`,
    );
  });

  test('a waiver file named on the command line must exist and be valid', async () => {
    const cwd = await workdir({ 'bad.json': { waivers: [{ key: 'public.x', reason: 'r', owner: 'o', expires: 'soon' }] } });
    const missing = await runCli(['check', '--url', live.url, '--migrations', MIGRATIONS, '--waivers', 'nope.json'], { cwd });
    expect(missing).toEqual({ code: 2, stdout: '', stderr: 'pgparity: waiver file nope.json: no such file\n' });
    const bad = await runCli(['check', '--url', live.url, '--migrations', MIGRATIONS, '--waivers', 'bad.json'], { cwd });
    expect(bad).toEqual({ code: 2, stdout: '', stderr: 'pgparity: bad.json: waivers[0].expires must be a date as YYYY-MM-DD (got "soon")\n' });
  });
});
