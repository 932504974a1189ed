import type pg from 'pg';
import { connect, type SessionLimits } from '../db/connect.js';
import type { ConnectionTarget } from '../db/target.js';
import { PgparityError } from '../model/errors.js';
import { SqlParseError, splitStatements, type SqlStatement } from '../sql/statements.js';
import { errorIndex, isServerError, replayFailure } from './failure.js';
import type { Migration } from './discover.js';
import { withoutPsqlMetaCommands } from './psql-meta.js';

/** The scratch database is ours: no statement or lock is too slow to wait for. */
const REPLAY_LIMITS: SessionLimits = { statementTimeoutMs: 0, lockTimeoutMs: 0, connectTimeoutMs: 10_000 };

/**
 * Each file starts from a fresh session, as with `psql -f` per file: a pg_dump baseline
 * that empties search_path, or a `SET ROLE`, must not leak into the next migration.
 */
const RESET_SESSION = 'set session authorization default; reset role; reset all; discard temp; set client_min_messages = warning';

export interface ReplayOptions {
  onProgress?(done: number, total: number, migration: Migration): void;
}

/**
 * How a file is sent. `wrapped`: inside our transaction, the whole file as one
 * simple query (fast: one round trip). `self-wrapped`: the file is one BEGIN … COMMIT
 * of its own, sent whole. `stepwise`: statement by statement, no transaction of ours,
 * for files that control transactions otherwise or hold statements PostgreSQL refuses
 * in a transaction block.
 */
type Mode = 'wrapped' | 'self-wrapped' | 'stepwise';

/** Apply `migrations` in order to the (scratch) database at `target`; stops at the first failure. */
export async function replayMigrations(target: ConnectionTarget, migrations: readonly Migration[], options: ReplayOptions = {}): Promise<void> {
  const client = await connect(target, { readOnly: false, limits: REPLAY_LIMITS, applicationName: 'pgparity replay' });
  try {
    await client.query('set client_min_messages = warning');
    for (const [i, migration] of migrations.entries()) {
      try {
        if (i > 0) await client.query(RESET_SESSION);
        await applyMigration(client, withoutPsqlMetaCommands(migration), target.password);
      } catch (error) {
        throw error instanceof PgparityError ? error : replayFailure(migration, error, undefined, target.password);
      }
      options.onProgress?.(i + 1, migrations.length, migration);
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function applyMigration(client: pg.Client, migration: Migration, password: string | undefined): Promise<void> {
  // A script our parser rejects still goes to the server whole: its error (or a newer grammar) decides.
  const statements = await splitStatements(migration.sql).catch((error: unknown) => {
    if (error instanceof SqlParseError) return undefined;
    throw error;
  });
  if (statements?.length === 0) return;
  const mode = statements ? modeOf(statements) : 'wrapped';
  if (mode === 'stepwise') return applyStepwise(client, migration, statements!, password);
  try {
    if (mode === 'wrapped') await client.query('begin');
    await client.query(migration.sql);
    if (mode === 'wrapped') await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    if (!isServerError(error)) throw replayFailure(migration, error, undefined, password);
    let index = errorIndex(error, migration.sql, 0);
    if (index === undefined && statements) index = await locateFailingStatement(client, migration, statements).catch(() => undefined);
    throw replayFailure(migration, error, index, password);
  }
}

function modeOf(statements: readonly SqlStatement[]): Mode {
  if (statements.some((s) => s.forbiddenInTransaction)) return 'stepwise';
  const controls = statements.filter((s) => s.transactionControl !== undefined);
  if (controls.length === 0) return 'wrapped';
  const selfWrapped =
    controls.length === 2 && statements[0]!.transactionControl === 'begin' && statements.at(-1)!.transactionControl === 'commit';
  return selfWrapped ? 'self-wrapped' : 'stepwise';
}

async function applyStepwise(client: pg.Client, migration: Migration, statements: readonly SqlStatement[], password: string | undefined): Promise<void> {
  for (const statement of statements) {
    try {
      await client.query(statement.text);
    } catch (error) {
      // End a transaction the file opened; outside one this is only a warning.
      await client.query('rollback').catch(() => undefined);
      const index = isServerError(error) ? (errorIndex(error, migration.sql, statement.start) ?? statement.start) : undefined;
      throw replayFailure(migration, error, index, password);
    }
  }
  // A file that opened a transaction and never closed it meant its work to stay.
  await client.query('commit');
}

/**
 * The server gave no position (`relation "x" does not exist` from ALTER TABLE, errors
 * raised in PL/pgSQL): the whole file was rolled back, so re-run it statement by
 * statement in a transaction we roll back, and point at the statement that fails.
 */
async function locateFailingStatement(client: pg.Client, migration: Migration, statements: readonly SqlStatement[]): Promise<number | undefined> {
  await client.query('begin');
  try {
    for (const statement of statements) {
      if (statement.transactionControl) continue;
      try {
        await client.query(statement.text);
      } catch (error) {
        return isServerError(error) ? (errorIndex(error, migration.sql, statement.start) ?? statement.start) : undefined;
      }
    }
    return undefined;
  } finally {
    await client.query('rollback').catch(() => undefined);
  }
}
