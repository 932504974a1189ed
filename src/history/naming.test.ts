import { describe, expect, test } from 'vitest';
import type { MigrationFile } from './files.js';
import { namingFindings } from './naming.js';

const file = (label: string, version?: string[]): MigrationFile => ({
  key: label,
  aliases: [],
  label,
  file: `db/${label}`,
  path: `/db/${label}`,
  group: '',
  ...(version ? { version } : {}),
});

describe('namingFindings (strictly ordered, monotonic file names)', () => {
  test('two files with one version collide', () => {
    const findings = namingFindings([file('001_init.sql', ['001']), file('002_a.sql', ['002']), file('002_b.sql', ['002'])], {
      framework: 'plain',
      sortsByName: true,
    });
    expect(findings.map((f) => [f.problem, f.severity, f.file])).toEqual([['duplicate_version', 'error', 'db/002_b.sql']]);
  });

  test('numbers of several widths sort differently by name and by number', () => {
    const findings = namingFindings([file('9_views.sql', ['9']), file('10_audit.sql', ['10'])], { framework: 'plain', sortsByName: true });
    expect(findings.map((f) => [f.problem, f.file])).toEqual([['ambiguous_order', 'db/10_audit.sql']]);
    expect(namingFindings([file('9_views.sql', ['9']), file('10_audit.sql', ['10'])], { framework: 'golang-migrate' })).toEqual([]);
  });

  test('a file without a version among versioned ones', () => {
    const findings = namingFindings([file('001_init.sql', ['001']), file('hotfix.sql')], { framework: 'plain', sortsByName: true });
    expect(findings.map((f) => [f.problem, f.severity])).toEqual([['unversioned_file', 'warning']]);
  });

  test('fixed-width versions are fine', () => {
    expect(
      namingFindings([file('001_a.sql', ['001']), file('002_b.sql', ['002']), file('010_c.sql', ['010'])], { framework: 'plain', sortsByName: true }),
    ).toEqual([]);
  });
});
