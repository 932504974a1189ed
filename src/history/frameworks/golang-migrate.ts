import { fileOf, listEntries, locate, versionText, type Entry, type MigrationFile } from '../files.js';
import type { RecordedFiles } from '../ledger.js';
import type { HistoryFinding } from '../model.js';
import { namingFindings } from '../naming.js';
import { hasColumns, isTrue, text, type Framework } from './types.js';

const UP = /^(\d+)_(.*)\.up\.[^.]+$/;

/**
 * golang-migrate: `schema_migrations (version bigint, dirty boolean)` holds one row, the
 * current version; every file up to it counts as applied. No checksum is recorded, so an
 * edited file cannot be told from the history (`pgparity check` tells it from the schema).
 */
export const golangMigrate: Framework = {
  id: 'golang-migrate',
  // Its two columns, and any a history added (Harbor's migrations add `data_version` to it).
  recognizes: (t) => hasColumns(t, ['version', 'dirty']),
  async audit(table, context) {
    const base = { table: table.qualified, framework: 'golang-migrate' };
    const files = context.directory ? await upFiles(context.directory) : undefined;
    const row = table.rows[0];
    const current = row ? text(row.version) : undefined;
    const findings: HistoryFinding[] = [];
    if (row && isTrue(row.dirty)) {
      findings.push({
        ...base,
        problem: 'failed',
        severity: 'error',
        migration: current!,
        state: 'dirty',
        message: `version ${current} is marked dirty in ${table.qualified}: it failed part-way; fix the schema by hand, then run migrate force`,
      });
    }
    if (table.rows.length > 1) {
      findings.push({
        ...base,
        problem: 'failed',
        severity: 'error',
        state: 'failed',
        message: `${table.qualified} has ${table.rows.length} rows; golang-migrate keeps exactly one (the current version)`,
      });
    }
    let applied = 0;
    let recordedFiles: RecordedFiles | undefined;
    if (files) {
      const currentKey = current === undefined ? undefined : versionText([current]);
      const index = currentKey === undefined ? -1 : files.findIndex((f) => f.key === currentKey);
      if (current !== undefined && index < 0) {
        findings.push({
          ...base,
          problem: 'missing_file',
          severity: 'error',
          migration: current,
          message: `${table.qualified} is at version ${current} but no migration file in ${context.migrations} has that version (<version>_<name>.up.sql)`,
        });
      }
      const upTo = index >= 0 ? index : current === undefined ? -1 : files.filter((f) => BigInt(f.key.replace(/\D/g, '') || '0') < BigInt(current)).length - 1;
      applied = upTo + 1;
      // A dirty version ran part-way: failed, not applied, for the causes of drift.
      const dirty = row !== undefined && isTrue(row.dirty) && upTo >= 0;
      recordedFiles = {
        applied: files.slice(0, dirty ? upTo : upTo + 1).map((f) => f.file),
        failed: dirty ? [files[upTo]!.file] : [],
      };
      for (const file of files.slice(upTo + 1)) {
        findings.push({
          ...base,
          problem: 'pending',
          severity: context.allowPending ? 'info' : 'error',
          migration: file.key,
          file: file.file,
          message: `${file.label} is not applied yet (${table.qualified} is at version ${current ?? 'none'})`,
        });
      }
      findings.push(...namingFindings(files, base));
    }
    return {
      ...(recordedFiles ? { recordedFiles } : {}),
      summary: {
        ...base,
        applied,
        files: files ? files.length : null,
        pending: findings.filter((f) => f.problem === 'pending').length,
        checksum: null,
        current: current ?? null,
        notes: ['golang-migrate records no checksums: an edited migration cannot be seen in the history (pgparity check compares the schema itself)'],
      },
      findings,
    };
  },
};

const hasUpFiles = (entries: readonly Entry[]): boolean => entries.some((e) => !e.isDirectory && UP.test(e.name));

async function upFiles(directory: string): Promise<MigrationFile[] | undefined> {
  const root = await locate(directory, hasUpFiles, ['migrations', 'db/migrations']);
  if (!root) return undefined;
  return (await listEntries(root))
    .filter((e) => !e.isDirectory && UP.test(e.name))
    .map((entry) => {
      const version = [UP.exec(entry.name)![1]!];
      return fileOf(entry, { key: versionText(version), label: entry.name, version });
    });
}
