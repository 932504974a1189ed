import { graphileHash } from '../checksums.js';
import { fileOf, listEntries, locate, type Entry, type MigrationFile } from '../files.js';
import { auditLedger, type AppliedRow } from '../ledger.js';
import { namingFindings } from '../naming.js';
import { hasColumns, text, type Framework } from './types.js';

const COMMITTED = /^(\d{6,})(-[-_a-zA-Z0-9]*)?\.sql$/;

/**
 * graphile-migrate: `graphile_migrate.migrations (hash, previous_hash, filename, date)`;
 * committed migrations `committed/000001[-message].sql` carry `--! Previous:` / `--! Hash:`
 * headers, and the hash chains each body to the previous hash.
 */
export const graphileMigrate: Framework = {
  id: 'graphile-migrate',
  recognizes: (t) => t.schema === 'graphile_migrate' && hasColumns(t, ['hash', 'previous_hash', 'filename', 'date']),
  async audit(table, context) {
    const files = context.directory ? await committedFiles(context.directory) : undefined;
    const rows: AppliedRow[] = table.rows.map((r) => ({
      key: text(r.filename),
      label: text(r.filename),
      order: text(r.filename),
      checksum: text(r.hash),
      state: 'applied',
    }));
    const audit = await auditLedger({
      table: table.qualified,
      framework: 'graphile-migrate',
      ...(context.migrations ? { migrations: context.migrations } : {}),
      rows,
      ...(files ? { files } : {}),
      checksum: { algorithm: 'sha1-chain', compute: (_file, bytes) => [committedHash(bytes.toString('utf8'))] },
      allowPending: context.allowPending,
    });
    return {
      ...audit,
      findings: [...audit.findings, ...(files ? namingFindings(files, { table: table.qualified, framework: 'graphile-migrate', sortsByName: true }) : [])],
    };
  },
};

/** The hash graphile-migrate computes for a committed file: its body chained to its `Previous` header. */
export function committedHash(contents: string): string {
  const lines = contents.split('\n');
  const headers = new Map<string, string | null>();
  let count = 0;
  for (const line of lines) {
    const match = /^--! ([A-Z][a-zA-Z0-9_]*)(?::(.*))?$/.exec(line);
    if (!match) break;
    count++;
    headers.set(match[1]!, match[2] === undefined ? null : match[2].trim());
  }
  const body = `${lines.slice(count).join('\n').trim()}\n`;
  const previous = headers.get('Previous');
  return graphileHash(body, previous && previous !== '-' ? previous : null);
}

const hasCommitted = (entries: readonly Entry[]): boolean => entries.some((e) => !e.isDirectory && COMMITTED.test(e.name));

async function committedFiles(directory: string): Promise<MigrationFile[] | undefined> {
  const root = await locate(directory, hasCommitted, ['committed', 'migrations/committed']);
  if (!root) return undefined;
  return (await listEntries(root))
    .filter((e) => !e.isDirectory && COMMITTED.test(e.name))
    .map((entry) => {
      const number = COMMITTED.exec(entry.name)![1]!;
      return fileOf(entry, { key: `${number}.sql`, label: entry.name, version: [number] });
    });
}
