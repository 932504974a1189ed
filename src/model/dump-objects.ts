/**
 * The kinds pg_dump writes beyond schemas, types, relations, routines, triggers and policies:
 * rules, extended statistics, text search, operators, conversions, access methods, casts, foreign
 * data, publications and event triggers. Part of the `CatalogObject` union in ./objects.ts.
 */
import type { ObjectBase } from './objects.js';

/** `CREATE RULE` on a table or view (not a view's own `_RETURN` rule). */
export interface RuleObject extends ObjectBase {
  readonly kind: 'rule';
  readonly table: string;
  /** `pg_get_ruledef` after `CREATE RULE name AS`: `ON INSERT TO public.t DO INSTEAD NOTHING;`. */
  readonly definition: string;
  readonly enabled: 'origin' | 'always' | 'replica' | 'disabled';
}

/** Extended statistics (`CREATE STATISTICS`). */
export interface StatisticsObject extends ObjectBase {
  readonly kind: 'statistics';
  /** `pg_get_statisticsobjdef` after `CREATE STATISTICS name`: `(ndistinct) ON a, b FROM public.t`. */
  readonly definition: string;
  /** `ALTER STATISTICS … SET STATISTICS`, only where set. */
  readonly statisticsTarget?: number;
}

/** A text search parser or template: the functions that make it, `START = public.f`, in `CREATE` order. */
export interface TextSearchParserObject extends ObjectBase {
  readonly kind: 'text_search_parser';
  readonly functions: readonly string[];
}

export interface TextSearchTemplateObject extends ObjectBase {
  readonly kind: 'text_search_template';
  readonly functions: readonly string[];
}

/** `CREATE [DEFAULT] CONVERSION … FOR source TO target FROM function`. */
export interface ConversionObject extends ObjectBase {
  readonly kind: 'conversion';
  readonly source: string;
  readonly target: string;
  readonly function: string;
  readonly default: boolean;
}

export interface TextSearchDictionaryObject extends ObjectBase {
  readonly kind: 'text_search_dictionary';
  readonly template: string;
  /** The options after TEMPLATE, as stored: `language = 'english', stopwords = 'english'`. */
  readonly options: string | null;
}

export interface TextSearchConfigurationObject extends ObjectBase {
  readonly kind: 'text_search_configuration';
  readonly parser: string;
  /** `token: dictionary, …` per mapped token type, in the parser's token order. */
  readonly mappings: readonly string[];
}

export interface OperatorObject extends ObjectBase {
  readonly kind: 'operator';
  /** The key is `schema.op(left, right)`: the identity, `NONE` for a prefix operator's left side. */
  readonly function: string;
  readonly commutator: string | null;
  readonly negator: string | null;
  readonly restrict: string | null;
  readonly join: string | null;
  readonly hashes: boolean;
  readonly merges: boolean;
}

export interface OperatorFamilyObject extends ObjectBase {
  readonly kind: 'operator_family';
  /** The key is `schema.name USING method`. */
  readonly method: string;
  /** `OPERATOR 1 public.<(integer, integer)`, `FUNCTION 1 (integer, integer) public.cmp(integer, integer)`, sorted. */
  readonly members: readonly string[];
}

export interface OperatorClassObject extends ObjectBase {
  readonly kind: 'operator_class';
  /** The key is `schema.name USING method`. */
  readonly method: string;
  readonly type: string;
  readonly default: boolean;
  /** The family it belongs to (its operators and functions are compared there). */
  readonly family: string;
  /** `STORAGE`, when it differs from the indexed type. */
  readonly storage: string | null;
}

/** `CREATE ACCESS METHOD`; database-wide (`schema` is `''`). */
export interface AccessMethodObject extends ObjectBase {
  readonly kind: 'access_method';
  readonly type: 'table' | 'index';
  readonly handler: string;
}

/** A user-defined cast, keyed `source AS target`; database-wide (`schema` is `''`). */
export interface CastObject extends ObjectBase {
  readonly kind: 'cast';
  /** `WITH FUNCTION`: the function's signature; null for WITHOUT FUNCTION and WITH INOUT. */
  readonly function: string | null;
  readonly method: 'function' | 'binary' | 'inout';
  readonly context: 'implicit' | 'assignment' | 'explicit';
}

export interface ForeignDataWrapperObject extends ObjectBase {
  readonly kind: 'foreign_data_wrapper';
  readonly handler: string | null;
  readonly validator: string | null;
  /** `OPTIONS (…)` as `key=value`, sorted. */
  readonly options: readonly string[];
}

export interface ForeignServerObject extends ObjectBase {
  readonly kind: 'foreign_server';
  readonly wrapper: string;
  readonly type: string | null;
  readonly version: string | null;
  readonly options: readonly string[];
}

export interface PublicationObject extends ObjectBase {
  readonly kind: 'publication';
  readonly allTables: boolean;
  /** `insert`, `update`, `delete`, `truncate`: what it publishes. */
  readonly operations: readonly string[];
  readonly viaRoot: boolean;
  /** `schema.table`, with a column list and a row filter where given (PostgreSQL 15+), sorted. */
  readonly tables: readonly string[];
  /** `FOR TABLES IN SCHEMA` (PostgreSQL 15+), sorted. */
  readonly schemas: readonly string[];
}

export interface EventTriggerObject extends ObjectBase {
  readonly kind: 'event_trigger';
  readonly event: string;
  /** `WHEN TAG IN (…)`, sorted; empty for every tag. */
  readonly tags: readonly string[];
  readonly function: string;
  readonly enabled: 'origin' | 'always' | 'replica' | 'disabled';
}
