import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../../model/errors.js';
import { connect } from '../../db/connect.js';
import { startEmbeddedServer } from '../../scratch/embedded.js';
import { diff } from '../../commands/diff.js';
import { exitCodeFor } from '../../compare/index.js';
import { clearProgress, useColor, withProgress } from '../console.js';
import { writeReports } from './write-report.js';
import type { DemoArgs } from '../demo.js';

// The build copies the fixture scenarios marked `"demo": true` here (scripts/copy-assets.mjs).
const SCENARIOS = fileURLToPath(new URL('../../demo/', import.meta.url));

interface Scenario {
  readonly description: string;
  readonly live: readonly string[];
}

/** Build a drifted "live" database on an embedded server from a bundled scenario and check it against the scenario's migrations. */
export async function runDemo(argv: DemoArgs): Promise<void> {
  const absolute = join(SCENARIOS, argv.scenario);
  // Shown in the report: relative when run from the package, as a user would type it.
  const dir = relative(process.cwd(), absolute).startsWith('..') ? absolute : relative(process.cwd(), absolute);
  const scenario = await readScenario(dir, argv.scenario);
  const { progress } = withProgress(argv.quiet);
  progress?.('starting an embedded PostgreSQL to play the live database');
  const liveServer = await startEmbeddedServer();
  try {
    const live = await liveServer.createDatabase();
    const client = await connect(live.target, { readOnly: false });
    try {
      for (const file of scenario.live) await client.query(await readFile(join(dir, file), 'utf8'));
    } finally {
      await client.end();
    }
    const { report } = await diff({
      from: { type: 'migrations', path: join(dir, 'migrations') },
      to: { type: 'url', url: `demo:${argv.scenario}` },
      toTarget: live.target,
      scratch: { type: 'embedded' },
      // The scenario's application code, when it has some: the causes of its drift.
      ...(existsSync(join(dir, 'app')) ? { appSources: [join(dir, 'app')] } : {}),
      ...(progress ? { progress } : {}),
    });
    clearProgress();
    const color = useColor(process.stdout, argv.color);
    if (!argv.format || argv.format.includes('text')) {
      process.stdout.write(`${color ? '\x1b[1m' : ''}Scenario ${argv.scenario}:${color ? '\x1b[0m' : ''} ${scenario.description}\n\n`);
    }
    await writeReports(report, argv.format, undefined, argv.color);
    const code = exitCodeFor(report, 'error');
    if (!argv.format || argv.format.includes('text')) {
      process.stdout.write(
        `\nExit code ${code}, as \`pgparity check\` gives it. Try another scenario: ${(await scenarioNames()).join(', ')} (pgparity demo --scenario NAME).\n`,
      );
    }
    // The demo's exit code is the one `check` would give, so scripts can try it too.
    process.exitCode = code;
  } finally {
    await liveServer.close();
  }
}

async function readScenario(dir: string, name: string): Promise<Scenario> {
  try {
    return JSON.parse(await readFile(join(dir, 'scenario.json'), 'utf8')) as Scenario;
  } catch {
    throw new ConfigError(`unknown demo scenario "${name}": choose one of ${(await scenarioNames()).join(', ')}`);
  }
}

async function scenarioNames(): Promise<string[]> {
  const entries = await readdir(SCENARIOS, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}
