/**
 * Catalog objects as pgparity sees them: no OIDs, every name schema-qualified,
 * expressions in the server's own deparse. One interface per kind, a union on `kind`.
 */

import type * as dump from './dump-objects.js';

// The kinds only `pg_dump` brings up (rules, casts, publications, …) live in dump-objects.ts.
export type * from './dump-objects.js';

export const OBJECT_KINDS = [
  'schema',
  'extension',
  'collation',
  'type',
  'sequence',
  'table',
  'column',
  'constraint',
  'index',
  'view',
  'materialized_view',
  'function',
  'trigger',
  'policy',
  'rule',
  'statistics',
  'text_search_parser',
  'text_search_template',
  'text_search_dictionary',
  'text_search_configuration',
  'operator',
  'operator_family',
  'operator_class',
  'conversion',
  'access_method',
  'cast',
  'foreign_data_wrapper',
  'foreign_server',
  'publication',
  'event_trigger',
] as const;

/** Kinds that belong to the database, not to a schema: their `schema` is `''`. */
export const DATABASE_WIDE_KINDS: ReadonlySet<ObjectKind> = new Set([
  'access_method',
  'cast',
  'foreign_data_wrapper',
  'foreign_server',
  'publication',
  'event_trigger',
]);
export type ObjectKind = (typeof OBJECT_KINDS)[number];

/** What `--include` adds to the comparison: owners, privileges (both left out by default). */
export const ACCESS_DETAILS = ['owner', 'privileges'] as const;
export type AccessDetail = (typeof ACCESS_DETAILS)[number];

/** Where an object lives: `table` is set for what belongs to a table. */
export interface ObjectRef {
  readonly schema: string;
  readonly table?: string;
  readonly name: string;
}

/** What every kind has: its identity, comment, and (when asked for) owner and privileges. */
export interface ObjectBase extends ObjectRef {
  readonly kind: ObjectKind;
  /** Stable identity within its kind, e.g. `public.users.email`. */
  readonly key: string;
  readonly comment?: string | null;
  /** Set only when asked for (`--include owner`): the owning role. */
  readonly owner?: string;
  /** Set only when asked for (`--include privileges`): `grantee: PRIVILEGE, …` entries, sorted; `PUBLIC` for everyone. */
  readonly privileges?: readonly string[];
  /**
   * Canonical forms of expression attributes (`default`, `definition`, `using`, …) that compare
   * equal when they mean the same. Set by normalization, never read from a catalog or a snapshot
   * file: `compare` uses them for equality and reports the raw server text.
   */
  readonly canonical?: Readonly<Record<string, string | null | readonly string[]>>;
}

export interface SchemaObject extends ObjectBase {
  readonly kind: 'schema';
}

export interface ExtensionObject extends ObjectBase {
  readonly kind: 'extension';
  readonly version: string;
  /**
   * The version `CREATE EXTENSION` installs on the server the snapshot was read from (null: the
   * server has no control file for it; absent in snapshots of older pgparity). Not compared itself:
   * it tells a version that differs between majors from an update that was never run.
   */
  readonly defaultVersion?: string | null;
}

/** A user-defined collation (the built-in ones are compared by name, as a column's collation). */
export interface CollationObject extends ObjectBase {
  readonly kind: 'collation';
  readonly provider: 'libc' | 'icu' | 'builtin';
  /** The ICU or builtin locale; for libc, LC_COLLATE. */
  readonly locale: string | null;
  /** libc only: LC_CTYPE (usually the same as LC_COLLATE). */
  readonly ctype: string | null;
  readonly deterministic: boolean;
  /** ICU tailoring rules (PostgreSQL 16+). */
  readonly rules: string | null;
}

export type TypeVariant = 'enum' | 'domain' | 'composite' | 'range';

export interface TypeObject extends ObjectBase {
  readonly kind: 'type';
  readonly variant: TypeVariant;
  /** enum: labels in sort order. */
  readonly values?: readonly string[];
  /** domain: base type, default, NOT NULL and CHECK definitions. */
  readonly baseType?: string;
  readonly default?: string | null;
  readonly notNull?: boolean;
  readonly checks?: readonly string[];
  /** composite: `name type` per attribute, in order. */
  readonly attributes?: readonly string[];
  /** range: subtype. */
  readonly subtype?: string;
  /** range: the settings other than the subtype that differ from their defaults, `subtype_diff = public.f`. */
  readonly rangeOptions?: readonly string[];
}

export type TableVariant = 'table' | 'partitioned_table' | 'foreign_table';
export type Persistence = 'permanent' | 'unlogged' | 'temporary';

export interface TableObject extends ObjectBase {
  readonly kind: 'table';
  readonly table?: undefined;
  readonly variant: TableVariant;
  readonly persistence: Persistence;
  /** `RANGE (created_at)` for a partitioned table. */
  readonly partitionKey: string | null;
  /** `FOR VALUES …` when this table is a partition, with its parent. */
  readonly partitionOf: string | null;
  readonly partitionBound: string | null;
  /** Set (true) only on a partition whose DETACH PARTITION CONCURRENTLY did not finish. */
  readonly detachPending?: true;
  readonly inherits: readonly string[];
  readonly rowSecurity: boolean;
  readonly forceRowSecurity: boolean;
  /** Column names in attnum order (dropped columns skipped). */
  readonly columnOrder: readonly string[];
  /** `FULL`, `NOTHING` or `USING INDEX name`; absent for DEFAULT. */
  readonly replicaIdentity?: string;
  /** `CREATE TABLE … OF type`: the composite type a typed table is made of; absent when none. */
  readonly ofType?: string;
  /** `CLUSTER ON`: the name of the index a plain CLUSTER uses; absent when none. */
  readonly clusterOn?: string;
  /** Table access method; absent for heap (and for a partitioned or foreign table that has none). */
  readonly accessMethod?: string;
  /** `WITH (…)` storage parameters and the TOAST table's (`toast.` prefix), sorted: `fillfactor=70`; absent when none. */
  readonly storageParameters?: readonly string[];
  /** A foreign table's server and `OPTIONS (…)` (`key=value`, as stored). */
  readonly foreignServer?: string;
  readonly foreignOptions?: readonly string[];
}

export type IdentityKind = 'always' | 'by_default';

export interface IdentityOptions {
  readonly generation: IdentityKind;
  readonly type: string;
  readonly start: string;
  readonly increment: string;
  readonly min: string;
  readonly max: string;
  readonly cache: string;
  readonly cycle: boolean;
}

export interface ColumnObject extends ObjectBase {
  readonly kind: 'column';
  readonly table: string;
  readonly position: number;
  /** `format_type` output: `character varying(20)`, `public.mood[]`. */
  readonly type: string;
  readonly collation: string | null;
  readonly notNull: boolean;
  readonly default: string | null;
  readonly identity: IdentityOptions | null;
  readonly generated: string | null;
  /** Set only for a generated column: PostgreSQL 18 also has virtual (computed on read) ones. */
  readonly generatedStorage?: 'stored' | 'virtual';
  /** `SET STORAGE`, only where it differs from the type's own. */
  readonly storage?: ColumnStorage;
  /** `SET COMPRESSION`, only where set (absent: the server's default_toast_compression). */
  readonly compression?: 'pglz' | 'lz4';
  /** `SET STATISTICS`, only where set. */
  readonly statisticsTarget?: number;
  /** A foreign table column's `OPTIONS (…)`. */
  readonly foreignOptions?: readonly string[];
  /** `SET (n_distinct = …)` attribute options (`n_distinct=100`), only where set. */
  readonly options?: readonly string[];
}

export type ColumnStorage = 'plain' | 'external' | 'extended' | 'main';

export type ConstraintType = 'primary_key' | 'unique' | 'foreign_key' | 'check' | 'exclusion';

export interface ConstraintObject extends ObjectBase {
  readonly kind: 'constraint';
  readonly table: string;
  readonly type: ConstraintType;
  /** `pg_get_constraintdef`: the whole meaning of the constraint. */
  readonly definition: string;
  readonly columns: readonly string[];
  readonly validated: boolean;
  readonly deferrable: boolean;
  readonly initiallyDeferred: boolean;
  /** Foreign keys only. */
  readonly references?: {
    readonly table: string;
    readonly columns: readonly string[];
    readonly onDelete: string;
    readonly onUpdate: string;
    readonly match: string;
  };
}

export interface IndexObject extends ObjectBase {
  readonly kind: 'index';
  readonly table: string;
  /** `pg_get_indexdef` with the index name taken out, so renames compare equal. */
  readonly definition: string;
  readonly method: string;
  readonly unique: boolean;
  readonly nullsNotDistinct: boolean;
  /** Key columns or expressions, each with opclass / order / collation as written by the server. */
  readonly keys: readonly string[];
  readonly include: readonly string[];
  readonly predicate: string | null;
  /** false for an index left behind by a failed CREATE INDEX CONCURRENTLY. */
  readonly valid: boolean;
}

export interface SequenceObject extends ObjectBase {
  readonly kind: 'sequence';
  readonly type: string;
  readonly start: string;
  readonly increment: string;
  readonly min: string;
  readonly max: string;
  readonly cache: string;
  readonly cycle: boolean;
  /** `schema.table.column` for a serial-style owned sequence. */
  readonly ownedBy: string | null;
}

export interface ViewObject extends ObjectBase {
  readonly kind: 'view' | 'materialized_view';
  readonly definition: string;
  readonly options: readonly string[];
  /** A materialized view's access method; absent for heap. */
  readonly accessMethod?: string;
}

export interface FunctionObject extends ObjectBase {
  readonly kind: 'function';
  /** `name(integer, text)`: the identity signature, argument types only, so a renamed parameter is a change, not another function. */
  readonly signature: string;
  /** Every parameter but RETURNS TABLE columns, in order: `integer`, `OUT text`, `VARIADIC integer[]`. */
  readonly argumentTypes: readonly string[];
  /** Their names, `''` for an unnamed one. */
  readonly argumentNames: readonly string[];
  /** The DEFAULT expressions of the trailing input parameters, as the server lists them. */
  readonly argumentDefaults: string | null;
  readonly variant: 'function' | 'procedure' | 'aggregate' | 'window';
  readonly returns: string | null;
  readonly language: string;
  readonly volatility: 'immutable' | 'stable' | 'volatile';
  readonly strict: boolean;
  readonly securityDefiner: boolean;
  readonly parallel: 'safe' | 'restricted' | 'unsafe';
  readonly config: readonly string[];
  readonly body: string;
}

export interface TriggerObject extends ObjectBase {
  readonly kind: 'trigger';
  readonly table: string;
  /** `pg_get_triggerdef` with the trigger name taken out: what the parts below do not say. */
  readonly definition: string;
  readonly timing: 'before' | 'after' | 'instead_of';
  /** `insert`, `update`, `delete`, `truncate`, in that order. */
  readonly events: readonly string[];
  /** `UPDATE OF` columns. */
  readonly columns: readonly string[];
  readonly level: 'row' | 'statement';
  /** The WHEN condition as the server deparses it. */
  readonly when: string | null;
  /** The trigger function, schema-qualified, and the arguments passed to it. */
  readonly function: string;
  readonly arguments: readonly string[];
  /** Transition tables: `OLD TABLE AS previous`, `NEW TABLE AS updated`. */
  readonly referencing: readonly string[];
  /** `CREATE CONSTRAINT TRIGGER`, and its deferral. */
  readonly constraintTrigger: boolean;
  readonly deferrable: boolean;
  readonly initiallyDeferred: boolean;
  readonly enabled: 'origin' | 'always' | 'replica' | 'disabled';
}

export interface PolicyObject extends ObjectBase {
  readonly kind: 'policy';
  readonly table: string;
  readonly permissive: boolean;
  readonly command: string;
  readonly roles: readonly string[];
  readonly using: string | null;
  readonly withCheck: string | null;
}

export type CatalogObject =
  | SchemaObject
  | ExtensionObject
  | CollationObject
  | TypeObject
  | SequenceObject
  | TableObject
  | ColumnObject
  | ConstraintObject
  | IndexObject
  | ViewObject
  | FunctionObject
  | TriggerObject
  | PolicyObject
  | dump.RuleObject
  | dump.StatisticsObject
  | dump.TextSearchParserObject
  | dump.TextSearchTemplateObject
  | dump.ConversionObject
  | dump.TextSearchDictionaryObject
  | dump.TextSearchConfigurationObject
  | dump.OperatorObject
  | dump.OperatorFamilyObject
  | dump.OperatorClassObject
  | dump.AccessMethodObject
  | dump.CastObject
  | dump.ForeignDataWrapperObject
  | dump.ForeignServerObject
  | dump.PublicationObject
  | dump.EventTriggerObject;
