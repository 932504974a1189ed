import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { ROOT, runCli } from './support/cli.js';

/**
 * The config file end to end through the built CLI, on the create-all fixture (2 extra
 * objects at error, 4 renames at warning). Each run works in its own directory.
 */
const FIXTURE = join(ROOT, 'fixtures/create-all');

let live: TestDatabase;
beforeAll(async () => {
  live = await createTestDatabase();
  await live.exec(await readFile(join(FIXTURE, 'live.sql'), 'utf8'));
});
afterAll(() => live.drop());

async function workdir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pgparity-config-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

const config = (value: object): string => `${JSON.stringify(value, null, 2)}\n`;

describe('a malformed config file is a one-line error, exit 2', () => {
  test('a value out of range', async () => {
    const cwd = await workdir({ 'pgparity.config.json': config({ migrations: 'db/migrations', failOn: 'fatal' }) });
    const r = await runCli(['check', '--url', live.url], { cwd });
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'pgparity: pgparity.config.json: failOn must be one of error, warning, info (got "fatal")\n' });
  });

  test('a misspelt key, in package.json', async () => {
    const cwd = await workdir({ 'package.json': config({ name: 'app', pgparity: { excludeTable: ['audit_*'] } }) });
    const r = await runCli(['check', '--url', live.url], { cwd });
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'pgparity: package.json: unknown key pgparity.excludeTable (did you mean excludeTables?)\n' });
  });

  test('invalid JSON, and a --config file that does not exist', async () => {
    const cwd = await workdir({ '.pgparityrc.json': '{ "failOn": "error", }' });
    const r = await runCli(['diff', '--from', 'a.json', '--to', 'b.json'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^pgparity: \.pgparityrc\.json: not valid JSON \(.+line 1 column 22\)\n$/);
    const missing = await runCli(['check', '--config', 'ci/pgparity.json'], { cwd });
    expect(missing).toEqual({ code: 2, stdout: '', stderr: 'pgparity: --config ci/pgparity.json: no such file\n' });
  });
});

describe('the config file drives check; flags override it', () => {
  test('migrations, severities and format from the config (paths relative to it)', async () => {
    const cwd = await workdir({
      'pgparity.config.json': config({
        migrations: join(FIXTURE, 'migrations'),
        severities: { 'extra.index': 'warning', 'extra.column': 'info' },
        format: 'json',
        historyTable: 'public.schema_migrations',
      }),
    });
    const r = await runCli(['check', '--url', live.url], { cwd });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { findings: Array<{ key: string; severity: string }> };
    expect(report.findings.filter((f) => f.key === 'public.pours.pours_poured_at_idx' || f.key === 'public.taps.notes').map((f) => f.severity)).toEqual([
      'warning',
      'info',
    ]);

    // --fail-on and --format on the command line win over the config.
    const strict = await runCli(['check', '--url', live.url, '--fail-on', 'warning', '--format', 'text'], { cwd });
    expect(strict.code).toBe(1);
    // The config's severities leave no error: the headline says which gate fails, and on what.
    expect(strict.stdout).toMatch(/^pgparity: DRIFT — 0 missing, 2 extra, 4 changed — fails --fail-on warning: 5 warnings, 1 info\n/);
  });

  test('failOn and excludeObjects from --config; annotations under GitHub Actions go to stderr, never into the JSON', async () => {
    const cwd = await workdir({
      'ci.json': config({
        migrations: join(FIXTURE, 'migrations'),
        failOn: 'warning',
        excludeObjects: ['column:public.taps.*', 'index:public.pours.pours_poured_at_idx'],
      }),
    });
    const r = await runCli(['check', '--url', live.url, '--config', 'ci.json', '--format', 'json'], { cwd, env: { GITHUB_ACTIONS: 'true' } });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { summary: object; findings: Array<{ key: string }> };
    expect(report.summary).toEqual({ missing: 0, extra: 0, changed: 4 });
    // Each annotation sits on the migration statement that shaped the object (its cause).
    const baseline = join(FIXTURE, 'migrations', '0001_baseline.sql');
    const lookup = join(FIXTURE, 'migrations', '0002_pour_lookup.sql');
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      `::warning file=${baseline},line=22,title=pgparity%3A changed constraint public.pours.pours_tap_id_fkey (changed.constraint.name)::constraint public.pours.pours_tap_id_fkey is named fk_pours_tap_id_taps in live%0Aexpected (migrations): pours_tap_id_fkey%0Aactual (live): fk_pours_tap_id_taps%0Alast shaped by ${baseline}:22 (CREATE TABLE public.pours)`,
      `::warning file=${lookup},line=1,title=pgparity%3A changed index public.pours.pours_tap_id_poured_at_idx (changed.index.name)::index public.pours.pours_tap_id_poured_at_idx is named ix_pours_tap_id_poured_at in live%0Aexpected (migrations): pours_tap_id_poured_at_idx%0Aactual (live): ix_pours_tap_id_poured_at%0Alast shaped by ${lookup}:1 (CREATE INDEX pours_tap_id_poured_at_idx ON public.pours)`,
      `::warning file=${baseline},line=14,title=pgparity%3A changed constraint public.taps.taps_venue_id_fkey (changed.constraint.name)::constraint public.taps.taps_venue_id_fkey is named fk_taps_venue_id_venues in live%0Aexpected (migrations): taps_venue_id_fkey%0Aactual (live): fk_taps_venue_id_venues%0Alast shaped by ${baseline}:14 (CREATE TABLE public.taps)`,
      `::warning file=${baseline},line=6,title=pgparity%3A changed constraint public.venues.venues_name_key (changed.constraint.name)::constraint public.venues.venues_name_key is named uq_venues_name in live%0Aexpected (migrations): venues_name_key%0Aactual (live): uq_venues_name%0Alast shaped by ${baseline}:6 (CREATE TABLE public.venues)`,
    ]);
  });
});
