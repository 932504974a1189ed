/**
 * What pgparity does with one object kind during normalization and comparison, typed by the
 * kind's own model fields: renaming a field in src/model/objects.ts breaks the build here.
 * One file per kind in this folder, named as in src/catalog (indexes.ts, policies.ts); src/kinds/index.ts lists them all.
 */
import type { AttributeValue, Severity } from '../model/finding.js';
import type { CatalogObject, ObjectKind } from '../model/objects.js';
import type { SqlForm } from '../ddl/canonical.js';

type Matching<K extends ObjectKind, O> = O extends { readonly kind: infer OK } ? (K extends OK ? O : never) : never;
/** The model interface of a kind: `ObjectOf<'index'>` is `IndexObject`. */
export type ObjectOf<K extends ObjectKind> = Matching<K, CatalogObject>;

/** Fields that identify an object rather than describe it. */
type IdentityField = 'kind' | 'key' | 'schema' | 'table' | 'name' | 'canonical';
/** The fields of a kind that are compared as attributes (`comment`, `owner` and `privileges` included). */
export type AttributeOf<K extends ObjectKind> = Exclude<keyof ObjectOf<K>, IdentityField> & string;
/** The attributes of a kind that hold a list of texts. */
export type ListAttributeOf<K extends ObjectKind> = {
  [A in AttributeOf<K>]-?: ObjectOf<K>[A] extends readonly string[] | undefined ? A : never;
}[AttributeOf<K>];

/**
 * How an attribute's SQL text is parsed to its canonical form (src/ddl/canonical.ts); `body` is a
 * function body in its language; `column_default` a column's default, read with the column's type
 * (synonyms such as `CURRENT_TIMESTAMP` / `now()`, constants compared by value).
 */
export type ExpressionForm = SqlForm | 'body' | 'column_default';

/** Adjectives for the two values of a boolean attribute: `is NOT NULL in live, nullable in migrations`. */
export type BooleanWords = readonly [whenTrue: string, whenFalse: string];

export interface KindDescriptor<K extends ObjectKind> {
  readonly kind: K;
  /** How messages name the kind: `materialized view`. */
  readonly label: string;
  /** A table-like object: other objects belong to it through their `table` field, and are excluded with it. */
  readonly relation: boolean;
  /**
   * Recognised under another name when everything else is equal (compare/renames.ts): its name is
   * incidental (`create_all` naming vs migration naming). A function decides per object.
   */
  readonly renameable: boolean | ((o: ObjectOf<K>) => boolean);
  /** The attributes that hold SQL, and how to parse them, so that texts of the same meaning compare equal (normalize/expressions.ts). */
  readonly expressions: readonly (readonly [attribute: AttributeOf<K>, form: ExpressionForm])[];
  /** Lists whose order the server does not define: sorted by normalization, so they never differ by order alone. */
  readonly unordered: readonly ListAttributeOf<K>[];
  /** Fields compared otherwise than attribute by attribute (a column's `position` is compared as its table's `columnOrder`). */
  readonly notCompared?: readonly AttributeOf<K>[];
  /** How messages name an attribute, where its field name is not what a database engineer would say. */
  readonly labels: Partial<Record<AttributeOf<K>, string>>;
  readonly booleanWords?: Partial<Record<AttributeOf<K>, BooleanWords>>;
  /** How messages name the value of an attribute that is left out when it is at its default (`replicaIdentity` absent: `DEFAULT`). */
  readonly defaults?: Partial<Record<AttributeOf<K>, string>>;
  /**
   * Attributes that restate part of a fuller one. When the fuller one differs, only it is
   * reported: one change to an index gives one finding, not three.
   */
  readonly derived?: { readonly from: AttributeOf<K>; readonly parts: readonly AttributeOf<K>[] };
  /**
   * The reverse: a full definition that also says what its parts say. It is reported only when
   * no part differs, so a changed WHEN gives one `when` finding, not a `definition` one too.
   */
  readonly summary?: { readonly of: AttributeOf<K>; readonly parts: readonly AttributeOf<K>[] };
  /** What equality of an attribute is decided on, when not its value as read (and no canonical form was given). */
  readonly comparable?: { readonly [A in AttributeOf<K>]?: (value: ObjectOf<K>[A]) => unknown };
  /** An attribute reported under another name, with its boolean value negated (a column's `notNull` is the contract's `nullable`). */
  readonly reportedAs?: { readonly [A in AttributeOf<K>]?: { readonly name: string; readonly words: BooleanWords } };
  /** Default severities of this kind's findings, where they differ from `error`. */
  readonly severities?: {
    readonly missing?: Severity;
    readonly extra?: Severity;
    readonly changed?: { readonly [A in AttributeOf<K>]?: Severity };
  };
  /** A word on an extra object, after its message: `(invalid: left by a failed CREATE INDEX CONCURRENTLY)`. */
  readonly extraNote?: (o: ObjectOf<K>) => string | undefined;
  /** A message for a changed attribute that says more than the generic one; undefined to use the generic one. */
  readonly changedMessage?: (subject: string, attribute: string, expected: AttributeValue, actual: AttributeValue) => string | undefined;
}

/**
 * The same descriptor with its types erased to plain strings, for the code that walks any
 * kind (compare, normalize). Only src/kinds/index.ts makes one, from a typed descriptor.
 */
export interface AnyKindDescriptor {
  readonly kind: ObjectKind;
  readonly label: string;
  readonly relation: boolean;
  readonly renameable: boolean | ((o: CatalogObject) => boolean);
  readonly expressions: readonly (readonly [attribute: string, form: ExpressionForm])[];
  readonly unordered: readonly string[];
  readonly notCompared?: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
  readonly booleanWords?: Readonly<Record<string, BooleanWords>>;
  readonly defaults?: Readonly<Record<string, string>>;
  readonly derived?: { readonly from: string; readonly parts: readonly string[] };
  readonly summary?: { readonly of: string; readonly parts: readonly string[] };
  readonly comparable?: Readonly<Record<string, (value: unknown) => unknown>>;
  readonly reportedAs?: Readonly<Record<string, { readonly name: string; readonly words: BooleanWords }>>;
  readonly severities?: {
    readonly missing?: Severity;
    readonly extra?: Severity;
    readonly changed?: Readonly<Record<string, Severity>>;
  };
  readonly extraNote?: (o: CatalogObject) => string | undefined;
  readonly changedMessage?: (subject: string, attribute: string, expected: AttributeValue, actual: AttributeValue) => string | undefined;
}
