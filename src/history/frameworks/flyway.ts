import { basename } from 'node:path';
import { flywayChecksum } from '../checksums.js';
import { fileOf, readBytes, versionText, walkFiles, type MigrationFile } from '../files.js';
import { auditLedger, type AppliedRow } from '../ledger.js';
import { namingFindings } from '../naming.js';
import { compareNumberLists } from '../../replay/order.js';
import { hasColumns, isTrue, text, type Framework } from './types.js';

const VERSIONED = /^V(\d+(?:[._]\d+)*)__(.*)\.sql$/;
const REPEATABLE = /^R__(.*)\.sql$/;
/** Row types no local file backs: Java migrations, the baseline marker, schema creation, repair's deletions. */
const NOT_FILE_BACKED = new Set(['JDBC', 'SPRING_JDBC', 'SCRIPT', 'CUSTOM', 'BASELINE', 'SQL_BASELINE', 'SCHEMA', 'DELETE']);

/**
 * Flyway: `flyway_schema_history` (`schema_version` before 5.0), one row per run with a
 * CRC32 checksum; versioned migrations `V1_2__name.sql`, repeatable ones `R__name.sql`
 * (re-applied whenever their checksum changes), optionally a baseline row.
 */
export const flyway: Framework = {
  id: 'flyway',
  recognizes: (t) => hasColumns(t, ['installed_rank', 'version', 'description', 'type', 'script', 'checksum', 'success']),
  async audit(table, context) {
    const rows = table.rows.filter((r) => text(r.type) !== 'SCHEMA' && text(r.type) !== 'DELETE' && !String(r.type).startsWith('UNDO'));
    const baseline = rows.filter((r) => text(r.type) === 'BASELINE' || text(r.type) === 'SQL_BASELINE').map((r) => text(r.version).split('.'));
    const baselineVersion = baseline.sort(compareNumberLists).at(-1);
    const files = context.directory ? await flywayFiles(context.directory) : undefined;
    const versioned = files?.filter((f) => f.version !== undefined);
    const repeatables = files?.filter((f) => f.version === undefined) ?? [];

    const applied: AppliedRow[] = rows
      .filter((r) => r.version !== null && r.version !== undefined)
      .map((r) => ({
        key: `V${versionText(text(r.version).split('.'))}`,
        label: `V${text(r.version)} (${text(r.description)})`,
        order: Number(r.installed_rank),
        checksum: typeof r.checksum === 'number' ? r.checksum : null,
        state: isTrue(r.success) ? 'applied' : 'failed',
        fileBacked: !NOT_FILE_BACKED.has(text(r.type)),
      }));
    const audit = await auditLedger({
      table: table.qualified,
      framework: 'flyway',
      ...(context.migrations ? { migrations: context.migrations } : {}),
      rows: applied,
      ...(versioned ? { files: versioned } : {}),
      checksum: { algorithm: 'crc32-lines', compute: (_file, bytes) => [flywayChecksum(bytes)] },
      exempt: (file) => baselineVersion !== undefined && compareNumberLists(file.version!, baselineVersion) <= 0,
      allowPending: context.allowPending,
    });

    // A repeatable migration is applied again whenever its checksum changes: a change is pending work, not an edit.
    const latestRepeatable = new Map<string, Readonly<Record<string, unknown>>>();
    for (const r of rows.filter((r) => r.version === null || r.version === undefined).sort((a, b) => Number(a.installed_rank) - Number(b.installed_rank))) {
      latestRepeatable.set(basename(text(r.script)), r);
    }
    const findings = [...audit.findings, ...(versioned ? namingFindings(versioned, { table: table.qualified, framework: 'flyway' }) : [])];
    if (files) {
      for (const [script, row] of latestRepeatable) {
        const file = repeatables.find((f) => f.key === script);
        if (!file) {
          findings.push({
            problem: 'missing_file',
            severity: 'error',
            table: table.qualified,
            framework: 'flyway',
            migration: script,
            message: `${script} is recorded as applied in ${table.qualified} but no migration file in ${context.migrations ?? 'the migrations directory'} provides it`,
          });
        } else if (!isTrue(row.success)) {
          findings.push({
            problem: 'failed',
            severity: 'error',
            table: table.qualified,
            framework: 'flyway',
            migration: script,
            state: 'failed',
            message: `${script} failed: ${table.qualified} records it as unsuccessful`,
          });
        }
      }
      for (const file of repeatables) {
        const row = latestRepeatable.get(file.key);
        const checksum = flywayChecksum(await readBytes(file));
        if (row && (row.checksum === checksum || !isTrue(row.success))) continue;
        findings.push({
          problem: 'pending',
          severity: context.allowPending ? 'info' : 'error',
          table: table.qualified,
          framework: 'flyway',
          migration: file.key,
          file: file.file,
          ...(row ? { expected: checksum, actual: typeof row.checksum === 'number' ? row.checksum : null } : {}),
          message: row
            ? `${file.label} changed since it was last applied: flyway migrate will apply it again`
            : `${file.label} is not applied yet (no row in ${table.qualified})`,
        });
      }
    }
    const pending = findings.filter((f) => f.problem === 'pending').length;
    return {
      ...(audit.recordedFiles ? { recordedFiles: audit.recordedFiles } : {}),
      summary: { ...audit.summary, files: files ? files.length : null, pending },
      findings,
    };
  },
};

/** Flyway scans its locations recursively; undo scripts (`U…`) never count. */
async function flywayFiles(directory: string): Promise<MigrationFile[] | undefined> {
  const entries = (await walkFiles(directory, 4)).filter((e) => VERSIONED.test(e.name) || REPEATABLE.test(e.name));
  if (entries.length === 0) return undefined;
  const files = entries.map((entry) => {
    const versioned = VERSIONED.exec(entry.name);
    if (versioned) {
      const version = versioned[1]!.split(/[._]/);
      return fileOf(entry, { key: `V${versionText(version)}`, label: entry.name, version });
    }
    return fileOf(entry, { key: entry.name, label: entry.name });
  });
  return files.sort((a, b) => {
    if (a.version && b.version) return compareNumberLists(a.version, b.version);
    if (a.version || b.version) return a.version ? -1 : 1;
    return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  });
}
