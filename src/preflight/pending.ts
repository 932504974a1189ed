import { resolve } from 'node:path';
import { ConfigError } from '../model/errors.js';
import type { HistoryReport } from '../history/model.js';
import { discoverMigrations, type Migration } from '../replay/discover.js';

export interface PendingSelection {
  /** Replayed first, as what live already has. */
  readonly applied: readonly Migration[];
  readonly pending: readonly Migration[];
  /** `history`, `since`, or `sql`. */
  readonly selection: 'history' | 'since' | 'sql';
  readonly warnings: readonly string[];
}

export interface SelectionInput {
  readonly migrations?: string;
  /** `--since`: this migration and every later one are pending. */
  readonly since?: string;
  /** `--sql`: one script, not yet a migration. */
  readonly sql?: string;
  /** The history audit of live (`pgparity history`), run only when needed. */
  readonly history: () => Promise<HistoryReport>;
}

/**
 * Which migrations are pending: named with `--since`, given as a script with `--sql`, or by
 * default the files live's history table does not record (the `pgparity history` audit).
 */
export async function selectPending(input: SelectionInput): Promise<PendingSelection> {
  if (input.since !== undefined && input.sql !== undefined) throw new ConfigError('give either --since or --sql, not both');
  if (!input.migrations) {
    throw new ConfigError(
      input.sql !== undefined
        ? '--sql needs --migrations DIR as well: the scratch database is built from the migrations live has applied, then the script is measured on it'
        : 'nothing to check: pass --migrations DIR (plain SQL files)',
    );
  }
  const all = await discoverMigrations(input.migrations);
  if (input.since !== undefined) {
    const through = await discoverMigrations(input.migrations, { until: input.since });
    return { applied: through.slice(0, -1), pending: all.slice(through.length - 1), selection: 'since', warnings: [] };
  }
  const history = await input.history();
  const warnings: string[] = [];
  if (history.findings.some((f) => f.problem === 'no_history_table')) {
    if (input.sql === undefined) {
      throw new ConfigError(
        `no migration history table found in ${history.database}: name the first pending migration with --since, or the table with --history-table schema.table`,
      );
    }
    warnings.push(`no migration history table in ${history.database}: every file under ${input.migrations} is taken as applied`);
  }
  for (const finding of history.findings) {
    if (finding.problem !== 'pending' && finding.problem !== 'no_history_table' && finding.severity !== 'info') warnings.push(`history: ${finding.message}`);
  }
  const pendingFiles = new Set(history.findings.filter((f) => f.problem === 'pending' && f.file).map((f) => resolve(f.file!)));
  const sqlFiles = new Set(all.map((m) => resolve(m.file)));
  const foreign = [...pendingFiles].filter((f) => !sqlFiles.has(f));
  if (foreign.length > 0)
    throw new ConfigError(`pending migration ${foreign[0]} is not a plain SQL file: preflight measures plain SQL migrations (--migrations DIR of .sql files)`);
  const applied = all.filter((m) => !pendingFiles.has(resolve(m.file)));
  if (input.sql !== undefined) {
    if (pendingFiles.size > 0)
      warnings.push(
        `${pendingFiles.size} migration${pendingFiles.size === 1 ? ' is' : 's are'} not applied in live yet; the script is measured after the applied ones only`,
      );
    return { applied, pending: await discoverMigrations(input.sql), selection: 'sql', warnings };
  }
  return { applied, pending: all.filter((m) => pendingFiles.has(resolve(m.file))), selection: 'history', warnings };
}
