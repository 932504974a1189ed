import { join } from 'node:path';
import { prismaChecksums } from '../checksums.js';
import { fileOf, leadingDigits, listEntries, locate, type Entry, type MigrationFile } from '../files.js';
import { auditLedger, type AppliedRow } from '../ledger.js';
import { namingFindings } from '../naming.js';
import { hasColumns, text, type Framework } from './types.js';

/**
 * Prisma Migrate: `_prisma_migrations`, one row per attempt with the sha256 of
 * `<name>/migration.sql`; a row without `finished_at` failed (or is running), one with
 * `rolled_back_at` was given up on by `prisma migrate resolve --rolled-back`.
 */
export const prisma: Framework = {
  id: 'prisma',
  recognizes: (t) => hasColumns(t, ['migration_name', 'checksum', 'finished_at', 'rolled_back_at', 'started_at']),
  async audit(table, context) {
    const files = context.directory ? await prismaFiles(context.directory) : undefined;
    const rows: AppliedRow[] = table.rows.map((r) => ({
      key: text(r.migration_name),
      label: text(r.migration_name),
      order: `${text(r.started_at)}\u0000${text(r.migration_name)}`,
      checksum: text(r.checksum).toLowerCase(),
      state:
        r.rolled_back_at !== null && r.rolled_back_at !== undefined
          ? 'rolled_back'
          : r.finished_at === null || r.finished_at === undefined
            ? 'unfinished'
            : 'applied',
    }));
    const audit = await auditLedger({
      table: table.qualified,
      framework: 'prisma',
      ...(context.migrations ? { migrations: context.migrations } : {}),
      rows,
      ...(files ? { files } : {}),
      checksum: { algorithm: 'sha256', compute: (_file, bytes) => prismaChecksums(bytes) },
      allowPending: context.allowPending,
      ...(context.directory && !files
        ? { notes: [`no Prisma migrations (<name>/migration.sql) under ${context.migrations}: rows not checked against files`] }
        : {}),
    });
    return {
      ...audit,
      findings: [...audit.findings, ...(files ? namingFindings(files, { table: table.qualified, framework: 'prisma', sortsByName: true }) : [])],
    };
  },
};

const hasMigrationDirectories = (entries: readonly Entry[]): boolean => entries.some((e) => e.isDirectory && /^\d/.test(e.name));

async function prismaFiles(directory: string): Promise<MigrationFile[] | undefined> {
  const root = await locate(directory, hasMigrationDirectories, ['migrations', 'prisma/migrations']);
  if (!root) return undefined;
  const files: MigrationFile[] = [];
  for (const entry of await listEntries(root)) {
    if (!entry.isDirectory) continue;
    const inside = await listEntries(entry.path);
    if (!inside.some((e) => e.name === 'migration.sql')) continue;
    const version = leadingDigits(entry.name);
    files.push(fileOf(entry, { key: entry.name, label: entry.name, path: join(entry.path, 'migration.sql'), ...(version ? { version } : {}) }));
  }
  return files.length > 0 ? files : undefined;
}
