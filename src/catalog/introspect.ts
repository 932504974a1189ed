import type pg from 'pg';
import type { CatalogObject } from '../model/objects.js';
import type { SchemaFilter } from '../model/settings.js';
import { SNAPSHOT_FORMAT_VERSION, type ServerInfo, type Snapshot } from '../model/snapshot.js';
import { setTimeout as delay } from 'node:timers/promises';
import { ConfigError, ConnectionError } from '../model/errors.js';
import { isLostConnection, sessionFailure } from '../db/session-failure.js';
import { assertDefinition, backoffMs, isConcurrentChange, READ_ATTEMPTS } from './introspect-races.js';
import { HelperSessions, streamRows } from './read-sessions.js';
import { mergeSortedGroups, sortObjects } from './object-order.js';
import { loadQuery } from './sql-files.js';
import type { CatalogReader, ReadContext } from './reader.js';
import { TableColumns } from './table-columns.js';
import { schemaReader } from './schemas.js';
import { extensionReader } from './extensions.js';
import { typeReader } from './types.js';
import { sequenceReader } from './sequences.js';
import { tableReader } from './tables.js';
import { columnReader } from './columns.js';
import { constraintReader } from './constraints.js';
import { indexReader } from './indexes.js';
import { viewReader } from './views.js';
import { functionReader } from './functions.js';
import { triggerReader } from './triggers.js';
import { policyReader } from './policies.js';
import { collationReader } from './collations.js';
import { ruleReader } from './rules.js';
import { statisticsReader } from './statistics.js';
import { textSearchConfigurationReader, textSearchDictionaryReader, textSearchTemplateReader } from './text-search.js';
import { conversionReader } from './conversions.js';
import { operatorClassReader, operatorReader } from './operators.js';
import { accessMethodReader } from './access-methods.js';
import { castReader } from './casts.js';
import { foreignDataReader } from './foreign-data.js';
import { publicationReader } from './publications.js';
import { eventTriggerReader } from './event-triggers.js';
import { ACCESS_COLUMNS, ACCESS_QUERY, withAccess } from './access.js';

/** The schemas to read (absent or empty `schemas`: every user schema) and, with `include`, owners and / or privileges (one more query). */
export interface IntrospectOptions extends Pick<SchemaFilter, 'schemas' | 'excludeSchemas' | 'include'> {
  /** Written into the snapshot as is: the caller removes credentials. */
  readonly source: string;
  /**
   * Send the catalog queries as named prepared statements, planned once per session: for a
   * session that reads the same database many times (rehearse). Never for live, where a
   * transaction-pooling proxy (pgbouncer) may hand the next query to another server session.
   */
  readonly prepared?: boolean;
  /**
   * Read only what belongs to these relations (by OID) of the relation-bound kinds (tables,
   * views, sequences, columns, constraints, indexes, triggers, policies, rules); every other kind
   * is read whole. For an incremental read (see incremental.ts); absent: everything.
   */
  readonly relations?: readonly string[];
  /** Families (reader query names) not to read: an incremental read knows they have nothing to read. */
  readonly skip?: ReadonlySet<string>;
  /**
   * Opens one more session on the same database, read-only with the same limits. With it the
   * read runs on up to READ_SESSIONS sessions that share one snapshot (see read-sessions.ts);
   * without it, or when no helper joins, on `client` alone.
   */
  readonly openSession?: () => Promise<pg.Client>;
  /**
   * Told the server's version as soon as it is known, before the catalog queries run; they wait
   * for the promise it may return (`check` starts a scratch server of the live side's major, and
   * reads live once that server is up). A read retried after concurrent DDL tells it again.
   */
  readonly onServer?: (server: ServerInfo) => void | Promise<void>;
}

/** Sessions one read uses at most: the three heavy families (columns, constraints, indexes) run at once, then share the rest. */
export const READ_SESSIONS = 3;

export interface Introspection {
  readonly snapshot: Snapshot;
  /** Statements sent, transaction control included: fixed, whatever the schema size. */
  readonly queryCount: number;
}

/** A read split by reader: what belongs to relations and the rest, each sorted. */
export interface CatalogParts {
  readonly server: ServerInfo;
  readonly relationObjects: readonly CatalogObject[];
  readonly otherObjects: readonly CatalogObject[];
}

const MIN_SERVER_MAJOR = 14;

/** Every catalog query and the columns its rows are read with: test/matrix/catalog-rows.test.ts runs them all on every major. */
export function catalogQueries(): readonly Pick<CatalogReader, 'query' | 'columns' | 'databaseWide' | 'relationBound'>[] {
  return [...READERS, { query: ACCESS_QUERY, columns: ACCESS_COLUMNS }];
}

/**
 * For this transaction only. An empty search_path makes the server qualify every name outside
 * pg_catalog in what it deparses. Constants deparse through their type's output function: fixed
 * date, time zone, interval, float and money formats make a partition bound or a default read
 * the same whatever the server's or the role's settings. The catalog queries are dominated by per-row deparsing in one
 * process: parallel workers and JIT compilation would only add start-up time; a larger work_mem
 * keeps hash joins over big catalogs in memory.
 */
const SESSION_SETTINGS = `select
  set_config('search_path', '', true),
  set_config('TimeZone', 'UTC', true),
  set_config('DateStyle', 'ISO, MDY', true),
  set_config('IntervalStyle', 'postgres', true),
  set_config('extra_float_digits', '1', true),
  set_config('lc_monetary', 'C', true),
  set_config('bytea_output', 'hex', true),
  set_config('max_parallel_workers_per_gather', '0', true),
  set_config('jit', 'off', true),
  set_config('work_mem', '64MB', true)`;

/**
 * One set-based query per object family. Columns come first: tables and constraints take
 * column names from them. The heavy queries follow one another, so that mapping the rows of
 * one overlaps with the server working on the next.
 */
const READERS: readonly CatalogReader[] = [
  columnReader,
  constraintReader,
  indexReader,
  tableReader,
  sequenceReader,
  typeReader,
  viewReader,
  functionReader,
  triggerReader,
  policyReader,
  collationReader,
  schemaReader,
  extensionReader,
  ruleReader,
  statisticsReader,
  textSearchTemplateReader,
  textSearchDictionaryReader,
  textSearchConfigurationReader,
  operatorReader,
  operatorClassReader,
  conversionReader,
  accessMethodReader,
  castReader,
  foreignDataReader,
  publicationReader,
  eventTriggerReader,
];

/**
 * Read the schema of the database behind `client` into a snapshot, in one read-only
 * repeatable-read transaction so every query sees the same catalog (with `openSession`, on
 * helper sessions too, sharing that transaction's snapshot). A read that concurrent DDL made
 * inconsistent (see introspect-races.ts) is retried whole; timeouts and lost connections become
 * one-line ConnectionErrors (exit 3), whichever command reads and whichever session failed.
 */
export async function introspectCatalog(client: pg.ClientBase, options: IntrospectOptions): Promise<Introspection> {
  const counter = { queries: 0 };
  const { server, relationObjects, otherObjects } = await introspectParts(client, options, counter);
  const objects = mergeSortedGroups([relationObjects, otherObjects]);
  return { snapshot: { formatVersion: SNAPSHOT_FORMAT_VERSION, source: options.source, server, objects }, queryCount: counter.queries };
}

/** introspectCatalog's read, its objects left in two sorted parts. */
export async function introspectParts(client: pg.ClientBase, options: IntrospectOptions, counter = { queries: 0 }): Promise<CatalogParts> {
  let openSession = options.openSession;
  for (let attempt = 1; ; attempt++) {
    try {
      return await readCatalog(client, { ...options, openSession }, counter);
    } catch (error) {
      if (error instanceof SnapshotNotShared) {
        // The server or a pooler would not export the snapshot: the read runs again on one session.
        openSession = undefined;
        attempt--;
        continue;
      }
      if (!isConcurrentChange(error)) throw sessionFailure(error, `reading the catalog of ${options.source}`);
      if (attempt >= READ_ATTEMPTS) {
        const cause = (error as Error).message.split('\n')[0];
        throw new ConnectionError(
          `the schema of ${options.source} changed during the read, ${READ_ATTEMPTS} times in a row (${cause}): run again when the concurrent DDL is done`,
        );
      }
      await delay(backoffMs(attempt));
    }
  }
}

/** pg_export_snapshot failed: the transaction is aborted, and the read is done again without helpers. */
class SnapshotNotShared extends Error {}

async function readCatalog(client: pg.ClientBase, options: IntrospectOptions, counter: { queries: number }): Promise<CatalogParts> {
  const count = (statements: number): void => void (counter.queries += statements);
  const query = <Row extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<Row>> => {
    count(1);
    return client.query<Row>(text, values);
  };
  // Helpers connect while this session begins.
  const helpers = options.openSession ? new HelperSessions(options.openSession, READ_SESSIONS - 1) : undefined;
  try {
    await query('begin isolation level repeatable read read only');
    await query(SESSION_SETTINGS);
    const server = await readServer(query);
    await options.onServer?.(server);
    const major = Math.floor(server.versionNum / 10_000);
    const shared = helpers ? await exportSnapshot(query) : undefined;
    const params: unknown[] = [nonEmpty(options.schemas), nonEmpty(options.excludeSchemas)];
    const texts = await Promise.all(READERS.map((reader) => loadQuery(reader.query, major)));
    const families = new FamilyReads(texts, params, {
      ...(options.prepared ? { preparedMajor: major } : {}),
      ...(options.relations ? { relations: options.relations } : {}),
      ...(options.skip ? { skip: options.skip } : {}),
    });
    if (helpers && shared !== undefined) helpers.join(shared, SESSION_SETTINGS, count, (session) => families.work(session, count, () => helpers.abort()));
    await families.work(client, count, () => helpers?.abort());
    helpers?.leave();
    await helpers?.finished();
    let { relationObjects, otherObjects } = families.parts();
    const include = options.include ?? [];
    if (include.length > 0) {
      const { rows } = await query(await loadQuery(ACCESS_QUERY, major), params);
      const access = withAccess(rows, include);
      relationObjects = relationObjects.map(access);
      otherObjects = otherObjects.map(access);
    }
    await query('commit');
    return { server, relationObjects, otherObjects };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await helpers?.close();
  }
}

/**
 * The snapshot id helper sessions import; SnapshotNotShared when the server refuses to export one.
 * While the helpers run their last queries this session waits idle in its transaction: for that
 * transaction, idle_in_transaction_session_timeout (one minute, src/db/connect.ts) becomes as long
 * as a statement may run, and a minute more.
 */
const EXPORT_SNAPSHOT = `select pg_export_snapshot() as snapshot,
  set_config('idle_in_transaction_session_timeout',
    (select case when setting = '0' then '0' else (setting::bigint + 60000)::text end from pg_settings where name = 'statement_timeout'),
    true)`;

async function exportSnapshot(query: (text: string) => Promise<pg.QueryResult<{ snapshot: string }>>): Promise<string> {
  try {
    const { rows } = await query(EXPORT_SNAPSHOT);
    return rows[0]?.snapshot ?? '';
  } catch (error) {
    if (isLostConnection(error)) throw error;
    throw new SnapshotNotShared();
  }
}

/** Row fields that repeat across many rows (each table's schema and name, column types): kept once in the snapshot. */
const REPEATED_TEXT = ['schema', 'table_name', 'type'];

/**
 * The families still to read, heaviest first (READERS' order), taken by whichever session is
 * free; rows are mapped as they stream in. A family that takes column names holds its rows until
 * the columns are mapped, without keeping its session waiting.
 */
class FamilyReads {
  private readonly queue: number[];
  private readonly context: ReadContext = { columns: new TableColumns() };
  private readonly groups: CatalogObject[][] = [];
  private readonly afterColumns: (() => void)[] = [];
  private columnsMapped = false;
  private failure: { error: unknown } | undefined;
  private readonly sharedTexts = new Map<string, string>();

  /**
   * `preparedMajor`: send named prepared statements (IntrospectOptions.prepared) for this major;
   * `relations` and `skip`: as IntrospectOptions says.
   */
  constructor(
    private readonly texts: readonly string[],
    private readonly params: readonly unknown[],
    private readonly only: { readonly preparedMajor?: number; readonly relations?: readonly string[]; readonly skip?: ReadonlySet<string> },
  ) {
    this.queue = READERS.flatMap((reader, index) => (only.skip?.has(reader.query) ? [] : [index]));
  }

  /** Read families on `session` until none is left; on a failure, the rest is given up and `abort` called. */
  async work(session: pg.ClientBase, count: (statements: number) => void, abort: () => void): Promise<void> {
    try {
      for (let index = this.queue.shift(); index !== undefined; index = this.queue.shift()) {
        count(1);
        await this.read(session, index);
      }
    } catch (error) {
      this.failure ??= { error };
      this.queue.length = 0;
      abort();
    }
  }

  /** The objects of relation-bound families and of the others, each in snapshot order; throws the first failure of any session. */
  parts(): { relationObjects: CatalogObject[]; otherObjects: CatalogObject[] } {
    if (this.failure) throw this.failure.error;
    const of = (relationBound: boolean): CatalogObject[] =>
      mergeSortedGroups(this.groups.filter((_, index) => (READERS[index]!.relationBound ?? false) === relationBound));
    return { relationObjects: of(true), otherObjects: of(false) };
  }

  /** One string for all equal ones: the driver makes a new one per row. */
  private shared(text: string): string {
    const known = this.sharedTexts.get(text);
    if (known !== undefined) return known;
    this.sharedTexts.set(text, text);
    return text;
  }

  private async read(session: pg.ClientBase, index: number): Promise<void> {
    const reader = READERS[index]!;
    const mapper = reader.mapper(this.context);
    // Database-wide kinds (casts, servers, publications) take no schema parameters; relation-bound ones take the relations too.
    const relations = reader.relationBound ? (this.only.relations ?? null) : null;
    const values = reader.databaseWide ? [] : reader.relationBound ? [...this.params, relations] : [...this.params];
    const text = relations ? onlyRelations(this.texts[index]!) : this.texts[index]!;
    const config: pg.QueryConfig =
      this.only.preparedMajor === undefined
        ? { text, values }
        : { name: `pgparity_${reader.query}_${this.only.preparedMajor}${relations ? '_relations' : ''}`, text, values };
    let held: unknown[] | undefined;
    if (reader.usesColumns && !this.columnsMapped) {
      const rows: unknown[] = (held = []);
      this.afterColumns.push(() => {
        held = undefined;
        for (const row of rows) mapper.add(row);
      });
    }
    // The last shared string of each repeated field: rows come grouped by table, so most rows repeat the one before.
    const last: Record<string, string> = {};
    await streamRows(session, config, (row) => {
      for (const field of REPEATED_TEXT) {
        const value = row[field];
        if (typeof value !== 'string') continue;
        if (value !== last[field]) last[field] = this.shared(value);
        row[field] = last[field];
      }
      assertDefinition(reader.query, row);
      if (held) held.push(row);
      else mapper.add(row);
    });
    const finish = (): void => {
      this.groups[index] = sortObjects(mapper.done());
      if (reader !== columnReader) return;
      this.columnsMapped = true;
      for (const then of this.afterColumns.splice(0)) then();
    };
    if (reader.usesColumns && !this.columnsMapped) this.afterColumns.push(finish);
    else finish();
  }
}

async function readServer(query: (text: string) => Promise<pg.QueryResult<{ version: string; version_num: number }>>): Promise<ServerInfo> {
  const { rows } = await query("select current_setting('server_version') as version, current_setting('server_version_num')::int as version_num");
  const row = rows[0];
  const version = (row?.version ?? '').split(' ')[0] ?? '';
  const versionNum = row?.version_num ?? 0;
  if (versionNum < MIN_SERVER_MAJOR * 10_000) {
    throw new ConfigError(`PostgreSQL ${version} is not supported: pgparity reads PostgreSQL ${MIN_SERVER_MAJOR} and later`);
  }
  return { version, versionNum };
}

/**
 * A relation-bound query that reads only the relations in $3: without the "NULL: all" branch, a
 * plan prepared once looks the relations up by OID instead of scanning every table's rows.
 */
function onlyRelations(text: string): string {
  const filtered = text.replace(/\(\$3::oid\[\] is null or (\w+\.oid = any\(\$3::oid\[\]\))\)/, '$1');
  if (filtered === text) throw new Error('a relation-bound catalog query without its relation filter');
  return filtered;
}

export function nonEmpty(names: readonly string[] | undefined): readonly string[] | null {
  return names && names.length > 0 ? names : null;
}
