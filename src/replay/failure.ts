import pg from 'pg';
import { ConnectionError, ReplayError } from '../model/errors.js';
import { isLostConnection } from '../db/session-failure.js';
import { codePointsToIndex } from '../ddl/text-offsets.js';
import { caretExcerpt, lineColumnAt } from './excerpt.js';
import type { Migration } from './discover.js';

const FIX = 'fix the migration or check the order of files';
/** PostgreSQL 15+: `extension "x" is not available`; 14: `could not open extension control file ".../x.control"`. */
const MISSING_EXTENSION = /^extension "([^"]+)" is not available|^could not open extension control file "[^"]*\/([^"/]+)\.control"/;

/** `${name}` / `${flyway:defaultSchema}`: a placeholder Flyway or Liquibase replaces before the server sees the file. */
const PLACEHOLDER = /^\$\{[\w.:-]+\}/;
/** `:DATABASE_OWNER`: a placeholder graphile-migrate replaces (its `.gmrc` `placeholders`), psql's `:variable` too. */
const COLON_PLACEHOLDER = /^:[A-Za-z_]\w*/;

/**
 * The fix for a failed migration: the scratch server may simply lack an extension live has, or the
 * statement (at `index` of `sql`) holds a placeholder that only the migration tool fills in.
 */
function fixFor(message: string, sql: string, index: number | undefined): string {
  const colon = index === undefined || sql[index - 1] === ':' ? undefined : COLON_PLACEHOLDER.exec(sql.slice(index))?.[0];
  if (colon !== undefined)
    return `${colon} is a placeholder (graphile-migrate's .gmrc placeholders, a psql variable) that its tool fills in before running the file, which pgparity does not: replay with the tool itself through --replay-cmd`;
  const placeholder = index === undefined ? undefined : PLACEHOLDER.exec(sql.slice(index))?.[0];
  if (placeholder !== undefined)
    return `${placeholder} is a placeholder your migration tool (Flyway, Liquibase) fills in before running the file, which pgparity does not: replay with the tool itself, e.g. --replay-cmd 'flyway -url=jdbc:postgresql://$PGHOST:$PGPORT/$PGDATABASE -user=$PGUSER -password=$PGPASSWORD migrate'`;
  const missing = MISSING_EXTENSION.exec(message);
  const name = missing?.[1] ?? missing?.[2];
  if (name === undefined) return FIX;
  return `the scratch server does not have extension ${name}: use --scratch docker:IMAGE with an image that has it (e.g. docker:postgis/postgis:16-3.4) or --scratch postgres://… (a server that has it)`;
}
/**
 * Whether a server error is about a statement of the file (its place is worth finding), rather
 * than the server's resources or state (53 insufficient resources, 57 operator intervention,
 * 58 system error, 08 connection): re-running a huge file only to meet those again takes minutes.
 */
export function blamesStatement(error: pg.DatabaseError): boolean {
  return !/^(?:53|57|58|08)/.test(error.code ?? '');
}

/** Shorter internal queries could match the file by coincidence. */
const MIN_INTERNAL_QUERY = 8;

export function isServerError(error: unknown): error is pg.DatabaseError {
  return error instanceof pg.DatabaseError;
}

/**
 * Where in the file a server error points, from the text that was sent starting at
 * string index `sentFrom`. PostgreSQL counts characters from 1; for an error inside a
 * function body it reports the body instead, found in the file when quoted verbatim.
 */
export function errorIndex(error: pg.DatabaseError, sql: string, sentFrom: number): number | undefined {
  if (error.position) return codePointsToIndex(sql, Number(error.position) - 1, sentFrom);
  const inner = error.internalQuery;
  if (error.internalPosition && inner && inner.trim().length >= MIN_INTERNAL_QUERY) {
    const first = sql.indexOf(inner);
    if (first >= 0 && sql.indexOf(inner, first + 1) < 0) return codePointsToIndex(sql, Number(error.internalPosition) - 1, first);
  }
  return undefined;
}

/** The one-line `migration FILE:LINE:COL failed: …` error with a caret excerpt, the password redacted. */
export function replayFailure(migration: Migration, error: unknown, index: number | undefined, password: string | undefined): Error {
  const redact = (text: string): string => (password ? text.split(password).join('***') : text);
  if (isServerError(error) && error.code === '53200' && /max_locks_per_transaction/.test(error.hint ?? '')) {
    return new ConnectionError(
      `the scratch server ran out of lock space replaying ${migration.file}, which runs in one transaction (${oneLine(error.message)}): split it into smaller files or transactions, or raise the scratch server's max_locks_per_transaction (embedded: PGPARITY_SCRATCH_MAX_LOCKS=N, sized from the migrations by default; a URL or docker scratch: its server setting)`,
    );
  }
  if (isServerError(error) && error.code === '53100') {
    return new ConnectionError(
      `the scratch server ran out of disk space while replaying ${migration.file} (${oneLine(error.message)}): free space where its data directory is, or point PGPARITY_SCRATCH_DIR at a larger file system`,
    );
  }
  // The server shut down or crashed under the replay (57P01/57P02): not the migration's fault.
  if (!isServerError(error) || isLostConnection(error)) {
    const message = oneLine(error instanceof Error ? error.message : String(error));
    return new ConnectionError(redact(`lost the connection to the scratch database while replaying ${migration.file}: ${message}`));
  }
  const position = index === undefined ? undefined : { file: migration.file, ...lineColumnAt(migration.sql, index) };
  const where = position ? `${position.file}:${position.line}:${position.column}` : migration.file;
  const message = `migration ${where} failed: ${oneLine(error.message)}${serverContext(error)} — ${fixFor(error.message, migration.sql, index)}`;
  const excerpt = [
    index === undefined ? undefined : caretExcerpt(migration.sql, index),
    error.detail ? `DETAIL: ${error.detail}` : undefined,
    error.hint ? `HINT: ${error.hint}` : undefined,
  ].filter((line) => line !== undefined);
  return new ReplayError(redact(message), position, excerpt.length > 0 ? redact(excerpt.join('\n')) : undefined);
}

/** ` (PL/pgSQL function f() line 3 at SQL statement: insert into …)`: where inside a function it failed. */
function serverContext(error: pg.DatabaseError): string {
  const where = (error.where ?? '')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(0, 2)
    .join('; ');
  const inner = error.internalQuery && !where.includes(error.internalQuery) ? truncate(oneLine(error.internalQuery), 80) : '';
  const context = [truncate(oneLine(where), 160), inner].filter((part) => part !== '').join(': ');
  return context ? ` (${context})` : '';
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
