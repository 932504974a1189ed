import type { CatalogObject, ColumnObject, IdentityOptions, SequenceObject } from '../model/objects.js';
import { objectKey, requoteRoutine, splitKey, unquotePlainNames } from '../model/keys.js';
import { icuLanguageTag } from './icu-locale.js';
import { kindOf } from '../kinds/index.js';
import { compareCodepoints } from '../text/order.js';

/**
 * Representations that differ in the catalog but not in what the schema does:
 *
 * - A partition's identity column: PostgreSQL 17 and later report the root table's identity on
 *   every partition, earlier majors none. The root's identity is compared; the partitions' not.
 * - `serial` written out by hand: an `integer` column, a sequence OWNED BY it and a `nextval`
 *   default. `CREATE SEQUENCE` without `AS integer` makes a bigint sequence, whose range the
 *   column cuts to the column type's anyway; and the default names the sequence, whose name
 *   is incidental (it is compared, once, as the sequence's). Identity columns stay different.
 * - An identity sequence of another integer type than its column, whose bounds fit the column's
 *   type: `CREATE TABLE … (LIKE t INCLUDING IDENTITY)` makes a bigint sequence with an integer
 *   column's bounds, which a dump restores as an integer one. The bounds decide what it gives,
 *   so it compares as a sequence of the column's type.
 * - A routine named by the server (`regproc` text: a cast's or operator's function, a trigger's):
 *   its name parts quoted as pgparity quotes keys, not by the server's major's keyword list.
 * - Names the server quoted in a text that is no expression (an index's INCLUDE columns, a
 *   statistics object's definition, a publication's tables): compared without the quotes a
 *   plain lower-case name needs only on some majors (see `unquotePlainNames`).
 * - An ICU collation's locale: PostgreSQL 16 and later store it as a BCP 47 language tag,
 *   earlier majors as written (`@colNumeric=yes` is `und-u-kn-true`): compared as the tag.
 */
export function foldEquivalents(objects: readonly CatalogObject[]): CatalogObject[] {
  const partitions = new Set<string>();
  const sequences = new Map<string, SequenceObject>();
  const columns = new Map<string, ColumnObject>();
  for (const o of objects) {
    if (o.kind === 'table' && o.partitionOf !== null) partitions.add(o.key);
    else if (o.kind === 'sequence') sequences.set(o.key, o);
  }
  // Only sequences owned by a column look their column up.
  if (sequences.size > 0) for (const o of objects) if (o.kind === 'column') columns.set(o.key, o);
  /** The sequence a column's default draws from, when that column owns it. */
  const ownSequence = (column: ColumnObject): SequenceObject | undefined => {
    if (sequences.size === 0) return undefined;
    const name = nextvalSequence(column.default);
    const sequence = name === undefined ? undefined : sequences.get(name);
    return sequence?.ownedBy === column.key ? sequence : undefined;
  };
  return objects.map((o) => {
    if (o.kind === 'column') {
      let column = o;
      if (column.identity !== null && partitions.size > 0 && partitions.has(objectKey(o.schema, o.table))) column = { ...column, identity: null };
      if (column.identity !== null && column.identity.type !== column.type && withinRange(column.identity, column.type)) {
        column = { ...column, identity: { ...column.identity, type: column.type } };
      }
      if (ownSequence(column)) column = { ...column, canonical: { ...column.canonical, default: `nextval(<sequence owned by ${column.key}>)` } };
      return withForms(column, NAME_TEXT_ATTRIBUTES.column!, unquotePlainNames);
    }
    const routines = ROUTINE_ATTRIBUTES[o.kind];
    if (routines) return withForms(o, routines, requoteRoutine);
    const names = NAME_TEXT_ATTRIBUTES[o.kind];
    if (names) return withForms(o, names, unquotePlainNames);
    if (o.kind === 'collation' && o.provider === 'icu' && o.locale !== null) {
      const tag = icuLanguageTag(o.locale);
      return tag === o.locale ? o : { ...o, canonical: { ...o.canonical, locale: tag } };
    }
    if (o.kind === 'sequence' && o.ownedBy !== null) {
      const column = columns.get(o.ownedBy);
      const narrow = column && ownSequence(column) === o ? SERIAL_RANGES[column.type] : undefined;
      if (narrow && o.type === 'bigint' && o.min === '1' && o.max === BIGINT_MAX && !o.increment.startsWith('-')) {
        return { ...o, type: column!.type, max: narrow };
      }
    }
    return o;
  });
}

/** Attributes that name a routine as the server prints it (see `requoteRoutine`). */
const ROUTINE_ATTRIBUTES: Partial<Readonly<Record<CatalogObject['kind'], readonly string[]>>> = {
  cast: ['function'],
  operator: ['function', 'restrict', 'join'],
  conversion: ['function'],
  event_trigger: ['function'],
  trigger: ['function'],
  foreign_data_wrapper: ['handler', 'validator'],
  access_method: ['handler'],
};

/** Attributes that are texts of server-quoted names, not expressions (see `unquotePlainNames`). */
const NAME_TEXT_ATTRIBUTES: Partial<Readonly<Record<CatalogObject['kind'], readonly string[]>>> = {
  column: ['collation'],
  type: ['attributes', 'rangeOptions'],
  table: ['replicaIdentity'],
  index: ['include'],
  statistics: ['definition'],
  publication: ['tables'],
  text_search_configuration: ['parser', 'mappings'],
  text_search_dictionary: ['template'],
  operator_class: ['family'],
  operator_family: ['members'],
};

/** `o` with the canonical form `form` gives each of `attributes` (a text or a list of texts), where it differs from the value. */
function withForms(o: CatalogObject, attributes: readonly string[], form: (text: string) => string): CatalogObject {
  const fields = o as unknown as Readonly<Record<string, unknown>>;
  const forms: Record<string, string | readonly string[]> = {};
  for (const attribute of attributes) {
    const value = fields[attribute];
    if (typeof value === 'string') {
      const text = form(value);
      if (text !== value) forms[attribute] = text;
    } else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
      const texts = (value as string[]).map(form);
      // A list kept in no order was sorted by its raw texts: sorted again by the forms.
      if (texts.some((t, i) => t !== value[i])) forms[attribute] = kindOf(o.kind).unordered.includes(attribute) ? texts.sort(compareCodepoints) : texts;
    }
  }
  return Object.keys(forms).length === 0 ? o : ({ ...o, canonical: { ...o.canonical, ...forms } } as CatalogObject);
}

const BIGINT_MAX = '9223372036854775807';
const INTEGER_RANGES: Readonly<Record<string, readonly [bigint, bigint]>> = {
  smallint: [-32768n, 32767n],
  integer: [-2147483648n, 2147483647n],
  bigint: [-9223372036854775808n, 9223372036854775807n],
};

/** Both bounds of an identity sequence lie in the range of `type` (an integer type), and its own type is one too. */
function withinRange(identity: IdentityOptions, type: string): boolean {
  const range = INTEGER_RANGES[type];
  if (!range || !INTEGER_RANGES[identity.type] || !/^-?\d+$/.test(identity.min) || !/^-?\d+$/.test(identity.max)) return false;
  return BigInt(identity.min) >= range[0] && BigInt(identity.max) <= range[1];
}
const SERIAL_RANGES: Readonly<Record<string, string>> = { integer: '2147483647', smallint: '32767' };

const NEXTVAL = /^nextval\('((?:[^']|'')+)'::regclass\)$/;

/** `nextval('billing."Odd seq"'::regclass)` → `billing."Odd seq"` (a sequence's key); undefined for any other default. */
export function nextvalSequence(defaultExpression: string | null): string | undefined {
  const literal = defaultExpression === null ? undefined : NEXTVAL.exec(defaultExpression)?.[1];
  if (literal === undefined) return undefined;
  const names = splitKey(literal.replace(/''/g, "'"));
  return names?.length === 2 ? objectKey(...names) : undefined;
}
