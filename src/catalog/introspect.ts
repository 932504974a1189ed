import type pg from 'pg';
import type { CatalogObject } from '../model/objects.js';
import type { SchemaFilter } from '../model/settings.js';
import { SNAPSHOT_FORMAT_VERSION, type ServerInfo, type Snapshot } from '../model/snapshot.js';
import { setTimeout as delay } from 'node:timers/promises';
import { ConfigError, ConnectionError } from '../model/errors.js';
import { sessionFailure } from '../db/session-failure.js';
import { assertDefinitions, backoffMs, isConcurrentChange, READ_ATTEMPTS } from './introspect-races.js';
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
}

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
 * repeatable-read transaction so every query sees the same catalog. A read that concurrent
 * DDL made inconsistent (see introspect-races.ts) is retried whole; timeouts and lost
 * connections become one-line ConnectionErrors (exit 3), whichever command reads.
 */
export async function introspectCatalog(client: pg.ClientBase, options: IntrospectOptions): Promise<Introspection> {
  const counter = { queries: 0 };
  const { server, relationObjects, otherObjects } = await introspectParts(client, options, counter);
  const objects = mergeSortedGroups([relationObjects, otherObjects]);
  return { snapshot: { formatVersion: SNAPSHOT_FORMAT_VERSION, source: options.source, server, objects }, queryCount: counter.queries };
}

/** introspectCatalog's read, its objects left in two sorted parts. */
export async function introspectParts(client: pg.ClientBase, options: IntrospectOptions, counter = { queries: 0 }): Promise<CatalogParts> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await readCatalog(client, options, counter);
    } catch (error) {
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

async function readCatalog(client: pg.ClientBase, options: IntrospectOptions, counter: { queries: number }): Promise<CatalogParts> {
  const query = <Row extends pg.QueryResultRow>(text: string | pg.QueryConfig, values?: unknown[]): Promise<pg.QueryResult<Row>> => {
    counter.queries++;
    return typeof text === 'string' ? client.query<Row>(text, values) : client.query<Row>(text);
  };
  await query('begin isolation level repeatable read read only');
  try {
    await query(SESSION_SETTINGS);
    const server = await readServer(query);
    const major = Math.floor(server.versionNum / 10_000);
    const params: unknown[] = [nonEmpty(options.schemas), nonEmpty(options.excludeSchemas)];
    const relations = options.relations ?? null;
    const readers = options.skip ? READERS.filter((reader) => !options.skip?.has(reader.query)) : READERS;
    const texts = await Promise.all(
      readers.map(async (reader) => {
        const text = await loadQuery(reader.query, major);
        return reader.relationBound && relations ? onlyRelations(text) : text;
      }),
    );
    const context: ReadContext = { columns: new TableColumns() };
    const relationGroups: CatalogObject[][] = [];
    const otherGroups: CatalogObject[][] = [];
    // Database-wide kinds (casts, servers, publications) take no schema parameters; relation-bound ones take the relations too.
    const paramsOf = (reader: CatalogReader | undefined): unknown[] => (reader?.databaseWide ? [] : reader?.relationBound ? [...params, relations] : params);
    const catalogQuery = (index: number): Promise<pg.QueryResult> =>
      options.prepared
        ? query({
            name: `pgparity_${readers[index]!.query}_${major}${readers[index]!.relationBound && relations ? '_relations' : ''}`,
            text: texts[index]!,
            values: paramsOf(readers[index]),
          })
        : query(texts[index] ?? '', paramsOf(readers[index]));
    let next = catalogQuery(0);
    for (const [index, reader] of readers.entries()) {
      const { rows } = await next;
      // One query in flight at a time, but the server runs the next while these rows are mapped.
      const following = texts[index + 1];
      if (following !== undefined) {
        next = catalogQuery(index + 1);
        // Awaited on the next turn; this only keeps a failure from being reported as unhandled meanwhile.
        next.catch(() => undefined);
      }
      assertDefinitions(reader.query, rows as Record<string, unknown>[]);
      // Sorted now, while the server works on the next query.
      (reader.relationBound ? relationGroups : otherGroups).push(sortObjects(reader.mapRows(rows, context)));
    }
    let relationObjects = mergeSortedGroups(relationGroups);
    let otherObjects = mergeSortedGroups(otherGroups);
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
