import type pg from 'pg';
import { setTimeout as delay } from 'node:timers/promises';
import { connect, type SessionLimits } from '../db/connect.js';
import type { ConnectionTarget } from '../db/target.js';
import type { Measurement } from '../model/preflight.js';
import { ReplayError } from '../model/errors.js';
import type { Migration } from '../replay/discover.js';
import { lineColumnAt } from '../replay/excerpt.js';
import { errorIndex, isServerError, replayFailure } from '../replay/failure.js';
import { RESET_SESSION } from '../replay/apply.js';
import { withoutPsqlMetaCommands } from '../replay/psql-meta.js';
import { quoteIdent } from '../history/read.js';
import { statementFacts, type StatementFacts } from '../ddl/preflight-facts.js';
import { SqlParseError, splitStatements, type SqlStatement } from '../ddl/statements.js';
import { caretExcerpt } from '../replay/excerpt.js';
import { NO_EFFECTS, statementEffects, TABLE_KINDS, type StatementEffects } from './effects.js';
import { readLocks, readScratchState, type OwnLock, type ScratchState } from './state.js';

/** Scratch is ours: nothing there is too slow to wait for. */
const SCRATCH_LIMITS: SessionLimits = { statementTimeoutMs: 0, lockTimeoutMs: 0, connectTimeoutMs: 10_000 };
/** How long a statement run outside a transaction may keep our blocking session before it is let go regardless. */
const OBSERVE_MS = 3_000;

export interface MeasuredStatement {
  readonly line: number;
  readonly sql: string;
  readonly facts: StatementFacts | undefined;
  readonly measured: Measurement;
  readonly effects: StatementEffects;
  /** A `SET lock_timeout` with a limit ran earlier in the same file. */
  readonly lockTimeoutSet: boolean;
  /** The file's own BEGIN was open when this statement ran. */
  readonly inFileTransaction: boolean;
  readonly forbiddenInTransaction: boolean;
}

export interface MeasuredMigration {
  readonly migration: Migration;
  readonly statements: readonly MeasuredStatement[];
  /** The file opens a transaction it never commits. */
  readonly uncommitted: boolean;
}

/**
 * Run each statement of a pending migration on the scratch database, one at a time, each
 * in a transaction of its own, and read what it did before commit: the relation locks of
 * our backend (pg_locks), relfilenodes, constraints, columns and sequential scans.
 */
export async function measureMigration(client: pg.Client, target: ConnectionTarget, original: Migration): Promise<MeasuredMigration> {
  const migration = withoutPsqlMetaCommands(original);
  const statements = await splitStatements(migration.sql).catch((error: unknown) => {
    if (!(error instanceof SqlParseError)) throw error;
    const at = lineColumnAt(migration.sql, error.position);
    throw new ReplayError(
      `migration ${migration.file}:${at.line}:${at.column} cannot be split into statements: ${error.message}`,
      { file: migration.file, ...at },
      caretExcerpt(migration.sql, error.position),
    );
  });
  // As in a replay, each file starts from a fresh session: a SET in one must not reach the next.
  await client.query(RESET_SESSION);
  const measured: MeasuredStatement[] = [];
  let lockTimeoutSet = false;
  let inFileTransaction = false;
  for (const statement of statements) {
    if (statement.transactionControl) {
      inFileTransaction = statement.transactionControl === 'begin';
      continue;
    }
    const facts = await statementFacts(statement.text);
    const start = contentStart(migration.sql, statement.start);
    const common = {
      line: lineColumnAt(migration.sql, start).line,
      sql: migration.sql.slice(start, statement.end).trim(),
      facts,
      lockTimeoutSet,
      inFileTransaction,
      forbiddenInTransaction: statement.forbiddenInTransaction,
    };
    if (facts?.setsLockTimeout !== undefined) lockTimeoutSet = facts.setsLockTimeout;
    if (facts?.dropDatabase) {
      // Never dropped, not even in scratch: the name may be the scratch server's own.
      measured.push({ ...common, measured: 'not_run', effects: NO_EFFECTS });
      continue;
    }
    const before = await readScratchState(client);
    const outcome = statement.forbiddenInTransaction
      ? await runOutsideTransaction(client, target, statement, before, migration)
      : await runInTransaction(client, target, statement, before, migration);
    measured.push({ ...common, measured: outcome.measured, effects: statementEffects(before, outcome.after, outcome.locks, facts) });
  }
  return { migration: original, statements: measured, uncommitted: inFileTransaction };
}

interface Outcome {
  readonly measured: Measurement;
  readonly after: ScratchState;
  readonly locks: readonly OwnLock[];
}

async function runInTransaction(
  client: pg.Client,
  target: ConnectionTarget,
  statement: SqlStatement,
  before: ScratchState,
  migration: Migration,
): Promise<Outcome> {
  await client.query('begin');
  // Scan counters are pending statistics: flushed only between transactions, so both reads are inside this one.
  const scansBefore = (await readScratchState(client)).scans;
  try {
    await client.query(statement.text);
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    // Refused in a transaction block although our parser did not know it (25001): measure it outside one.
    if (isServerError(error) && error.code === '25001') return runOutsideTransaction(client, target, statement, before, migration);
    throw failure(migration, statement, error, target);
  }
  const locks = await readLocks(client);
  const read = await readScratchState(client);
  await client.query('commit');
  const scans = new Map([...read.scans].filter(([oid, count]) => count > (scansBefore.get(oid) ?? 0)));
  return { measured: 'transaction', after: { ...read, scans }, locks };
}

/**
 * CONCURRENTLY and the like refuse a transaction block, so their locks cannot be read before
 * a commit. A second session holds ACCESS SHARE on every table and an old snapshot, which
 * these statements wait for; while the statement waits, a third session reads its locks.
 * Locks it takes and releases without waiting may be missed: the statement is labelled so.
 */
async function runOutsideTransaction(
  client: pg.Client,
  target: ConnectionTarget,
  statement: SqlStatement,
  before: ScratchState,
  migration: Migration,
): Promise<Outcome> {
  const blocker = await connect(target, { readOnly: false, limits: SCRATCH_LIMITS, applicationName: 'pgparity preflight blocker' });
  const monitor = await connect(target, { readOnly: false, limits: SCRATCH_LIMITS, applicationName: 'pgparity preflight monitor' });
  const seen = new Map<string, OwnLock>();
  try {
    const tables = [...before.relations.values()].filter((r) => TABLE_KINDS.has(r.kind) && r.kind !== 'm');
    await blocker.query('begin isolation level repeatable read');
    await blocker.query('select 1');
    if (tables.length > 0)
      await blocker.query(`lock table ${tables.map((t) => `${quoteIdent(t.schema)}.${quoteIdent(t.relname)}`).join(', ')} in access share mode`);
    const pid = (client as unknown as { processID: number }).processID;
    let settled: { error?: unknown } | undefined;
    const running = client.query(statement.text).then(
      () => (settled = {}),
      (error: unknown) => (settled = { error }),
    );
    let released = false;
    const started = Date.now();
    while (settled === undefined) {
      const locks = await readLocks(monitor, pid);
      for (const lock of locks) if (lock.relation !== null) seen.set(`${lock.relation}/${lock.mode}`, lock);
      if (!released && (locks.some((l) => !l.granted) || Date.now() - started > OBSERVE_MS)) {
        await blocker.query('commit');
        released = true;
      }
      await delay(5);
    }
    await running;
    if (!released) await blocker.query('commit');
    if (settled.error !== undefined) throw failure(migration, statement, settled.error, target);
  } finally {
    await blocker.end().catch(() => undefined);
    await monitor.end().catch(() => undefined);
  }
  // Outside a transaction the scan counters may be flushed at any time: no scans are claimed.
  return { measured: 'outside_transaction', after: { ...(await readScratchState(client)), scans: new Map() }, locks: [...seen.values()] };
}

function failure(migration: Migration, statement: SqlStatement, error: unknown, target: ConnectionTarget): Error {
  const index = isServerError(error) ? (errorIndex(error, migration.sql, statement.start) ?? contentStart(migration.sql, statement.start)) : undefined;
  return replayFailure(migration, error, index, target.password);
}

/** Where the statement's own text starts: after the blanks and comments that precede it. */
function contentStart(sql: string, from: number): number {
  let i = from;
  for (;;) {
    while (i < sql.length && /\s/.test(sql[i]!)) i++;
    if (sql.startsWith('--', i)) {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end + 1;
    } else if (sql.startsWith('/*', i)) {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 2;
    } else {
      return i;
    }
  }
}
