import { describe, expect, test } from 'vitest';
import type { Finding } from '../model/finding.js';
import { buildReport, exitCodeFor } from './verdict.js';

const sides = {
  expected: { source: 'migrations:db/migrations', serverVersion: '18.4', provider: 'embedded' },
  actual: { source: 'postgres://app@db/prod', serverVersion: '18.4' },
};

function finding(change: Finding['change'], severity: Finding['severity'], name: string): Finding {
  return { change, kind: 'table', key: `public.${name}`, object: { schema: 'public', name }, severity, message: name };
}

describe('buildReport', () => {
  test('no findings is parity, and exits 0 whatever --fail-on says', () => {
    const report = buildReport({ ...sides, findings: [], warnings: [] });
    expect(report).toEqual({ verdict: 'parity', ...sides, summary: { missing: 0, extra: 0, changed: 0 }, findings: [], warnings: [] });
    expect(exitCodeFor(report, 'info')).toBe(0);
  });

  test('any finding is drift, counted by change and sorted; the exit code follows --fail-on', () => {
    const findings = [finding('changed', 'info', 'c'), finding('extra', 'warning', 'b'), finding('missing', 'warning', 'a'), finding('extra', 'warning', 'd')];
    const report = buildReport({ ...sides, findings, warnings: ['live runs 15.18'] });
    expect(report.verdict).toBe('drift');
    expect(report.summary).toEqual({ missing: 1, extra: 2, changed: 1 });
    expect(report.findings.map((f) => f.key)).toEqual(['public.a', 'public.b', 'public.c', 'public.d']);
    expect(report.warnings).toEqual(['live runs 15.18']);
    expect(exitCodeFor(report, 'error')).toBe(0);
    expect(exitCodeFor(report, 'warning')).toBe(1);
    expect(exitCodeFor(report, 'info')).toBe(1);
  });
});
