import { join } from 'node:path';
import { compareCodepoints } from '../../text/order.js';
import { fileOf, leadingDigits, listEntries, locate, versionText, withoutExtension, type Entry, type MigrationFile } from '../files.js';
import { auditLedger, type AppliedRow } from '../ledger.js';
import { namingFindings } from '../naming.js';
import { hasColumns, hasExactly, isTrue, text, type AuditContext, type Framework, type LiveTable, type TableShape } from './types.js';

/**
 * Tools that record one row per applied migration, named by file name or version and
 * without a checksum. Each is described by how its rows and its files are keyed.
 */
interface NamedTool {
  readonly id: string;
  /** Which of the tools sharing this table it is, once the files are seen (dbmate or Rails). */
  refine?(table: LiveTable, context: AuditContext, files: readonly MigrationFile[] | undefined): string;
  recognizes(table: TableShape): boolean;
  /** Which directory entries are migrations. */
  readonly entry: (e: Entry) => boolean;
  /** Looked in when DIR itself holds none. */
  readonly subdirectories: readonly string[];
  /** The key a file's history row uses, from its (file or directory) name. */
  keyOfFile(name: string): string;
  /** A numeric version from the name: enables the monotonic naming checks. */
  versionOfFile?(name: string): string[] | undefined;
  /** The tool orders migrations by file name rather than by parsed version. */
  readonly sortsByName?: boolean;
  rows(table: LiveTable): AppliedRow[];
  /** The path whose bytes are the migration, for directory layouts. */
  pathOf?(entry: Entry): string;
}

const CODE = (e: Entry): boolean => !e.isDirectory && /\.(c|m)?(j|t)s$/.test(e.name) && !/\.d\.(c|m)?ts$/.test(e.name);
const byName = (name: string): string => withoutExtension(name);
const digits = (name: string): string => versionText([/^(\d+)/.exec(name)?.[1] ?? name]);

function namedFramework(tool: NamedTool): Framework {
  return {
    id: tool.id,
    recognizes: (t) => tool.recognizes(t),
    async audit(table, context) {
      const files = context.directory ? await toolFiles(tool, context.directory) : undefined;
      const id = tool.refine ? tool.refine(table, context, files) : tool.id;
      const audit = await auditLedger({
        table: table.qualified,
        framework: id,
        ...(context.migrations ? { migrations: context.migrations } : {}),
        rows: tool.rows(table),
        ...(files ? { files } : {}),
        allowPending: context.allowPending,
        notes: [
          `${id} records no checksums: an edited migration cannot be seen in the history (pgparity check compares the schema itself)`,
          ...(context.directory && !files ? [`no ${id} migration files under ${context.migrations}: rows not checked against files`] : []),
        ],
      });
      const naming =
        files && tool.versionOfFile ? namingFindings(files, { table: table.qualified, framework: id, sortsByName: tool.sortsByName ?? false }) : [];
      return { ...audit, findings: [...audit.findings, ...naming] };
    },
  };
}

async function toolFiles(tool: NamedTool, directory: string): Promise<MigrationFile[] | undefined> {
  const root = await locate(directory, (entries) => entries.some(tool.entry), tool.subdirectories);
  if (!root) return undefined;
  return (await listEntries(root)).filter(tool.entry).map((entry) => {
    const version = tool.versionOfFile?.(entry.name);
    return fileOf(entry, {
      key: tool.keyOfFile(entry.name),
      label: entry.name,
      ...(version ? { version } : {}),
      ...(tool.pathOf ? { path: tool.pathOf(entry) } : {}),
    });
  });
}

const inOrder = (rows: readonly Readonly<Record<string, unknown>>[], column: string): Readonly<Record<string, unknown>>[] =>
  [...rows].sort((a, b) => Number(a[column]) - Number(b[column]));

export const knex = namedFramework({
  id: 'knex',
  recognizes: (t) => hasExactly(t, ['id', 'name', 'batch', 'migration_time']),
  entry: CODE,
  subdirectories: ['migrations', 'db/migrations'],
  keyOfFile: byName,
  // Knex records the file name with its extension; a project moved from .js to .ts keeps its history.
  rows: (t) => t.rows.map((r) => ({ key: byName(text(r.name)), label: text(r.name), order: Number(r.id), state: 'applied' })),
});

export const nodePgMigrate = namedFramework({
  id: 'node-pg-migrate',
  recognizes: (t) => hasExactly(t, ['id', 'name', 'run_on']),
  entry: (e) => CODE(e) || (!e.isDirectory && e.name.endsWith('.sql')),
  subdirectories: ['migrations'],
  keyOfFile: byName,
  versionOfFile: leadingDigits,
  sortsByName: true,
  rows: (t) => t.rows.map((r) => ({ key: text(r.name), label: text(r.name), order: Number(r.id), state: 'applied' })),
});

export const kysely = namedFramework({
  id: 'kysely',
  recognizes: (t) => hasExactly(t, ['name', 'timestamp']),
  entry: CODE,
  subdirectories: ['migrations', 'src/migrations'],
  keyOfFile: byName,
  rows: (t) => t.rows.map((r) => ({ key: text(r.name), label: text(r.name), order: `${text(r.timestamp)}\u0000${text(r.name)}`, state: 'applied' })),
});

export const typeorm = namedFramework({
  id: 'typeorm',
  recognizes: (t) => hasExactly(t, ['id', 'timestamp', 'name']),
  entry: (e) => CODE(e) && /^\d{10,}-/.test(e.name),
  subdirectories: ['migrations', 'src/migrations', 'src/migration'],
  keyOfFile: digits,
  versionOfFile: leadingDigits,
  rows: (t) => t.rows.map((r) => ({ key: versionText([text(r.timestamp)]), label: text(r.name), order: Number(r.id), state: 'applied' })),
});

export const diesel = namedFramework({
  id: 'diesel',
  recognizes: (t) => hasExactly(t, ['version', 'run_on']),
  entry: (e) => e.isDirectory && /^[\d-]+_/.test(e.name),
  subdirectories: ['migrations'],
  // `2017-01-01-000000_create_users` is recorded as version `20170101000000`.
  keyOfFile: (name) => versionText([name.split('_')[0]!.replace(/\D/g, '')]),
  versionOfFile: (name) => [name.split('_')[0]!.replace(/\D/g, '')],
  pathOf: (e) => join(e.path, 'up.sql'),
  rows: (t) =>
    [...t.rows]
      .sort((a, b) => compareCodepoints(text(a.run_on), text(b.run_on)))
      .map((r, i) => ({ key: versionText([text(r.version)]), label: text(r.version), order: i, state: 'applied' })),
});

/** `schema_migrations (version)`: dbmate, or Rails when `ar_internal_metadata` sits beside it or the files are Ruby. */
export const dbmateOrRails = namedFramework({
  id: 'dbmate/rails',
  refine: (table, context, files) =>
    files?.some((f) => f.label.endsWith('.rb')) || context.tables.some((t) => t.schema === table.schema && t.name === 'ar_internal_metadata')
      ? 'rails'
      : 'dbmate',
  recognizes: (t) => t.name === 'schema_migrations' && hasExactly(t, ['version']),
  entry: (e) => !e.isDirectory && /^\d+_.*\.(sql|rb)$/.test(e.name),
  subdirectories: ['migrations', 'db/migrations', 'db/migrate', 'migrate'],
  keyOfFile: digits,
  versionOfFile: leadingDigits,
  // Neither records when a migration ran: rows are taken in version order, and order cannot be audited.
  rows: (t) =>
    t.rows.map((r) => ({ key: versionText([text(r.version)]), label: text(r.version), state: 'applied' as const })).sort((a, b) => compareDigits(a.key, b.key)),
});

/** goose: one row per up or down run; the latest row of a version says whether it is applied. */
export const goose = namedFramework({
  id: 'goose',
  recognizes: (t) => hasColumns(t, ['version_id', 'is_applied']),
  entry: (e) => !e.isDirectory && /^\d+_.*\.(sql|go)$/.test(e.name) && !e.name.endsWith('_test.go'),
  subdirectories: ['migrations', 'db/migrations'],
  keyOfFile: digits,
  versionOfFile: leadingDigits,
  rows: (t) => {
    const latest = new Map<string, Readonly<Record<string, unknown>>>();
    for (const r of inOrder(t.rows, 'id')) if (Number(r.version_id) !== 0) latest.set(versionText([text(r.version_id)]), r);
    return [...latest]
      .filter(([, r]) => isTrue(r.is_applied))
      .map(([key, r]) => ({ key, label: text(r.version_id), order: Number(r.id), state: 'applied' as const }));
  },
});

export const sequelize = namedFramework({
  id: 'sequelize',
  recognizes: (t) => t.name === 'SequelizeMeta' && hasExactly(t, ['name']),
  entry: CODE,
  subdirectories: ['migrations', 'db/migrations'],
  keyOfFile: byName,
  rows: (t) =>
    t.rows.map((r) => ({ key: byName(text(r.name)), label: text(r.name), state: 'applied' as const })).sort((a, b) => compareCodepoints(a.key, b.key)),
});

export const mikroOrm = namedFramework({
  id: 'mikro-orm',
  recognizes: (t) => t.name === 'mikro_orm_migrations' && hasColumns(t, ['id', 'name', 'executed_at']),
  entry: CODE,
  subdirectories: ['migrations', 'src/migrations'],
  keyOfFile: byName,
  rows: (t) => t.rows.map((r) => ({ key: byName(text(r.name)), label: text(r.name), order: Number(r.id), state: 'applied' })),
});

export const entityFramework = namedFramework({
  id: 'entity-framework',
  recognizes: (t) => hasExactly(t, ['MigrationId', 'ProductVersion']),
  entry: (e) => !e.isDirectory && /^\d{14}_.*\.cs$/.test(e.name) && !e.name.endsWith('.Designer.cs'),
  subdirectories: ['Migrations'],
  keyOfFile: byName,
  versionOfFile: leadingDigits,
  rows: (t) =>
    t.rows.map((r) => ({ key: text(r.MigrationId), label: text(r.MigrationId), state: 'applied' as const })).sort((a, b) => compareCodepoints(a.key, b.key)),
});

export const laravel = namedFramework({
  id: 'laravel',
  recognizes: (t) => hasExactly(t, ['id', 'migration', 'batch']),
  entry: (e) => !e.isDirectory && e.name.endsWith('.php'),
  subdirectories: ['migrations', 'database/migrations'],
  keyOfFile: byName,
  rows: (t) => t.rows.map((r) => ({ key: text(r.migration), label: text(r.migration), order: Number(r.id), state: 'applied' })),
});

function compareDigits(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
