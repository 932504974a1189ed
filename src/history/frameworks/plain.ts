import { basename, dirname, resolve } from 'node:path';
import { compareCodepoints } from '../../text/order.js';
import { discoverMigrations } from '../../replay/discover.js';
import { PLAIN_CHECKSUMS, algorithmByLength, normalizeStoredHex } from '../checksums.js';
import { displayPath, readBytes, versionText, type MigrationFile } from '../files.js';
import { auditLedger, type AppliedRow } from '../ledger.js';
import { namingFindings } from '../naming.js';
import { leadingVersion } from '../../replay/order.js';
import { isTrue, text, type Framework, type LiveTable, type TableShape } from './types.js';

/** Columns that may hold the migration's file name, most specific first. */
export const NAME_COLUMNS = ['filename', 'file_name', 'file', 'script', 'migration', 'migration_name', 'name', 'version'] as const;
export const CHECKSUM_COLUMNS = ['checksum', 'sha256', 'hash', 'md5', 'md5sum', 'digest', 'file_hash', 'content_hash'] as const;
export const APPLIED_AT_COLUMNS = ['applied_at', 'executed_at', 'installed_on', 'run_on', 'migrated_at', 'created_at', 'applied'] as const;

export interface PlainColumns {
  readonly name: string;
  readonly checksum?: string;
  readonly appliedAt?: string;
}

/** Which columns of a plain history table hold what; undefined when none holds a name. */
export function plainColumns(table: TableShape): PlainColumns | undefined {
  const name = NAME_COLUMNS.find((c) => table.columns.includes(c));
  if (!name) return undefined;
  const checksum = CHECKSUM_COLUMNS.find((c) => table.columns.includes(c));
  const appliedAt = APPLIED_AT_COLUMNS.find((c) => table.columns.includes(c));
  return { name, ...(checksum ? { checksum } : {}), ...(appliedAt ? { appliedAt } : {}) };
}

/**
 * A hand-rolled history table of applied file names, maybe with a checksum column. Rows may hold `001_init.sql`, `001_init` or the bare version `001`.
 * A checksum is tried as sha256, md5, sha1 and sha384 hex of the file's bytes; the
 * algorithm that matches the rows is reported.
 */
export const plain: Framework = {
  id: 'plain',
  recognizes: (t) => plainColumns(t) !== undefined,
  async audit(table, context) {
    const columns = plainColumns(table)!;
    const files = context.directory ? await plainFiles(context.directory) : undefined;
    const { rows: ordered, orderKnown } = orderRows(table, columns);
    const rows: AppliedRow[] = ordered.map((r, i) => ({
      key: rowKey(text(r[columns.name])),
      label: text(r[columns.name]),
      ...(orderKnown ? { order: i } : {}),
      ...(columns.checksum && r[columns.checksum] !== null ? { checksum: normalizeStoredHex(text(r[columns.checksum])) } : {}),
      state: 'success' in r && !isTrue(r.success) ? 'failed' : isTrue(r.dirty) ? 'dirty' : 'applied',
    }));
    const algorithm = columns.checksum ? await detectAlgorithm(rows, files) : undefined;
    const unverifiable = columns.checksum !== undefined && algorithm === undefined;
    const audit = await auditLedger({
      table: table.qualified,
      framework: 'plain',
      ...(context.migrations ? { migrations: context.migrations } : {}),
      rows,
      ...(files ? { files } : {}),
      ...(algorithm
        ? {
            checksum: {
              algorithm,
              compute: (_file: MigrationFile, bytes: Buffer) => {
                const chosen = PLAIN_CHECKSUMS.find((c) => c.name === algorithm)!;
                return [chosen.compute(bytes), ...PLAIN_CHECKSUMS.filter((c) => c !== chosen).map((c) => c.compute(bytes))];
              },
            },
          }
        : {}),
      allowPending: context.allowPending,
      notes: !columns.checksum
        ? [`${table.qualified} has no checksum column: an edited migration cannot be seen in the history (pgparity check compares the schema itself)`]
        : unverifiable
          ? [`the checksums in ${table.qualified}.${columns.checksum} are none of sha256, md5, sha1 or sha384 of any file's bytes: they were not verified`]
          : [],
    });
    return {
      ...audit,
      findings: [...audit.findings, ...(files ? namingFindings(files, { table: table.qualified, framework: 'plain', sortsByName: true }) : [])],
    };
  },
};

/** A bare number names a version (`001` is `001_init.sql`); anything else a file. */
function rowKey(value: string): string {
  return /^\d+$/.test(value) ? `#${versionText([value])}` : value;
}

/** Rows in the order they were applied: by a numeric id, else by applied-at; else as the table gives them. */
function orderRows(table: LiveTable, columns: PlainColumns): { rows: Readonly<Record<string, unknown>>[]; orderKnown: boolean } {
  const rows = [...table.rows];
  const numericId = table.columns.includes('id') && rows.every((r) => typeof r.id === 'number');
  const by = numericId ? 'id' : columns.appliedAt;
  if (by) rows.sort((a, b) => (numericId ? Number(a.id) - Number(b.id) : compareCodepoints(text(a[by]), text(b[by]))));
  // Rows applied in one transaction share a timestamp: their order among themselves is unknown.
  const orderKnown = by !== undefined && new Set(rows.map((r) => text(r[by]))).size === rows.length;
  return { rows, orderKnown };
}

/**
 * The algorithm most stored checksums match; else the one their length suggests, sha256 by
 * default. Undefined when several checksums match no algorithm at all: the tool hashes
 * something else (normalized text, name and content), and reporting every file as edited
 * would be a false alarm.
 */
async function detectAlgorithm(rows: readonly AppliedRow[], files: readonly MigrationFile[] | undefined): Promise<string | undefined> {
  const counts = new Map<string, number>();
  let compared = 0;
  const byKey = new Map<string, MigrationFile>();
  for (const f of files ?? []) for (const k of [f.key, ...f.aliases]) if (!byKey.has(k)) byKey.set(k, f);
  for (const row of rows) {
    const file = byKey.get(row.key);
    if (!file || typeof row.checksum !== 'string') continue;
    compared++;
    const bytes = await readBytes(file);
    const match = PLAIN_CHECKSUMS.find((c) => c.compute(bytes) === row.checksum);
    if (match) counts.set(match.name, (counts.get(match.name) ?? 0) + 1);
  }
  const best = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (best) return best;
  if (compared >= 2) return undefined;
  const stored = rows.find((r) => typeof r.checksum === 'string')?.checksum;
  return (typeof stored === 'string' && algorithmByLength(stored)) || 'sha256';
}

/** The files pgparity replays (same discovery, same order), keyed by the name a history row would hold. */
export async function plainFiles(directory: string): Promise<MigrationFile[] | undefined> {
  const migrations = await discoverMigrations(directory).catch(() => undefined);
  if (!migrations || migrations.length === 0) return undefined;
  return migrations.map((m) => {
    const path = resolve(m.file);
    const isDirectoryLayout = basename(dirname(path)) === m.id;
    const key = isDirectoryLayout ? m.id : basename(path);
    const version = leadingVersion(m.id);
    const aliases = [m.id, `${m.id}.sql`, basename(path), ...(version ? [`#${versionText(version)}`] : [])].filter((a) => a !== key);
    return { key, aliases, label: key, file: displayPath(path), path, group: '', ...(version ? { version } : {}) };
  });
}
