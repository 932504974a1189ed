import type pg from 'pg';
import type { CatalogObject } from '../model/objects.js';
import { objectKey } from '../model/keys.js';
import { SNAPSHOT_FORMAT_VERSION, type Snapshot } from '../model/snapshot.js';
import { sessionFailure } from '../db/session-failure.js';
import { introspectParts, nonEmpty, type IntrospectOptions } from './introspect.js';
import { mergeSortedGroups } from './object-order.js';
import * as col from './row.js';
import { loadQuery } from './sql-files.js';

/** The queries an incremental read adds (`sql/<query>.sql`) and their columns. */
export const INCREMENTAL_QUERIES = {
  changes: {
    query: 'relation_versions',
    columns: {
      kind: col.code<{ c: 'changed row'; n: 'row count'; e: 'objects made after initdb'; w: 'horizon'; g: 'roles' }>(),
      cat: col.textOrNull,
      objid: col.textOrNull,
      classid: col.textOrNull,
      refid: col.textOrNull,
      relid: col.textOrNull,
      schema: col.textOrNull,
      name: col.textOrNull,
    },
  },
  dependents: {
    query: 'relation_dependents',
    columns: { relid: col.text, schema: col.text, name: col.text },
  },
} as const satisfies Record<string, { query: string; columns: col.Columns }>;

type ChangeRow = col.RowOf<typeof INCREMENTAL_QUERIES.changes.columns>;
type DependentRow = col.RowOf<typeof INCREMENTAL_QUERIES.dependents.columns>;

/** Per catalog whose rows can disappear alone (an index, a constraint, a comment…): its rows, by id, with their relation. */
type Rows = Map<string, Map<string, string | null>>;

interface State {
  readonly horizon: string;
  readonly roles: string;
  readonly rows: Rows;
  /** Every relation read, by OID: the key its objects are owned under. */
  readonly keys: ReadonlyMap<string, string>;
  readonly relationObjects: readonly CatalogObject[];
}

interface Changes {
  readonly changed: readonly ChangeRow[];
  readonly counts: ReadonlyMap<string, number>;
  /** Per catalog other kinds are read from: how many user objects it has. */
  readonly objects: ReadonlyMap<string, number>;
  readonly horizon: string;
  readonly roles: string;
}

/** What the last read did: whether it was full, and how many relations it read. */
export interface IncrementalStats {
  readonly full: boolean;
  readonly relationsRead: number;
  /** Kinds not read: none of their catalogs holds an object made after initdb. */
  readonly kindsSkipped: number;
}

/**
 * Reads of one database that only its owner changes (a scratch database between migration
 * steps): after the first, each reads again only the relations that changed. Relation-bound
 * objects (tables, views, sequences and their columns, constraints, indexes, triggers, policies,
 * rules: what per-row deparsing makes expensive) of a relation are read again when a catalog row
 * of theirs was inserted, updated or deleted since the last read, or when an object they depend
 * on changed (a renamed type, column, table, function or schema changes how they deparse). The
 * other kinds are read whole, except those with nothing to read (see HOMES). Changes are found
 * by the inserting transaction of each catalog row (xmin) against the horizon of the last read,
 * and deletions by row counts. The result equals a full read (incremental.test.ts checks it step
 * by step). With owners or privileges included, or after a role changed, the read is full.
 */
export class IncrementalCatalog {
  private state: State | undefined;
  private last: IncrementalStats | undefined;

  constructor(
    private readonly client: pg.ClientBase,
    private readonly options: IntrospectOptions,
  ) {}

  get stats(): IncrementalStats | undefined {
    return this.last;
  }

  async read(): Promise<Snapshot> {
    try {
      return await this.readOnce();
    } catch (error) {
      this.state = undefined;
      throw error;
    }
  }

  private async readOnce(): Promise<Snapshot> {
    const previous = this.options.include?.length ? undefined : this.state;
    const changes = await this.changes(previous?.horizon ?? null);
    const plan = previous && previous.roles === changes.roles ? await this.plan(previous, changes) : undefined;
    // Without a horizon the changes query listed every row already.
    const full = plan === undefined ? listed(previous ? await this.changes(null) : changes) : undefined;
    const skip = new Set(Object.entries(HOMES).flatMap(([query, catalogs]) => (catalogs.every((c) => changes.objects.get(c) === 0) ? [query] : [])));
    const parts = await introspectParts(this.client, { ...this.options, skip, ...(plan ? { relations: [...plan.read] } : {}) });
    const relationObjects = plan
      ? mergeSortedGroups([(previous?.relationObjects ?? []).filter((o) => !plan.dropKeys.has(ownerKey(o))), parts.relationObjects])
      : parts.relationObjects;
    const next = plan ?? full!;
    this.state = { horizon: changes.horizon, roles: changes.roles, rows: next.rows, keys: next.keys, relationObjects };
    this.last = { full: !plan, relationsRead: plan ? plan.read.size : next.keys.size, kindsSkipped: skip.size };
    return {
      formatVersion: SNAPSHOT_FORMAT_VERSION,
      source: this.options.source,
      server: parts.server,
      objects: mergeSortedGroups([relationObjects, parts.otherObjects]),
    };
  }

  /** The relations to read again, the keys whose objects the last read's result loses, and the state after this read. */
  private async plan(previous: State, changes: Changes): Promise<{ read: Set<string>; dropKeys: Set<string>; rows: Rows; keys: Map<string, string> }> {
    // The last read's row lists are brought up to date in place (a failed read forgets them).
    const rows = previous.rows;
    const keys = new Map(previous.keys);
    const touched = new Set<string>();
    const known = (cat: string, id: string | null): boolean => id !== null && previous.rows.get(cat)?.has(id) === true;
    // Objects that existed at the last read: only a change of theirs (a rename) can change how others deparse.
    const existing = changes.changed.filter((row) =>
      row.cat !== null && COUNTED.has(row.cat) ? known(row.cat, row.objid) : row.relid === null || known('pg_class', row.relid),
    );
    for (const row of changes.changed) {
      record(row, rows, keys);
      if (row.relid !== null) touched.add(row.relid);
    }
    // A catalog with fewer rows than known lost some: which ones, from the whole list.
    const shrunk = [...changes.counts].some(([cat, count]) => (rows.get(cat)?.size ?? 0) !== count);
    const vanished = new Set<string>();
    if (shrunk) {
      const present = await this.changes(null);
      const now = new Set(present.changed.map((row) => `${row.cat}\u0000${row.objid}`));
      for (const [cat, byId] of rows) {
        for (const [id, relid] of byId) {
          if (now.has(`${cat}\u0000${id}`)) continue;
          byId.delete(id);
          if (relid === null) continue;
          touched.add(relid);
          if (cat === 'pg_class' && id === relid) vanished.add(relid);
        }
      }
    }
    const dropKeys = new Set<string>();
    const read = new Set<string>();
    for (const relid of touched) {
      const key = previous.keys.get(relid);
      if (key !== undefined) dropKeys.add(key);
      if (vanished.has(relid)) keys.delete(relid);
      else if (keys.has(relid)) read.add(relid);
    }
    for (const dependent of await this.dependents(existing)) {
      const key = previous.keys.get(dependent.relid);
      if (key !== undefined) dropKeys.add(key);
      keys.set(dependent.relid, objectKey(dependent.schema, dependent.name));
      read.add(dependent.relid);
    }
    return { read, dropKeys, rows, keys };
  }

  private async changes(horizon: string | null): Promise<Changes> {
    const rows = await this.query<ChangeRow>(INCREMENTAL_QUERIES.changes.query, [horizon]);
    const changed: ChangeRow[] = [];
    const counts = new Map<string, number>();
    const objects = new Map<string, number>();
    let next = '';
    let roles = '';
    for (const row of rows) {
      if (row.kind === 'c') changed.push(row);
      else if (row.kind === 'n' && row.cat !== null) counts.set(row.cat, Number(row.objid));
      else if (row.kind === 'e' && row.cat !== null) objects.set(row.cat, Number(row.objid));
      else if (row.kind === 'w') next = row.objid ?? '';
      else if (row.kind === 'g') roles = row.objid ?? '';
    }
    return { changed, counts, objects, horizon: next, roles };
  }

  /** The relations that depend on the changed objects (their definitions may show the old names). */
  private async dependents(changed: readonly ChangeRow[]): Promise<DependentRow[]> {
    const refs = new Map<string, [string, string]>();
    for (const row of changed) if (row.classid !== null && row.refid !== null) refs.set(`${row.classid}:${row.refid}`, [row.classid, row.refid]);
    if (refs.size === 0) return [];
    const pairs = [...refs.values()];
    return this.query<DependentRow>(INCREMENTAL_QUERIES.dependents.query, [pairs.map((p) => p[0]), pairs.map((p) => p[1])]);
  }

  private async query<Row extends pg.QueryResultRow>(query: string, values: unknown[]): Promise<Row[]> {
    const text = await loadQuery(query, 0);
    const params = [nonEmpty(this.options.schemas), nonEmpty(this.options.excludeSchemas), ...values];
    try {
      return (await this.client.query<Row>({ name: `pgparity_${query}`, text, values: params })).rows;
    } catch (error) {
      throw sessionFailure(error, `reading the catalog of ${this.options.source}`);
    }
  }
}

/** Rows and keys from the changes query run without a horizon (every row). */
function listed(all: Changes): { rows: Rows; keys: Map<string, string> } {
  const rows: Rows = new Map();
  const keys = new Map<string, string>();
  for (const row of all.changed) record(row, rows, keys);
  return { rows, keys };
}

/** Note a changed row: its catalog's row list (for the catalogs counted) and its relation's key. */
function record(row: ChangeRow, rows: Rows, keys: Map<string, string>): void {
  if (row.cat === null || row.objid === null) return;
  if (COUNTED.has(row.cat)) {
    let byId = rows.get(row.cat);
    if (!byId) rows.set(row.cat, (byId = new Map()));
    byId.set(row.objid, row.relid);
  }
  if (row.relid !== null && row.schema !== null && row.name !== null) keys.set(row.relid, objectKey(row.schema, row.name));
}

/** The catalogs whose rows the changes query counts (`kind 'n'`). */
const COUNTED: ReadonlySet<string> = new Set([
  'pg_class',
  'pg_index',
  'pg_constraint',
  'pg_attrdef',
  'pg_trigger',
  'pg_policy',
  'pg_rewrite',
  'pg_description',
  'pg_inherits',
]);

/**
 * Where the objects of each kind other than relations' come from: a kind whose catalogs hold no
 * object made after initdb (an OID from 16384 on; the changes query counts them) has nothing to
 * read. Schemas (public) and extensions (plpgsql) are read always.
 */
export const HOMES: Readonly<Record<string, readonly string[]>> = {
  types: ['pg_type'],
  functions: ['pg_proc'],
  collations: ['pg_collation'],
  statistics: ['pg_statistic_ext'],
  text_search_templates: ['pg_ts_parser', 'pg_ts_template'],
  text_search_dictionaries: ['pg_ts_dict'],
  text_search_configurations: ['pg_ts_config'],
  operators: ['pg_operator'],
  operator_classes: ['pg_opfamily', 'pg_opclass'],
  conversions: ['pg_conversion'],
  access_methods: ['pg_am'],
  casts: ['pg_cast'],
  foreign_data_wrappers: ['pg_foreign_data_wrapper', 'pg_foreign_server'],
  publications: ['pg_publication'],
  event_triggers: ['pg_event_trigger'],
};

const OWNER_KEYS = new WeakMap<CatalogObject, string>();

/** The relation a relation-bound object belongs to, by key (once per object: most are kept read after read). */
function ownerKey(object: CatalogObject): string {
  let key = OWNER_KEYS.get(object);
  if (key === undefined) OWNER_KEYS.set(object, (key = objectKey(object.schema, object.table ?? object.name)));
  return key;
}
