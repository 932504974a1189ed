import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { displayPath, walkFiles, type MigrationFile } from '../files.js';
import { auditLedger } from '../ledger.js';
import { hasColumns, text, type Framework } from './types.js';

const CHANGELOG = /\.(xml|ya?ml|json|sql)$/i;
const CHANGESET = /^--\s*changeset\s+([^:\s]+):(\S+)/gm;

/**
 * Liquibase: `databasechangelog`, one row per changeset (`id`, `author`, `filename`).
 * Changesets of formatted-SQL changelogs are read from the files, so pending and vanished
 * changesets are found; of XML/YAML/JSON changelogs only the file's existence is checked.
 * Liquibase's MD5SUM is computed over a normalized changeset and is not recomputed.
 */
export const liquibase: Framework = {
  id: 'liquibase',
  recognizes: (t) => hasColumns(t, ['id', 'author', 'filename', 'dateexecuted', 'orderexecuted', 'exectype']),
  async audit(table, context) {
    const changelogs = context.directory ? (await walkFiles(context.directory, 5)).filter((e) => CHANGELOG.test(e.name)) : [];
    const parsedFiles = new Set<string>();
    const files: MigrationFile[] = [];
    for (const entry of changelogs) {
      const content = await readFile(entry.path, 'utf8');
      if (!/^\s*--\s*liquibase formatted sql/i.test(content)) continue;
      parsedFiles.add(entry.name);
      for (const m of content.matchAll(CHANGESET)) {
        files.push({
          key: `${m[1]}:${m[2]} in ${entry.name}`,
          aliases: [],
          label: `${m[1]}:${m[2]} in ${entry.name}`,
          file: displayPath(entry.path),
          path: entry.path,
          group: entry.name,
        });
      }
    }
    const present = new Set(changelogs.map((e) => e.name));
    const rows = table.rows.map((r) => {
      const changelog = basename(text(r.filename));
      return {
        key: `${text(r.author)}:${text(r.id)} in ${changelog}`,
        label: `${text(r.author)}:${text(r.id)} in ${changelog}`,
        order: Number(r.orderexecuted),
        state: text(r.exectype) === 'FAILED' ? ('failed' as const) : ('applied' as const),
        // A changeset in a changelog whose format is not parsed is only checked for its file.
        fileBacked: !present.has(changelog) || parsedFiles.has(changelog),
        group: changelog,
      };
    });
    return auditLedger({
      table: table.qualified,
      framework: 'liquibase',
      ...(context.migrations ? { migrations: context.migrations } : {}),
      rows,
      ...(context.directory && changelogs.length > 0 ? { files } : {}),
      allowPending: context.allowPending,
      notes: [
        'Liquibase MD5SUM is computed over a normalized changeset and is not recomputed',
        ...(present.size > parsedFiles.size ? ['changesets of XML/YAML/JSON changelogs are not parsed: only that their files exist is checked'] : []),
      ],
    });
  },
};
