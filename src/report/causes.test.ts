import { describe, expect, test } from 'vitest';
import { buildReport } from '../compare/verdict.js';
import type { Finding } from '../model/finding.js';
import { renderJson } from './json.js';
import { renderText } from './text.js';

const sides = { expected: { source: 'migrations:db/migrations', serverVersion: '18.4' }, actual: { source: 'postgres://app@db/prod', serverVersion: '18.4' } };

const missing: Finding = {
  change: 'missing',
  kind: 'column',
  key: 'public.users.email_verified',
  object: { schema: 'public', table: 'users', name: 'email_verified' },
  severity: 'error',
  message: 'column public.users.email_verified is missing in live (the migrations create it)',
  cause: {
    type: 'pending_migration',
    location: { file: 'db/migrations/0042_add_email_verified.sql', line: 3 },
    message: 'created by db/migrations/0042_add_email_verified.sql:3 — has this migration run?',
  },
};

const writer: Finding = {
  change: 'hazard',
  kind: 'runtime_writer',
  key: 'app/src/db.ts#ensureSchema',
  object: { schema: 'public', name: 'ensureSchema' },
  severity: 'warning',
  message:
    'ensureSchema() at app/src/db.ts:12 changes the schema at runtime (1 × CREATE TABLE IF NOT EXISTS), outside the migrations: schema changes belong in a migration',
  cause: {
    type: 'runtime_writer',
    location: { file: 'app/src/db.ts', line: 12 },
    writer: { name: 'ensureSchema', location: { file: 'app/src/db.ts', line: 12 } },
    message: 'nothing it writes differs from the migrations today',
  },
};

describe('causes in the reports', () => {
  test('JSON: an optional cause after the message, and the skipped files', () => {
    const report = buildReport({
      ...sides,
      findings: [missing, writer],
      warnings: [],
      skipped: [{ file: 'app/legacy.ts', reason: 'cannot read its strings: unterminated template literal at line 3' }],
    });
    const json = JSON.parse(renderJson(report, { name: 'pgparity', version: '0.1.0' })) as {
      findings: Record<string, unknown>[];
      skipped: unknown;
      summary: unknown;
    };
    const byKey = new Map(json.findings.map((f) => [f.key, f]));
    expect(Object.keys(byKey.get(missing.key)!)).toEqual(['change', 'kind', 'key', 'object', 'severity', 'message', 'cause']);
    expect(byKey.get(missing.key)!.cause).toEqual(missing.cause);
    expect(byKey.get(writer.key)!.cause).toEqual(writer.cause);
    expect(json.skipped).toEqual([{ file: 'app/legacy.ts', reason: 'cannot read its strings: unterminated template literal at line 3' }]);
    // A hazard is a finding, not a difference: the summary counts differences only.
    expect(json.summary).toEqual({ missing: 1, extra: 0, changed: 0 });
  });

  test('JSON: no skipped key when attribution did not run', () => {
    const json = JSON.parse(renderJson(buildReport({ ...sides, findings: [], warnings: [] }), { name: 'pgparity', version: '0.1.0' })) as object;
    expect(json).not.toHaveProperty('skipped');
  });

  test('text: a dimmed second line says why, hazards are counted apart, skipped files get a note', () => {
    const report = buildReport({
      ...sides,
      findings: [missing, writer],
      warnings: [],
      skipped: [{ file: 'app/legacy.ts', reason: 'unterminated template literal at line 3' }],
    });
    const text = renderText(report, { color: false });
    expect(text).toContain('pgparity: DRIFT — 1 missing, 0 extra, 0 changed; 1 runtime schema writer — fails --fail-on error: 1 error, 1 warning\n');
    expect(text).toContain(
      [
        '  - error   column public.users.email_verified is missing in live (the migrations create it)',
        '            ↳ created by db/migrations/0042_add_email_verified.sql:3 — has this migration run?',
      ].join('\n'),
    );
    expect(text).toContain('  ! warning ensureSchema() at app/src/db.ts:12');
    expect(text).toContain('note: 1 file or directory was left out of the causes of drift:\n  app/legacy.ts: unterminated template literal at line 3');
    expect(renderText(report, { color: true })).toContain('\u001b[2m↳ created by');
  });

  test('a runtime writer alone is not drift: parity, with the hazard listed', () => {
    const report = buildReport({ ...sides, findings: [writer], warnings: [], skipped: [] });
    expect(report.verdict).toBe('parity');
    const text = renderText(report, { color: false });
    expect(text.split('\n')[0]).toBe('pgparity: parity — no differences; 1 runtime schema writer — passes --fail-on error: 1 warning');
    expect(text).toContain('0 errors, 1 warning, 0 info');
    // The headline states the gate the exit code reports: hazards count at their severity.
    expect(renderText(report, { color: false, failOn: 'warning' }).split('\n')[0]).toBe(
      'pgparity: parity — no differences; 1 runtime schema writer — fails --fail-on warning: 1 warning',
    );
    expect(JSON.parse(renderJson(report, { name: 'pgparity', version: '0.1.0' }, { failOn: 'warning' }))).toMatchObject({
      verdict: 'parity',
      gate: { failOn: 'warning', passed: false },
    });
  });

  test('only info findings: drift, and the headline says the default gate passes', () => {
    const order = {
      ...missing,
      change: 'changed' as const,
      kind: 'table' as const,
      key: 'public.users',
      attribute: 'columnOrder',
      severity: 'info' as const,
      message: 'column order differs',
    };
    const report = buildReport({ ...sides, findings: [order, order, order], warnings: [] });
    expect(renderText(report, { color: false }).split('\n')[0]).toBe('pgparity: DRIFT — 0 missing, 0 extra, 3 changed — passes --fail-on error: 3 info');
    expect(renderText(report, { color: false, failOn: 'info' }).split('\n')[0]).toBe(
      'pgparity: DRIFT — 0 missing, 0 extra, 3 changed — fails --fail-on info: 3 info',
    );
  });
});
