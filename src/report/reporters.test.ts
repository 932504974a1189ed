import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { buildReport } from '../compare/verdict.js';
import type { Finding } from '../model/finding.js';
import type { Report } from '../model/report.js';
import { applyWaivers } from '../waivers/apply.js';
import { renderAnnotations } from './annotations.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderText } from './text.js';

/**
 * Every reporter on the drift fixtures: the report is built from the findings each
 * fixture commits in expected.json (what `pgparity check` must report for it), with fixed
 * sides, so the output is deterministic. Goldens under __golden__ are the reporters'
 * contract: update with `npx vitest run src/report -u` and read the diff before committing.
 */
const FIXTURES = ['ensure-schema', 'create-all', 'pending-migration'] as const;
const tool = { name: 'pgparity', version: '0.1.0' };
const JUNIT_XSD = readFileSync(new URL('../../test/schemas/junit-10.xsd', import.meta.url), 'utf8');

function fixtureFindings(name: string): Finding[] {
  const expected = JSON.parse(readFileSync(new URL(`../../fixtures/${name}/expected.json`, import.meta.url), 'utf8')) as { findings: Finding[] };
  return expected.findings;
}

function fixtureReport(name: string): Report {
  return buildReport({
    expected: { source: `migrations:fixtures/${name}/migrations`, serverVersion: '18.4', provider: 'embedded' },
    actual: { source: `postgres://app@db:5432/${name}`, serverVersion: '18.4' },
    findings: fixtureFindings(name),
    warnings: [],
  });
}

/** ensure-schema with one waiver in force, one expired and one that matches nothing, on a fixed day. */
function waivedReport(): Report {
  return applyWaivers(
    fixtureReport('ensure-schema'),
    [
      {
        key: 'public.message_read_receipts',
        change: 'extra',
        kind: 'table',
        reason: 'read receipts ship in 2026.07; migration under review in #412',
        owner: 'team-messaging',
        expires: '2026-07-01',
      },
      { key: 'public.messages.messages_unread_idx', reason: 'hot-fix index, to be folded into a migration', owner: 'dba@example.com', expires: '2026-02-01' },
      { key: 'public.legacy_sessions', kind: 'table', reason: 'dropped by hand last spring', owner: 'ops', expires: '2026-12-31' },
    ],
    new Date('2026-03-01T09:30:00Z'),
  );
}

/** The same parity report as report.test.ts, whose parity.txt / parity.json goldens this shares. */
const parity: Report = buildReport({
  expected: { source: 'migrations:db/migrations', serverVersion: '18.4', provider: 'embedded' },
  actual: { source: 'postgres://app@db/prod', serverVersion: '18.4' },
  findings: [],
  warnings: [],
});

const cases: ReadonlyArray<readonly [string, () => Report]> = [
  ...FIXTURES.map((name) => [name, () => fixtureReport(name)] as const),
  ['ensure-schema.waived', waivedReport],
  ['parity', () => parity],
];

async function validateJunit(xml: string): Promise<void> {
  const result = await validateXML({ xml: [{ fileName: 'report.xml', contents: xml }], schema: [{ fileName: 'junit-10.xsd', contents: JUNIT_XSD }] });
  expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
  expect(result.valid).toBe(true);
}

describe.each(cases)('reporters on %s', (name, report) => {
  test('text', async () => {
    await expect(renderText(report(), { color: false })).toMatchFileSnapshot(`./__golden__/${name}.txt`);
  });

  test('json', async () => {
    await expect(renderJson(report(), tool)).toMatchFileSnapshot(`./__golden__/${name}.json`);
  });

  test('markdown', async () => {
    await expect(renderMarkdown(report())).toMatchFileSnapshot(`./__golden__/${name}.md`);
  });

  test('junit, valid against the JUnit XSD', async () => {
    const xml = renderJunit(report());
    await expect(xml).toMatchFileSnapshot(`./__golden__/${name}.junit.xml`);
    await validateJunit(xml);
  });

  test('GitHub Actions annotations', async () => {
    await expect(renderAnnotations(report())).toMatchFileSnapshot(`./__golden__/${name}.annotations.txt`);
  });
});

describe('waivers in the reports', () => {
  test('json: the waiver on its finding, a waived count, stale waivers at the top level', () => {
    const json = JSON.parse(renderJson(waivedReport(), tool)) as {
      summary: object;
      findings: Array<Record<string, unknown>>;
      warnings: string[];
      staleWaivers: object[];
    };
    expect(json.summary).toEqual({ missing: 2, extra: 2, changed: 0, waived: 1 });
    expect(json.findings.filter((f) => 'waiver' in f).map((f) => [f.key, f.waiver])).toEqual([
      [
        'public.message_read_receipts',
        { reason: 'read receipts ship in 2026.07; migration under review in #412', owner: 'team-messaging', expires: '2026-07-01' },
      ],
    ]);
    expect(Object.keys(json.findings.find((f) => 'waiver' in f)!).at(-1)).toBe('waiver');
    expect(json.staleWaivers).toEqual([
      { key: 'public.legacy_sessions', kind: 'table', reason: 'dropped by hand last spring', owner: 'ops', expires: '2026-12-31' },
    ]);
    expect(json.warnings).toEqual([
      'the waiver for public.messages.messages_unread_idx expired on 2026-02-01 (owner dba@example.com: hot-fix index, to be folded into a migration): its finding counts again; fix the drift or extend the waiver',
      'stale waiver: public.legacy_sessions (table) matches no finding (owner ops): the drift it accepted is gone; remove the waiver',
    ]);
  });

  test('json without waivers has no waiver fields at all', () => {
    const json = renderJson(fixtureReport('ensure-schema'), tool);
    expect(json).not.toContain('waive');
  });

  test('junit: waived findings are skipped, findings below --fail-on pass', () => {
    const xml = renderJunit(waivedReport(), { failOn: 'error' });
    expect(xml).toContain('<skipped message="waived until 2026-07-01 by team-messaging: read receipts ship in 2026.07; migration under review in #412"/>');
    // 4 differences and the runtime-writer hazard behind two of them (a warning: it passes).
    expect(xml).toMatch(/<testsuites name="pgparity" tests="5" failures="3" errors="0" time="0">/);
    const createAll = renderJunit(fixtureReport('create-all'), { failOn: 'error' });
    expect(createAll).toMatch(/<testsuites name="pgparity" tests="7" failures="2"/);
    expect(renderJunit(fixtureReport('create-all'), { failOn: 'warning' })).toMatch(/<testsuites name="pgparity" tests="7" failures="7"/);
  });
});

describe('junit schema', () => {
  test('the validator does reject what CI systems would not read', async () => {
    const result = await validateXML({
      xml: [
        {
          fileName: 'bad.xml',
          contents: '<testsuites><testsuite name="x" tests="one" failures="0" errors="0"><testcase classname="x"/></testsuite></testsuites>',
        },
      ],
      schema: [{ fileName: 'junit-10.xsd', contents: JUNIT_XSD }],
    });
    expect(result.valid).toBe(false);
    expect(result.errors.map((e) => e.rawMessage).join('\n')).toMatch(/tests.*one|name.*required/);
  });
});

describe('junit escaping', () => {
  test('markup, quotes, newlines and control characters stay valid XML', async () => {
    const report = buildReport({
      expected: { source: 'migrations:db/<m&m>', serverVersion: '18.4' },
      actual: { source: 'postgres://app@db/"prod"', serverVersion: '18.4' },
      findings: [
        {
          change: 'changed',
          kind: 'view',
          key: 'public.v',
          object: { schema: 'public', name: 'v' },
          attribute: 'definition',
          expected: " SELECT 1 WHERE a < b AND c > 'x&y'\n  AND d = '\u0001';",
          actual: ' SELECT 2 ]]> "quoted"',
          severity: 'error',
          message: 'view public.v: definition differs between migrations and live\tfor <reasons>',
        },
      ],
      warnings: ['a warning with <angle> & ampersand'],
    });
    const xml = renderJunit(report);
    await validateJunit(xml);
    expect(xml).toContain('message="view public.v: definition differs between migrations and live&#9;for &lt;reasons&gt;"');
    expect(xml).not.toContain('\u0001');
  });
});

describe('markdown escaping', () => {
  test('pipes, emphasis and HTML in names and values do not break the table', () => {
    const report = buildReport({
      expected: { source: 'migrations:db/migrations', serverVersion: '18.4' },
      actual: { source: 'postgres://app@db/prod', serverVersion: '18.4' },
      findings: [
        {
          change: 'changed',
          kind: 'column',
          key: 'public.t.a|b',
          object: { schema: 'public', table: 't', name: 'a|b' },
          attribute: 'default',
          expected: "'x|y'::text",
          actual: '`tick`',
          severity: 'error',
          message: 'column public.t.a|b: default is `tick` in live, <b>*bold*</b> _x_ in migrations',
        },
      ],
      warnings: [],
    });
    const row = renderMarkdown(report)
      .split('\n')
      .find((l) => l.startsWith('| 🔴 error'))!;
    // Five cells: no pipe leaks out of a cell.
    expect(row.split(/(?<!\\)\|/).length).toBe(7);
    expect(row).toContain('\\<b\\>\\*bold\\*\\</b\\> \\_x\\_');
    expect(row).toContain("`'x\\|y'::text`");
    expect(row).toContain('`` `tick` ``');
  });
});

describe('annotations', () => {
  test('on the migration file and line when the cause is known, escaped as the runner expects', () => {
    const [finding] = fixtureFindings('pending-migration');
    const caused: Finding = {
      ...finding!,
      cause: {
        type: 'pending_migration',
        location: { file: 'db/migrations/003_decision_memory.sql', line: 12 },
        message: 'created by db/migrations/003_decision_memory.sql:12 — has this migration run?',
      },
    };
    const report = buildReport({ ...fixtureReport('pending-migration'), findings: [caused], warnings: ['100% sure, really:\nyes'] });
    expect(renderAnnotations(report)).toBe(
      [
        '::warning title=pgparity::100%25 sure, really:%0Ayes',
        '::error file=db/migrations/003_decision_memory.sql,line=12,title=pgparity%3A missing table public.decision_memory (missing.table)::table public.decision_memory is missing in live (the migrations create it)%0Acreated by db/migrations/003_decision_memory.sql:12 — has this migration run?',
        '',
      ].join('\n'),
    );
  });

  test('waived findings are not annotated', () => {
    // The runtime writer's cause may name it; the waived finding itself gets no annotation.
    expect(renderAnnotations(waivedReport())).not.toContain('title=pgparity%3A extra table public.message_read_receipts');
  });
});
