import { SEVERITY_RANK, type Severity } from '../model/finding.js';
import { compareMigrationNames } from '../replay/order.js';
import { AUXILIARY_TABLES, plain, recognize, type AuditContext, type Framework, type LiveTable, type TableShape } from './frameworks/index.js';
import type { RecordedFiles } from './ledger.js';
import { HISTORY_PROBLEMS, type HistoryFinding, type HistoryReport, type HistoryTableSummary } from './model.js';
import { findHistoryTable } from '../normalize/history.js';
import { qualifiedName, type TableName } from './read.js';

export interface ChosenTable {
  readonly shape: TableShape;
  readonly framework: Framework;
}

/**
 * Which candidate tables are migration history, and by which tool. A table named with
 * `--history-table` is read whatever its name (as a plain file-name table when its shape
 * is no known tool's); otherwise a table of unknown shape named `migrations` is taken for
 * an application table and left alone.
 */
export function chooseHistoryTables(
  candidates: readonly TableShape[],
  explicit: TableName | undefined,
  database: string,
  createdByMigrations: (name: string) => boolean = () => false,
): { chosen: ChosenTable[]; findings: HistoryFinding[]; warnings: string[] } {
  const findings: HistoryFinding[] = [];
  const warnings: string[] = [];
  const chosen: ChosenTable[] = [];
  const considered = explicit
    ? candidates.filter((c) => c.name === explicit.name && (explicit.schema === undefined || c.schema === explicit.schema))
    : candidates.filter((c) => !AUXILIARY_TABLES.has(c.name));
  for (const shape of considered) {
    const known = recognize(shape);
    // A tool pgparity knows by name but cannot read yet: not a plain table (its checksums would all look wrong).
    const unsupported = !known && findHistoryTable(shape.name, shape.columns)?.columns !== undefined;
    const framework = known ?? (!unsupported && plain.recognizes(shape) && (explicit || shape.name !== 'migrations') ? plain : undefined);
    if (unsupported) {
      warnings.push(`${qualifiedName(shape)} is ${findHistoryTable(shape.name, shape.columns)!.tool}'s history table, which pgparity does not audit yet`);
    } else if (framework) {
      chosen.push({ shape, framework });
    } else if (explicit || shape.name !== 'migrations') {
      findings.push({
        problem: 'unrecognized_history_table',
        severity: 'warning',
        table: qualifiedName(shape),
        message: `${qualifiedName(shape)} is named like a migration history table, but its columns (${shape.columns.join(', ')}) are no known tool's and none holds a file name`,
      });
    }
  }
  // A table the migrations themselves create is theirs, not a second tool's, when another tool's
  // table records them (Harbor's golang-migrate history creates a legacy alembic_version).
  const ownTables = chosen.filter((c) => createdByMigrations(c.shape.name));
  if (!explicit && ownTables.length > 0 && ownTables.length < chosen.length) {
    for (const own of ownTables) chosen.splice(chosen.indexOf(own), 1);
  }
  if (chosen.length === 0) {
    const named = explicit ? `${explicit.schema ? `${explicit.schema}.` : ''}${explicit.name}` : undefined;
    findings.push({
      problem: 'no_history_table',
      severity: 'error',
      ...(named ? { table: named } : {}),
      message:
        named && considered.length === 0
          ? `history table ${named} does not exist in ${database}: nothing records which migrations ran`
          : `no migration history table found in ${database}: nothing records which migrations ran; name yours with --history-table schema.table`,
    });
  }
  if (chosen.length > 1) {
    findings.push({
      problem: 'several_history_tables',
      severity: 'warning',
      message: `${chosen.length} tables record migrations in ${database} (${chosen.map((c) => `${qualifiedName(c.shape)}: ${c.framework.id}`).join(', ')}): more than one tool changes this schema`,
    });
  }
  return { chosen, findings, warnings };
}

export interface AuditInput {
  readonly database: string;
  readonly tables: readonly { readonly table: LiveTable; readonly framework: Framework }[];
  readonly context: AuditContext;
  /** From choosing the tables. */
  readonly findings: readonly HistoryFinding[];
  readonly warnings?: readonly string[];
}

/** Audit each history table against the files and put it all in one report. */
export async function auditHistory(input: AuditInput): Promise<HistoryReport> {
  return (await auditHistoryFiles(input)).report;
}

/** The report, and per table (qualified name) the files its applied and failed rows record, when its files were audited. */
export async function auditHistoryFiles(input: AuditInput): Promise<{ report: HistoryReport; recordedFiles: Map<string, RecordedFiles> }> {
  const summaries: HistoryTableSummary[] = [];
  const findings: HistoryFinding[] = [...input.findings];
  const recordedFiles = new Map<string, RecordedFiles>();
  for (const { table, framework } of input.tables) {
    const audit = await framework.audit(table, input.context);
    summaries.push(audit.summary);
    findings.push(...audit.findings);
    if (audit.recordedFiles) recordedFiles.set(audit.summary.table, audit.recordedFiles);
  }
  const warnings: string[] = [...(input.warnings ?? [])];
  if (input.context.directory && summaries.length > 0 && summaries.every((s) => s.files === null)) {
    warnings.push(
      `no migration files of ${[...new Set(summaries.map((s) => s.framework))].join(' or ')} found under ${input.context.migrations}: the history was not checked against files (is --migrations the right directory?)`,
    );
  }
  const count = (severity: Severity): number => findings.filter((f) => f.severity === severity).length;
  const report: HistoryReport = {
    verdict: findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK.warning) ? 'problems' : 'clean',
    database: input.database,
    migrations: input.context.migrations ?? null,
    tables: summaries,
    summary: { error: count('error'), warning: count('warning'), info: count('info') },
    findings: sortHistoryFindings(findings),
    warnings,
  };
  return { report, recordedFiles };
}

/** 1 when a finding is at or above `failOn`. */
export function historyExitCode(report: HistoryReport, failOn: Severity): 0 | 1 {
  return report.findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]) ? 1 : 0;
}

const PROBLEM_RANK = new Map(HISTORY_PROBLEMS.map((p, i) => [p, i]));

/** By table, problem, migration (numbers compared as numbers), then file. */
export function sortHistoryFindings(findings: readonly HistoryFinding[]): HistoryFinding[] {
  return [...findings].sort(
    (a, b) =>
      compareMigrationNames(a.table ?? '', b.table ?? '') ||
      PROBLEM_RANK.get(a.problem)! - PROBLEM_RANK.get(b.problem)! ||
      compareMigrationNames(a.migration ?? '', b.migration ?? '') ||
      compareMigrationNames(a.file ?? '', b.file ?? '') ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}
