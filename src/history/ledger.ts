import type { Severity } from '../model/finding.js';
import type { MigrationFile } from './files.js';
import { readBytes } from './files.js';
import type { FailedState, HistoryFinding, HistoryTableSummary, HistoryValue } from './model.js';

/** One row of a history table, in the terms every framework shares. */
export interface AppliedRow {
  /** Matched against a file's key and aliases. */
  readonly key: string;
  /** How the row is named in messages. */
  readonly label: string;
  /** Position in apply order (rank, id, timestamp), when the table records one. */
  readonly order?: number | string;
  readonly checksum?: HistoryValue;
  readonly state: 'applied' | FailedState;
  /** false for rows no file backs (Flyway's baseline marker, Java migrations). */
  readonly fileBacked?: boolean;
  readonly group?: string;
}

export interface ChecksumRule {
  /** Shown in the summary and messages: `sha256`, `crc32-lines`. */
  readonly algorithm: string;
  /** What the file's checksum may be; the first one is shown as expected. */
  compute(file: MigrationFile, bytes: Buffer): readonly HistoryValue[];
  /** The stored value in comparable form. */
  normalize?(stored: HistoryValue): HistoryValue;
}

export interface LedgerAudit {
  readonly table: string;
  readonly framework: string;
  /** `--migrations` as shown; undefined when the files are not audited. */
  readonly migrations?: string;
  readonly rows: readonly AppliedRow[];
  /** In the framework's order; undefined when no files were given or found. */
  readonly files?: readonly MigrationFile[];
  readonly checksum?: ChecksumRule;
  /** `any-applied`: one applied row for a key is enough (retries); `last`: the latest row decides (goose's up/down rows). */
  readonly resolve?: 'any-applied' | 'last';
  /** Files the history need not record (at or below a Flyway baseline). */
  readonly exempt?: (file: MigrationFile) => boolean;
  readonly allowPending: boolean;
  readonly notes?: readonly string[];
}

export interface TableAudit {
  readonly summary: HistoryTableSummary;
  readonly findings: readonly HistoryFinding[];
  /** The files (as shown) that an applied row, or a failed one, records, when the files were audited: for the causes of drift, not the report. */
  readonly recordedFiles?: RecordedFiles;
}

export interface RecordedFiles {
  readonly applied: readonly string[];
  /** Failed, dirty, unfinished or rolled back: it ran part-way, or not at all. */
  readonly failed: readonly string[];
}

const FAILED_SEVERITY: Readonly<Record<FailedState, Severity>> = { failed: 'error', dirty: 'error', unfinished: 'error', rolled_back: 'warning' };

/**
 * Audit a table that records one row per applied migration against the files: rows
 * without a file, files without a row, edits after the fact, failed rows, and order.
 */
export async function auditLedger(input: LedgerAudit): Promise<TableAudit> {
  const base = { table: input.table, framework: input.framework };
  const findings: HistoryFinding[] = [];
  const effective = resolveRows(input.rows, input.resolve ?? 'any-applied');
  const fileByKey = indexFiles(input.files ?? []);
  const position = new Map((input.files ?? []).map((f, i) => [f, i]));

  for (const row of effective.values()) {
    if (row.state !== 'applied')
      findings.push({
        problem: 'failed',
        severity: FAILED_SEVERITY[row.state],
        ...base,
        migration: row.label,
        state: row.state,
        message: failedMessage(row, input.table),
      });
  }
  const applied = [...effective.values()].filter((r) => r.state === 'applied');

  if (input.files) {
    for (const row of applied) {
      if (row.fileBacked === false) continue;
      const file = fileByKey.get(row.key);
      if (!file) {
        findings.push({
          problem: 'missing_file',
          severity: 'error',
          ...base,
          migration: row.label,
          message: `${row.label} is recorded as applied in ${input.table} but no migration file in ${input.migrations ?? 'the migrations directory'} provides it`,
        });
        continue;
      }
      const stored = row.checksum;
      if (input.checksum && stored !== undefined && stored !== null) {
        const mismatch = checksumMismatch(input.checksum, file, await readBytes(file), stored);
        if (mismatch)
          findings.push({
            problem: 'checksum_mismatch',
            severity: 'error',
            ...base,
            migration: row.label,
            file: file.file,
            ...mismatch,
            message: `${file.file} was edited after it was applied: its ${input.checksum.algorithm} is ${String(mismatch.expected)}, ${input.table} recorded ${String(mismatch.actual)}`,
          });
      }
    }
    findings.push(...pendingFindings(input, effective, fileByKey, position), ...orderFindings(input, applied, fileByKey, position));
  }

  const pending = findings.filter((f) => f.problem === 'pending').length;
  const latest = latestApplied(applied);
  const filesOf = (rows: readonly AppliedRow[]): string[] =>
    rows.flatMap((row) => {
      const file = row.fileBacked === false ? undefined : fileByKey.get(row.key);
      return file ? [file.file] : [];
    });
  const recordedFiles = input.files ? { applied: filesOf(applied), failed: filesOf([...effective.values()].filter((r) => r.state !== 'applied')) } : undefined;
  return {
    ...(recordedFiles ? { recordedFiles } : {}),
    summary: {
      table: input.table,
      framework: input.framework,
      applied: applied.length,
      files: input.files ? input.files.length : null,
      pending,
      checksum: input.checksum?.algorithm ?? null,
      current: latest?.label ?? null,
      notes: input.notes ?? [],
    },
    findings,
  };
}

/** One row per key: the latest applied one (or the latest one when `last` decides). */
function resolveRows(rows: readonly AppliedRow[], resolve: 'any-applied' | 'last'): Map<string, AppliedRow> {
  const ordered = [...rows].sort((a, b) => compareOrder(a.order, b.order));
  const byKey = new Map<string, AppliedRow>();
  for (const row of ordered) {
    const previous = byKey.get(row.key);
    if (resolve === 'last' || !previous || row.state === 'applied' || previous.state !== 'applied') byKey.set(row.key, row);
  }
  return byKey;
}

function indexFiles(files: readonly MigrationFile[]): Map<string, MigrationFile> {
  const byKey = new Map<string, MigrationFile>();
  // Keys first, aliases after: an alias never hides another file's own key.
  for (const f of files) if (!byKey.has(f.key)) byKey.set(f.key, f);
  for (const f of files) for (const alias of f.aliases) if (!byKey.has(alias)) byKey.set(alias, f);
  return byKey;
}

function checksumMismatch(
  rule: ChecksumRule,
  file: MigrationFile,
  bytes: Buffer,
  stored: HistoryValue,
): { expected: HistoryValue; actual: HistoryValue } | undefined {
  const candidates = rule.compute(file, bytes);
  const normalized = rule.normalize ? rule.normalize(stored) : stored;
  if (candidates.some((c) => c === normalized)) return undefined;
  return { expected: candidates[0] ?? null, actual: normalized };
}

function pendingFindings(
  input: LedgerAudit,
  rows: ReadonlyMap<string, AppliedRow>,
  fileByKey: ReadonlyMap<string, MigrationFile>,
  position: ReadonlyMap<MigrationFile, number>,
): HistoryFinding[] {
  const recorded = new Set<MigrationFile>();
  const latestByGroup = new Map<string, MigrationFile>();
  for (const row of rows.values()) {
    const file = fileByKey.get(row.key);
    if (!file) continue;
    recorded.add(file);
    const latest = latestByGroup.get(file.group);
    if (row.state === 'applied' && (!latest || position.get(file)! > position.get(latest)!)) latestByGroup.set(file.group, file);
  }
  const findings: HistoryFinding[] = [];
  for (const file of input.files ?? []) {
    if (recorded.has(file) || input.exempt?.(file)) continue;
    const latest = latestByGroup.get(file.group);
    const behind = latest !== undefined && position.get(file)! < position.get(latest)!;
    findings.push({
      problem: 'pending',
      severity: behind || !input.allowPending ? 'error' : 'info',
      table: input.table,
      framework: input.framework,
      migration: file.key,
      file: file.file,
      message: behind
        ? `${file.label} is not applied, but ${latest.label}, which comes after it, is: a tool that applies in order will skip it or apply it out of order`
        : `${file.label} is not applied yet (no row in ${input.table})`,
    });
  }
  return findings;
}

function orderFindings(
  input: LedgerAudit,
  applied: readonly AppliedRow[],
  fileByKey: ReadonlyMap<string, MigrationFile>,
  position: ReadonlyMap<MigrationFile, number>,
): HistoryFinding[] {
  if (applied.some((r) => r.order === undefined)) return [];
  const findings: HistoryFinding[] = [];
  const furthest = new Map<string, { file: MigrationFile; row: AppliedRow }>();
  for (const row of [...applied].sort((a, b) => compareOrder(a.order, b.order))) {
    const file = fileByKey.get(row.key);
    if (!file) continue;
    const before = furthest.get(file.group);
    if (before && position.get(file)! < position.get(before.file)!) {
      findings.push({
        problem: 'out_of_order',
        severity: 'warning',
        table: input.table,
        framework: input.framework,
        migration: row.label,
        file: file.file,
        message: `${file.label} was applied after ${before.file.label}, which comes after it: the database saw another order than the files give`,
      });
    } else {
      furthest.set(file.group, { file, row });
    }
  }
  return findings;
}

function latestApplied(rows: readonly AppliedRow[]): AppliedRow | undefined {
  return [...rows]
    .filter((r) => r.fileBacked !== false)
    .sort((a, b) => compareOrder(a.order, b.order))
    .at(-1);
}

function compareOrder(a: number | string | undefined, b: number | string | undefined): number {
  if (a === undefined || b === undefined) return 0;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

function failedMessage(row: AppliedRow, table: string): string {
  switch (row.state) {
    case 'dirty':
      return `${row.label} is marked dirty in ${table}: it failed part-way; fix the schema by hand, then force the version`;
    case 'unfinished':
      return `${row.label} started but never finished in ${table}: it failed (or is running right now)`;
    case 'rolled_back':
      return `${row.label} was marked rolled back in ${table} and has not been applied since`;
    default:
      return `${row.label} failed: ${table} records it as unsuccessful`;
  }
}
