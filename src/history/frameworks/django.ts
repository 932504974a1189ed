import { basename, dirname } from 'node:path';
import { compareCodepoints } from '../../text/order.js';
import { fileOf, walkFiles, withoutExtension, type MigrationFile } from '../files.js';
import { auditLedger } from '../ledger.js';
import { hasExactly, text, type Framework } from './types.js';

/**
 * Django: `django_migrations (id, app, name, applied)`; files `<app>/migrations/0001_x.py`
 * anywhere under DIR (a project root). Order is per app. Apps with no migrations under DIR
 * (Django's own: admin, auth, …) are left out rather than reported as missing files.
 */
export const django: Framework = {
  id: 'django',
  recognizes: (t) => hasExactly(t, ['id', 'app', 'name', 'applied']),
  async audit(table, context) {
    const files = context.directory ? await djangoFiles(context.directory) : undefined;
    const apps = new Set(files?.map((f) => f.group));
    const rows = table.rows.map((r) => ({
      key: `${text(r.app)}.${text(r.name)}`,
      label: `${text(r.app)}.${text(r.name)}`,
      order: Number(r.id),
      state: 'applied' as const,
      group: text(r.app),
    }));
    const outside = [...new Set(rows.filter((r) => files && !apps.has(r.group)).map((r) => r.group))].sort();
    return auditLedger({
      table: table.qualified,
      framework: 'django',
      ...(context.migrations ? { migrations: context.migrations } : {}),
      rows: files ? rows.filter((r) => apps.has(r.group)) : rows,
      ...(files ? { files } : {}),
      allowPending: context.allowPending,
      notes: [
        'django records no checksums: an edited migration cannot be seen in the history (pgparity check compares the schema itself)',
        ...(outside.length > 0 ? [`apps without migrations under ${context.migrations} not audited: ${outside.join(', ')}`] : []),
        ...(context.directory && !files
          ? [`no Django migrations (<app>/migrations/0001_*.py) under ${context.migrations}: rows not checked against files`]
          : []),
      ],
    });
  },
};

async function djangoFiles(directory: string): Promise<MigrationFile[] | undefined> {
  const entries = (await walkFiles(directory, 4)).filter((e) => /^\d{4}_\w+\.py$/.test(e.name) && basename(dirname(e.path)) === 'migrations');
  if (entries.length === 0) return undefined;
  const files = entries.map((entry) => {
    const app = basename(dirname(dirname(entry.path)));
    const name = withoutExtension(entry.name);
    return fileOf(entry, { key: `${app}.${name}`, label: `${app}.${name}`, group: app, version: [name.slice(0, 4)] });
  });
  return files.sort((a, b) => compareCodepoints(a.group, b.group) || compareCodepoints(a.key, b.key));
}
