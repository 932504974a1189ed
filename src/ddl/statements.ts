import { parse, type Node, type ParseResult } from 'libpg-query';
import { byteOffsetsToIndices, codePointsToIndex } from './text-offsets.js';

/** How a top-level statement ends or starts a transaction itself. */
export type TransactionControl = 'begin' | 'commit' | 'rollback' | 'prepare';

export interface SqlStatement {
  /** The statement's source text, without the terminating semicolon. */
  readonly text: string;
  /** String indices into the script: `script.slice(start, end) === text`. */
  readonly start: number;
  readonly end: number;
  /** PostgreSQL refuses it inside a transaction block (CREATE INDEX CONCURRENTLY, VACUUM, …). */
  readonly forbiddenInTransaction: boolean;
  /** Set for BEGIN, START TRANSACTION, COMMIT, END, ROLLBACK, ABORT and PREPARE TRANSACTION. */
  readonly transactionControl?: TransactionControl;
}

/** The script is not valid SQL for the bundled PostgreSQL parser. */
export class SqlParseError extends Error {
  override readonly name = 'SqlParseError';
  constructor(
    message: string,
    /** String index into the script where the parser stopped. */
    readonly position: number,
  ) {
    super(message);
  }
}

/**
 * Split a script into its top-level statements with PostgreSQL's own grammar, so
 * dollar-quoted bodies, comments and quoted semicolons never split a statement.
 */
export async function splitStatements(sql: string): Promise<SqlStatement[]> {
  const result = await parseScript(sql);
  const raw = result.stmts ?? [];
  // libpg-query omits zero-valued fields: no stmt_location means 0, no stmt_len means "to the end".
  const byteBounds = raw.flatMap((s) => {
    const start = s.stmt_location ?? 0;
    return [start, s.stmt_len ? start + s.stmt_len : Number.MAX_SAFE_INTEGER];
  });
  const bounds = byteOffsetsToIndices(sql, byteBounds);
  return raw.map((s, i) => {
    const start = bounds[2 * i]!;
    const end = s.stmt_len ? bounds[2 * i + 1]! : start + sql.slice(start).trimEnd().length;
    const control = s.stmt ? transactionControlOf(s.stmt) : undefined;
    return {
      text: sql.slice(start, end),
      start,
      end,
      forbiddenInTransaction: s.stmt ? isForbiddenInTransaction(s.stmt) : false,
      ...(control ? { transactionControl: control } : {}),
    };
  });
}

/** Whether this one statement must run outside a transaction block. */
export async function needsNoTransaction(statement: string): Promise<boolean> {
  return (await splitStatements(statement)).some((s) => s.forbiddenInTransaction);
}

/** Whether a script begins or ends transactions itself at top level (not inside DO or functions). */
export function managesTransactions(statements: readonly SqlStatement[]): boolean {
  return statements.some((s) => s.transactionControl !== undefined);
}

async function parseScript(sql: string): Promise<ParseResult> {
  // libpg-query refuses an empty string; an empty script simply has no statements.
  if (sql.trim() === '') return { stmts: [] };
  try {
    return await parse(sql);
  } catch (error) {
    const e = error as { message?: string; sqlDetails?: { cursorPosition?: number } };
    const cursor = e.sqlDetails?.cursorPosition ?? 0;
    throw new SqlParseError(e.message ?? String(error), codePointsToIndex(sql, cursor));
  }
}

function transactionControlOf(node: Node): TransactionControl | undefined {
  if (!('TransactionStmt' in node)) return undefined;
  switch (node.TransactionStmt.kind) {
    case 'TRANS_STMT_BEGIN':
    case 'TRANS_STMT_START':
      return 'begin';
    case 'TRANS_STMT_COMMIT':
      return 'commit';
    case 'TRANS_STMT_ROLLBACK':
      return 'rollback';
    case 'TRANS_STMT_PREPARE':
      return 'prepare';
    default:
      // SAVEPOINT, RELEASE and ROLLBACK TO work inside an enclosing transaction.
      return undefined;
  }
}

/** The statements PostgreSQL guards with PreventInTransactionBlock(). */
function isForbiddenInTransaction(node: Node): boolean {
  if ('IndexStmt' in node) return node.IndexStmt.concurrent === true;
  if ('DropStmt' in node) return node.DropStmt.concurrent === true;
  if ('ReindexStmt' in node) {
    const { kind, params } = node.ReindexStmt;
    return kind === 'REINDEX_OBJECT_SCHEMA' || kind === 'REINDEX_OBJECT_SYSTEM' || kind === 'REINDEX_OBJECT_DATABASE' || hasOption(params, 'concurrently');
  }
  // VACUUM, not ANALYZE, which shares the node.
  if ('VacuumStmt' in node) return node.VacuumStmt.is_vacuumcmd === true;
  // CLUSTER with no table reclusters the whole database in separate transactions.
  if ('ClusterStmt' in node) return node.ClusterStmt.relation === undefined;
  if ('AlterTableStmt' in node) {
    return (node.AlterTableStmt.cmds ?? []).some(
      (cmd) => 'AlterTableCmd' in cmd && cmd.AlterTableCmd.subtype === 'AT_DetachPartition' && isConcurrentPartitionCmd(cmd.AlterTableCmd.def),
    );
  }
  if ('AlterDatabaseStmt' in node) return hasOption(node.AlterDatabaseStmt.options, 'tablespace');
  if ('DiscardStmt' in node) return node.DiscardStmt.target === 'DISCARD_ALL';
  if ('TransactionStmt' in node) {
    const kind = node.TransactionStmt.kind;
    return kind === 'TRANS_STMT_COMMIT_PREPARED' || kind === 'TRANS_STMT_ROLLBACK_PREPARED';
  }
  // Subscriptions refuse a transaction block whenever they touch a replication slot; running them alone is always safe.
  return [
    'CreatedbStmt',
    'DropdbStmt',
    'CreateTableSpaceStmt',
    'DropTableSpaceStmt',
    'AlterSystemStmt',
    'CreateSubscriptionStmt',
    'AlterSubscriptionStmt',
    'DropSubscriptionStmt',
  ].some((kind) => kind in node);
}

function hasOption(options: readonly Node[] | undefined, name: string): boolean {
  return (options ?? []).some((o) => 'DefElem' in o && o.DefElem.defname === name);
}

function isConcurrentPartitionCmd(def: Node | undefined): boolean {
  return def !== undefined && 'PartitionCmd' in def && def.PartitionCmd.concurrent === true;
}
