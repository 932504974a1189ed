import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { clientUrl, missingRequirement, runShell } from './support/framework.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { ROOT, runCli } from './support/cli.js';

interface Scenario {
  readonly description: string;
  /** SQL scripts that build the live database … */
  readonly live?: readonly string[];
  /** … or a command run in the fixture directory with DATABASE_URL set to it (the ORM builds it). */
  readonly liveCommand?: string;
  /** A command that must succeed for the scenario to run (the framework is installed); else it is skipped, saying why. */
  readonly requires?: { readonly command: string; readonly reason: string };
  /** `--migrations`, relative to the fixture (default `migrations`). */
  readonly migrations?: string;
  /** `expected.source` in the report, when it is not `migrations:<dir>` (a framework replays them). */
  readonly expectedSource?: string;
  /** What the run says on stderr, besides the report (`pgparity: warning: …` lines). */
  readonly warnings?: readonly string[];
  readonly exitCode: number;
}

const FIXTURES = join(ROOT, 'fixtures');
// Only folders with a scenario.json are `check` scenarios (fixtures/history/ holds `pgparity history` ones).
const names = (await readdir(FIXTURES, { withFileTypes: true }))
  .filter((e) => e.isDirectory() && existsSync(join(FIXTURES, e.name, 'scenario.json')))
  .map((e) => e.name)
  .sort();
const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const db of databases) await db.drop();
});

/**
 * Each scenario is an end-to-end run of the built CLI: build the live database from
 * the scenario's scripts, `pgparity check` it against the scenario's migrations, and
 * compare exit code and JSON findings with what the scenario says must be reported.
 */
describe.each(names)('fixture %s', (name) => {
  test('check reports exactly the expected findings and exit code', async ({ skip }) => {
    const dir = join(FIXTURES, name);
    const scenario = JSON.parse(await readFile(join(dir, 'scenario.json'), 'utf8')) as Scenario;
    const expected = JSON.parse(await readFile(join(dir, 'expected.json'), 'utf8')) as Record<string, unknown>;
    const missing = scenario.requires && (await missingRequirement(scenario.requires.command, dir));
    if (missing) {
      console.log(`fixture ${name} skipped: ${scenario.requires!.reason} (${missing})`);
      skip();
    }
    const live = await createTestDatabase();
    databases.push(live);
    for (const file of scenario.live ?? []) await live.exec(await readFile(join(dir, file), 'utf8'));
    if (scenario.liveCommand) await runShell(scenario.liveCommand, dir, { DATABASE_URL: clientUrl(live.target) });

    // A scenario's application code (`app/`) is scanned for the runtime schema writers behind its drift.
    const appSource = existsSync(join(dir, 'app')) ? ['--app-source', `fixtures/${name}/app`] : [];
    const migrations = `fixtures/${name}/${scenario.migrations ?? 'migrations'}`.replace(/\/\.$/, '');
    const result = await runCli(['check', '--url', live.url, '--migrations', migrations, ...appSource, '--format', 'json']);

    expect(result.stderr).toBe((scenario.warnings ?? []).map((w) => `pgparity: warning: ${w}\n`).join(''));
    expect(result.code).toBe(scenario.exitCode);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    // `skipped` (files attribution could not read) is compared where the scenario states it.
    const compared = {
      verdict: report.verdict,
      summary: report.summary,
      findings: report.findings,
      ...('skipped' in expected ? { skipped: report.skipped } : {}),
    };
    expect(compared).toEqual(expected);
    expect(report.expected).toMatchObject({ source: scenario.expectedSource ?? `migrations:${migrations}`, provider: 'embedded' });
    expect(result.stdout).not.toContain(live.target.password);
  });
});
