import type pg from 'pg';
import { connect, type SessionLimits } from '../db/connect.js';
import type { ConnectionTarget } from '../db/target.js';
import { PgparityError } from '../model/errors.js';
import { SqlParseError, splitStatements, type SqlStatement } from '../ddl/statements.js';
import { blamesStatement, errorIndex, isServerError, replayFailure } from './failure.js';
import type { Migration } from './discover.js';
import { withoutPsqlMetaCommands } from './psql-meta.js';
import { createToolPrelude } from './tool-prelude.js';
import { prepareReplaySchemas, type ReplaySchemas } from './search-path.js';

/** The scratch database is ours: no statement or lock is too slow to wait for. */
const REPLAY_LIMITS: SessionLimits = { statementTimeoutMs: 0, lockTimeoutMs: 0, connectTimeoutMs: 10_000 };

/**
 * Each file starts from a fresh session, as with `psql -f` per file: a pg_dump baseline
 * that empties search_path, or a `SET ROLE`, must not leak into the next migration.
 */
export const RESET_SESSION = 'set session authorization default; reset role; reset all; discard temp; set client_min_messages = warning';

/**
 * Every statement that makes a file run other than `wrapped` starts with or contains one of
 * these words (see modeOf and sql/statements.ts). A file without any of them, anywhere, even
 * in a string or a comment, is `wrapped` whatever its parse says, so it is not parsed up front
 * (unless it is long enough to be committed in parts: see STATEMENTS_PER_TRANSACTION).
 */
const MODE_WORDS =
  /(?<![\w$])(?:begin|start|commit|end|rollback|abort|prepare|concurrently|reindex|vacuum|cluster|database|discard|tablespace|system|subscription)(?![\w$])/i;

/**
 * A long file replayed as one transaction costs the server time quadratic in its statements: each
 * statement that takes more than 15 locks (a CREATE TABLE with keys, an identity, a reference) has
 * them handed to the transaction by a scan of every lock the transaction holds (PostgreSQL's
 * LockReassignCurrentOwner). A `wrapped` file of more statements than this is committed every this
 * many statements instead (a 5,000-table baseline in one file: 2.5× less server CPU; see
 * docs/performance.md). A failing file stops the replay either way, so no one sees the difference.
 */
export const STATEMENTS_PER_TRANSACTION = 500;

/**
 * Words by which a file may rely on its statements sharing one transaction: SET LOCAL or
 * set_config(…, true), temporary tables (ON COMMIT), deferred constraints, savepoints. A long file
 * holding any of them, anywhere, keeps its one transaction.
 */
const ONE_TRANSACTION_WORDS = /(?<![\w$])(?:local|temp|temporary|deferred|savepoint)(?![\w$])|set_config\s*\([^;]*?,\s*true\s*\)/i;

export interface ReplayOptions {
  onProgress?(done: number, total: number, migration: Migration): void;
  /** Schemas to create and put first in search_path before the first migration (search-path.ts). */
  schemas?: ReplaySchemas | undefined;
}

/**
 * How a file is sent. `wrapped`: inside our transaction, the whole file as one
 * simple query (fast: one round trip). `self-wrapped`: the file is one BEGIN … COMMIT
 * of its own, sent whole. `stepwise`: statement by statement, no transaction of ours,
 * for files that control transactions otherwise or hold statements PostgreSQL refuses
 * in a transaction block.
 */
type Mode = 'wrapped' | 'self-wrapped' | 'stepwise';

interface Plan {
  readonly migration: Migration;
  readonly mode: Mode;
  /** Absent when the file was not parsed (no need) or our parser rejects it. */
  readonly statements?: readonly SqlStatement[];
  /** Nothing but comments and blanks: nothing to send. */
  readonly empty: boolean;
  /** A long `wrapped` file: the transactions it is sent in, in order (see STATEMENTS_PER_TRANSACTION). */
  readonly chunks?: readonly Chunk[];
}

/** Part of a file sent as one query in one transaction: `sql.slice(start, end)`, holding `statements`. */
interface Chunk {
  readonly start: number;
  readonly end: number;
  readonly statements: readonly SqlStatement[];
}

/**
 * Apply `migrations` in order to the (scratch) database at `target`, after the history table their
 * tool would have created when they use it (see tool-prelude.ts); stops at the first failure.
 */
export async function replayMigrations(target: ConnectionTarget, migrations: readonly Migration[], options: ReplayOptions = {}): Promise<void> {
  // Before the replay's session opens, so that it starts with (and each reset returns to) the search path.
  if (options.schemas) await prepareReplaySchemas(target, options.schemas);
  const client = await connectForReplay(target);
  try {
    await createToolPrelude(client, migrations);
    await applyMigrations(client, migrations, target.password, options);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A session that may change the (scratch) database, as replays use it. */
export async function connectForReplay(target: ConnectionTarget): Promise<pg.Client> {
  const client = await connect(target, { readOnly: false, limits: REPLAY_LIMITS, applicationName: 'pgparity replay' });
  await client.query('set client_min_messages = warning');
  return client;
}

/**
 * Apply `migrations` in order on an open session; stops at the first failure. With `sessionUsed`,
 * the session has done other work since it opened, which is reset before the first file too.
 */
export async function applyMigrations(
  client: pg.Client,
  migrations: readonly Migration[],
  password: string | undefined,
  options: ReplayOptions & { readonly sessionUsed?: boolean } = {},
): Promise<void> {
  // The next file is parsed while the server runs this one: the client's and the server's work overlap.
  let next = planSafely(migrations[0]);
  for (const [i, migration] of migrations.entries()) {
    try {
      const plan = (await next.then(unwrap))!;
      const following = migrations[i + 1];
      await applyMigration(client, plan, i > 0 || options.sessionUsed === true, password, () => {
        next = planSafely(following);
      });
    } catch (error) {
      throw error instanceof PgparityError ? error : replayFailure(migration, error, undefined, password);
    }
    options.onProgress?.(i + 1, migrations.length, migration);
  }
}

type Settled<T> = { readonly value: T } | { readonly error: unknown };

/** Plan a file ahead of time without an unhandled rejection if the replay stops first. */
function planSafely(migration: Migration | undefined): Promise<Settled<Plan | undefined>> {
  if (!migration) return Promise.resolve({ value: undefined });
  return planMigration(migration).then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

function unwrap<T>(settled: Settled<T>): T {
  if ('error' in settled) throw settled.error;
  return settled.value;
}

async function planMigration(original: Migration): Promise<Plan> {
  const migration = withoutPsqlMetaCommands(original);
  const long = mayChunk(migration.sql);
  if (!MODE_WORDS.test(migration.sql) && !long) return { migration, mode: 'wrapped', empty: migration.sql.trim() === '' };
  const statements = await parseStatements(migration.sql);
  const mode = statements ? modeOf(statements) : 'wrapped';
  const chunks = long && mode === 'wrapped' && statements ? chunksOf(migration.sql, statements) : undefined;
  return { migration, mode, ...(statements ? { statements } : {}), empty: statements?.length === 0, ...(chunks ? { chunks } : {}) };
}

/** Whether a file may be long enough to commit in parts (a cheap count; the parse decides). */
function mayChunk(sql: string): boolean {
  let semicolons = 0;
  for (let i = sql.indexOf(';'); i >= 0 && semicolons <= STATEMENTS_PER_TRANSACTION; i = sql.indexOf(';', i + 1)) semicolons++;
  return semicolons > STATEMENTS_PER_TRANSACTION && !ONE_TRANSACTION_WORDS.test(sql);
}

/** The file's transactions of STATEMENTS_PER_TRANSACTION statements; undefined when it fits in one. */
function chunksOf(sql: string, statements: readonly SqlStatement[]): Chunk[] | undefined {
  if (statements.length <= STATEMENTS_PER_TRANSACTION) return undefined;
  const chunks: Chunk[] = [];
  for (let first = 0; first < statements.length; first += STATEMENTS_PER_TRANSACTION) {
    const part = statements.slice(first, first + STATEMENTS_PER_TRANSACTION);
    const last = first + part.length === statements.length;
    chunks.push({ start: first === 0 ? 0 : part[0]!.start, end: last ? sql.length : part.at(-1)!.end, statements: part });
  }
  return chunks;
}

/** A script our parser rejects still goes to the server whole: its error (or a newer grammar) decides. */
async function parseStatements(sql: string): Promise<SqlStatement[] | undefined> {
  return splitStatements(sql).catch((error: unknown) => {
    if (error instanceof SqlParseError) return undefined;
    throw error;
  });
}

/** `whileRunning` is called once the file is on its way to the server (to plan the next one meanwhile). */
async function applyMigration(client: pg.Client, plan: Plan, afterAnother: boolean, password: string | undefined, whileRunning: () => void): Promise<void> {
  const { migration, mode } = plan;
  if (plan.empty) return whileRunning();
  if (mode === 'stepwise') {
    if (afterAnother) await client.query(RESET_SESSION);
    whileRunning();
    return applyStepwise(client, migration, plan.statements!, password);
  }
  const chunks = plan.chunks ?? [{ start: 0, end: migration.sql.length, statements: plan.statements }];
  for (const [k, chunk] of chunks.entries()) {
    try {
      // One round trip for the session reset and our BEGIN; later parts of a long file keep the session the first left.
      const opening = [afterAnother && k === 0 ? RESET_SESSION : undefined, mode === 'wrapped' ? 'begin' : undefined].filter((s) => s !== undefined).join('; ');
      if (opening) await client.query(opening);
      const running = client.query(chunks.length === 1 ? migration.sql : migration.sql.slice(chunk.start, chunk.end));
      if (k === 0) whileRunning();
      await running;
      if (mode === 'wrapped') await client.query('commit');
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      if (!isServerError(error)) throw replayFailure(migration, error, undefined, password);
      let index = errorIndex(error, migration.sql, chunk.start);
      if (index === undefined && blamesStatement(error)) {
        // The rollback also undid the session reset sent with our BEGIN.
        if (afterAnother && k === 0) await client.query(RESET_SESSION).catch(() => undefined);
        const statements = chunk.statements ?? (await parseStatements(migration.sql).catch(() => undefined));
        if (statements) index = await locateFailingStatement(client, migration, statements).catch(() => undefined);
      }
      throw replayFailure(migration, error, index, password);
    }
  }
}

function modeOf(statements: readonly SqlStatement[]): Mode {
  if (statements.some((s) => s.forbiddenInTransaction)) return 'stepwise';
  const controls = statements.filter((s) => s.transactionControl !== undefined);
  if (controls.length === 0) return 'wrapped';
  const selfWrapped = controls.length === 2 && statements[0]!.transactionControl === 'begin' && statements.at(-1)!.transactionControl === 'commit';
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
