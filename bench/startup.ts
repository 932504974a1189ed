/**
 * Start-up (target: under 0.2 s as whole processes): `pgparity --version`, `--help` and `check --help`,
 * each timed from spawn to exit, interleaved run by run with a bare `node -e 0` (node's own start-up,
 * the floor). Each command's handler, with pg, libpg-query, zod and the reports, loads only when the
 * command runs (src/cli/main.ts); test/startup.test.ts checks what is loaded, this how long it takes.
 *
 * Standalone: `npm run build && npx tsx bench/startup.ts [runs]` (default 21 runs).
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SectionResult } from './introspection.js';
import { header, row, runChecked, seconds, stats } from './stats.js';

const TARGET_MS = 200;

export async function benchStartup(cli: string, runs: number): Promise<SectionResult> {
  const cases = [
    { key: 'node', label: 'node -e 0 (node alone: the floor)', args: ['-e', '0'] },
    { key: 'version', label: 'pgparity --version', args: [cli, '--version'] },
    { key: 'help', label: 'pgparity --help', args: [cli, '--help'] },
    { key: 'checkHelp', label: 'pgparity check --help', args: [cli, 'check', '--help'] },
  ] as const;
  const env = { ...process.env, NO_COLOR: '1' };
  // One untimed round: the file cache, not the first run, is what a user's second call meets.
  for (const c of cases) await runChecked(process.execPath, c.args, { env });
  const loadBefore = loadavg()[0]!;
  const times: number[][] = cases.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (const [j, c] of cases.entries()) times[j]!.push((await runChecked(process.execPath, c.args, { env })).ms);
  }
  const loadAfter = loadavg()[0]!;
  const measured = cases.map((c, j) => ({ ...c, stats: stats(times[j]!) }));
  const floor = measured[0]!.stats.median;
  const cliCases = measured.slice(1);
  const met = cliCases.every((c) => c.stats.median < TARGET_MS);
  const lines = [
    `Start-up (target: under ${seconds(TARGET_MS)} as whole processes, median of ${runs}) — load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after`,
    header(),
    row(measured[0]!.label, measured[0]!.stats),
    ...cliCases.map((c) =>
      row(c.label, c.stats, `${c.stats.median < TARGET_MS ? 'within' : 'OVER'} ${seconds(TARGET_MS)}; node alone + ${seconds(c.stats.median - floor)}`),
    ),
  ];
  return {
    lines,
    json: {
      runs,
      targetMs: TARGET_MS,
      loadAverage: { before: loadBefore, after: loadAfter },
      ...Object.fromEntries(measured.map((c) => [`${c.key}Ms`, c.stats])),
      met,
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const runs = Number(process.argv[2] ?? 21);
  const cli = join(fileURLToPath(new URL('../', import.meta.url)), 'dist', 'cli', 'main.js');
  const result = await benchStartup(cli, runs);
  process.stdout.write(`${result.lines.join('\n')}\n`);
}
