import type { MigrationFile } from './files.js';
import { versionText } from './files.js';
import type { HistoryFinding } from './model.js';

/**
 * File names that break a strictly monotonic order (what a plain-SQL history relies on to
 * know what runs first): two files with one version, a file without a version among
 * versioned ones, and — for tools that order by file name — numbers of several widths,
 * which sort one way by number and another by name: tools and people disagree on what runs first.
 */
export function namingFindings(
  files: readonly MigrationFile[],
  context: {
    readonly table?: string;
    readonly framework: string /** The tool orders by file name (not by parsed version): widths must agree. */;
    readonly sortsByName?: boolean;
  },
): HistoryFinding[] {
  const base = { ...(context.table ? { table: context.table } : {}), framework: context.framework };
  const findings: HistoryFinding[] = [];
  const versioned = files.filter((f) => f.version !== undefined);
  const byVersion = new Map<string, MigrationFile>();
  for (const file of versioned) {
    const version = `${file.group}\u0000${versionText(file.version!)}`;
    const first = byVersion.get(version);
    if (first) {
      findings.push({
        problem: 'duplicate_version',
        severity: 'error',
        ...base,
        migration: versionText(file.version!),
        file: file.file,
        message: `${file.label} has the same version as ${first.label}: which one runs first is undefined; renumber one of them`,
      });
    } else {
      byVersion.set(version, file);
    }
  }
  if (versioned.length > 0) {
    for (const file of files) {
      if (file.version !== undefined) continue;
      findings.push({
        problem: 'unversioned_file',
        severity: 'warning',
        ...base,
        file: file.file,
        message: `${file.label} has no version prefix, unlike the other migrations: its place in the order is a guess`,
      });
    }
  }
  for (let i = 1; context.sortsByName && i < versioned.length; i++) {
    const previous = versioned[i - 1]!;
    const file = versioned[i]!;
    if (previous.group === file.group && previous.label > file.label) {
      findings.push({
        problem: 'ambiguous_order',
        severity: 'warning',
        ...base,
        migration: versionText(file.version!),
        file: file.file,
        message: `${file.label} comes after ${previous.label} by number but before it by plain file-name order: pad the numbers to one width so every tool agrees`,
      });
    }
  }
  return findings;
}
