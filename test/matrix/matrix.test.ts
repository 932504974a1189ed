/**
 * The zero-false-positive promise across PostgreSQL majors: the rich schema (every object kind
 * pgparity compares) loaded into a live database and replayed into a scratch one reports
 * parity, on each supported major and with live and scratch on different majors.
 *
 * Every ordered pair of majors runs (about a second each: the servers are started once). A major
 * whose embedded package is not installed is skipped, with the reason printed.
 */
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { diff } from '../../src/commands/diff.js';
import { targetUrl } from '../../src/db/target.js';
import type { ScratchServer } from '../../src/scratch/provider.js';
import { MAJORS, loadDatabase, richSchemaFile, startMajor, tempDir } from './support.js';

const PAIRS: readonly (readonly [live: number, scratch: number])[] = MAJORS.flatMap((a) => MAJORS.filter((b) => b !== a).map((b) => [a, b] as const));

const servers = new Map<number, ScratchServer>();
const missing = new Map<number, string>();
const timings: string[] = [];
let dir: string;

beforeAll(async () => {
  dir = await tempDir();
  // One after another: two cores, and other test files run beside this one.
  for (const major of MAJORS) {
    const server = await startMajor(major);
    if (typeof server === 'string') {
      missing.set(major, server);
      console.log(`matrix: skipping PostgreSQL ${major}: ${server}`);
    } else {
      servers.set(major, server);
    }
  }
}, 300_000);

afterAll(async () => {
  for (const server of servers.values()) await server.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  if (timings.length > 0) console.log(`matrix timings:\n${timings.join('\n')}`);
});

/** Live on `liveMajor` holds the schema both majors support; it is replayed into a scratch database on `scratchMajor`. */
async function parityRun(liveMajor: number, scratchMajor: number, scratchServer: 'embedded' | 'shared') {
  const live = servers.get(liveMajor)!;
  const file = await richSchemaFile(Math.min(liveMajor, scratchMajor), dir);
  const db = await loadDatabase(live, file);
  const started = Date.now();
  const scratch = servers.get(scratchMajor)!;
  // Same major: replayed into a new embedded server of that major, as `--scratch embedded:NN` does.
  // Across majors: into a database on the already running server of the other major (a server URL scratch).
  const { report } = await diff({
    from: { type: 'sql-file', path: file },
    to: { type: 'url', url: targetUrl(db.target) },
    scratch:
      scratchServer === 'embedded'
        ? { type: 'embedded', major: scratchMajor }
        : { type: 'url', url: targetUrl({ ...(await scratch.createDatabase()).target, database: 'postgres' }) },
  });
  timings.push(`  live ${liveMajor} → scratch ${scratchMajor}: ${Date.now() - started} ms, ${report.findings.length} findings`);
  return report;
}

describe.each(MAJORS)('PostgreSQL %i', (major) => {
  test('the rich schema replayed into a scratch server of the same major is at parity with live', async (ctx) => {
    if (missing.has(major)) return ctx.skip(missing.get(major));
    const report = await parityRun(major, major, 'embedded');
    expect(report.findings).toEqual([]);
    expect(report.verdict).toBe('parity');
    expect(report.expected.serverVersion.split('.')[0]).toBe(String(major));
    expect(report.warnings).toEqual([]);
  }, 120_000);
});

describe('live and scratch on different majors', () => {
  test.for(PAIRS)('live %i, scratch %i: parity, with a warning about the majors', { timeout: 120_000 }, async ([liveMajor, scratchMajor], ctx) => {
    const absent = [liveMajor, scratchMajor].find((m) => missing.has(m));
    if (absent !== undefined) return ctx.skip(missing.get(absent));
    const report = await parityRun(liveMajor, scratchMajor, 'shared');
    expect([report.actual.serverVersion.split('.')[0], report.expected.serverVersion.split('.')[0]]).toEqual([String(liveMajor), String(scratchMajor)]);
    expect(report.findings).toEqual([]);
    expect(report.verdict).toBe('parity');
    expect(report.warnings).toEqual([expect.stringContaining(`live runs ${liveMajor}.`)]);
  });
});
