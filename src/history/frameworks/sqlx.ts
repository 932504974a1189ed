import { sha384Hex, normalizeStoredHex } from '../checksums.js';
import { fileOf, listEntries, locate, versionText, type Entry, type MigrationFile } from '../files.js';
import { auditLedger, type AppliedRow } from '../ledger.js';
import { namingFindings } from '../naming.js';
import { hasColumns, isTrue, text, type Framework } from './types.js';

const MIGRATION = /^(\d+)_(.+?)(\.up)?\.sql$/;

/**
 * sqlx: `_sqlx_migrations`, one row per version with the SHA-384 of the file's exact
 * bytes (bytea) and `success = false` when it failed; files `<version>_<name>.sql` or
 * the `.up.sql` half of a reversible pair.
 */
export const sqlx: Framework = {
  id: 'sqlx',
  recognizes: (t) => hasColumns(t, ['version', 'description', 'installed_on', 'success', 'checksum', 'execution_time']),
  async audit(table, context) {
    const files = context.directory ? await sqlxFiles(context.directory) : undefined;
    const rows: AppliedRow[] = table.rows.map((r) => ({
      key: versionText([text(r.version)]),
      label: `${text(r.version)} (${text(r.description)})`,
      order: `${text(r.installed_on)}\u0000${text(r.version).padStart(20, '0')}`,
      checksum: normalizeStoredHex(text(r.checksum)),
      state: isTrue(r.success) ? 'applied' : 'failed',
    }));
    const audit = await auditLedger({
      table: table.qualified,
      framework: 'sqlx',
      ...(context.migrations ? { migrations: context.migrations } : {}),
      rows,
      ...(files ? { files } : {}),
      checksum: { algorithm: 'sha384', compute: (_file, bytes) => [sha384Hex(bytes)] },
      allowPending: context.allowPending,
    });
    return { ...audit, findings: [...audit.findings, ...(files ? namingFindings(files, { table: table.qualified, framework: 'sqlx' }) : [])] };
  },
};

const hasMigrations = (entries: readonly Entry[]): boolean => entries.some((e) => !e.isDirectory && MIGRATION.test(e.name) && !e.name.endsWith('.down.sql'));

async function sqlxFiles(directory: string): Promise<MigrationFile[] | undefined> {
  const root = await locate(directory, hasMigrations, ['migrations']);
  if (!root) return undefined;
  return (await listEntries(root))
    .filter((e) => !e.isDirectory && MIGRATION.test(e.name) && !e.name.endsWith('.down.sql'))
    .map((entry) => {
      const version = [MIGRATION.exec(entry.name)![1]!];
      return fileOf(entry, { key: versionText(version), label: entry.name, version });
    });
}
