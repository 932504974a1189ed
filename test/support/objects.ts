/**
 * Builders for small hand-made snapshots, for unit tests of normalize / compare and for
 * examples: `table('public.users', ['id', 'email'])`, `column('public.users.email')`.
 * Every builder takes the object's qualified name and overrides for any field.
 */
import type {
  CatalogObject,
  ColumnObject,
  ConstraintObject,
  ConstraintType,
  ExtensionObject,
  IndexObject,
  PolicyObject,
  SchemaObject,
  SequenceObject,
  TableObject,
  TriggerObject,
  TypeObject,
  ViewObject,
} from '../../src/model/objects.js';
import { SNAPSHOT_FORMAT_VERSION, type Snapshot } from '../../src/model/snapshot.js';

export function snapshot(objects: readonly CatalogObject[], source = 'test'): Snapshot {
  return { formatVersion: SNAPSHOT_FORMAT_VERSION, source, server: { version: '18.4', versionNum: 180004 }, objects };
}

export function schema(name: string, over: Partial<SchemaObject> = {}): SchemaObject {
  return { kind: 'schema', key: name, schema: name, name, comment: null, ...over };
}

export function extension(name: string, version: string, over: Partial<ExtensionObject> = {}): ExtensionObject {
  return { kind: 'extension', key: name, schema: 'public', name, version, comment: null, ...over };
}

export function enumType(qualified: string, values: readonly string[], over: Partial<TypeObject> = {}): TypeObject {
  const [schema, name] = split2(qualified);
  return { kind: 'type', key: qualified, schema, name, variant: 'enum', values, comment: null, ...over };
}

export function table(qualified: string, columnOrder: readonly string[] = [], over: Partial<TableObject> = {}): TableObject {
  const [schema, name] = split2(qualified);
  return {
    kind: 'table',
    key: qualified,
    schema,
    name,
    comment: null,
    variant: 'table',
    persistence: 'permanent',
    partitionKey: null,
    partitionOf: null,
    partitionBound: null,
    inherits: [],
    rowSecurity: false,
    forceRowSecurity: false,
    columnOrder,
    ...over,
  };
}

/** A table with its columns (all `text`, nullable), in order. */
export function tableWithColumns(qualified: string, columns: readonly string[]): CatalogObject[] {
  return [table(qualified, columns), ...columns.map((c, i) => column(`${qualified}.${c}`, 'text', { position: i + 1 }))];
}

export function column(qualified: string, type = 'text', over: Partial<ColumnObject> = {}): ColumnObject {
  const [schema, table, name] = split3(qualified);
  return {
    kind: 'column',
    key: qualified,
    schema,
    table,
    name,
    comment: null,
    position: 1,
    type,
    collation: null,
    notNull: false,
    default: null,
    identity: null,
    generated: null,
    ...over,
  };
}

export function constraint(qualified: string, type: ConstraintType, definition: string, over: Partial<ConstraintObject> = {}): ConstraintObject {
  const [schema, table, name] = split3(qualified);
  const columns = /\(([^)]*)\)/.exec(definition)?.[1]?.split(', ') ?? [];
  return {
    kind: 'constraint',
    key: qualified,
    schema,
    table,
    name,
    comment: null,
    type,
    definition,
    columns,
    validated: true,
    deferrable: false,
    initiallyDeferred: false,
    ...over,
  };
}

/** `definition` without the index name, as the catalog gives it: `CREATE INDEX ON public.t USING btree (a)`. */
export function index(qualified: string, definition: string, over: Partial<IndexObject> = {}): IndexObject {
  const [schema, table, name] = split3(qualified);
  const keys = /USING \w+ \((.*)\)/.exec(definition)?.[1]?.split(', ') ?? [];
  return {
    kind: 'index',
    key: qualified,
    schema,
    table,
    name,
    comment: null,
    definition,
    method: /USING (\w+)/.exec(definition)?.[1] ?? 'btree',
    unique: definition.startsWith('CREATE UNIQUE'),
    nullsNotDistinct: false,
    keys,
    include: [],
    predicate: null,
    valid: true,
    ...over,
  };
}

export function sequence(qualified: string, over: Partial<SequenceObject> = {}): SequenceObject {
  const [schema, name] = split2(qualified);
  return {
    kind: 'sequence',
    key: qualified,
    schema,
    name,
    comment: null,
    type: 'integer',
    start: '1',
    increment: '1',
    min: '1',
    max: '2147483647',
    cache: '1',
    cycle: false,
    ownedBy: null,
    ...over,
  };
}

export function view(qualified: string, definition: string, over: Partial<ViewObject> = {}): ViewObject {
  const [schema, name] = split2(qualified);
  return { kind: 'view', key: qualified, schema, name, comment: null, definition, options: [], ...over };
}

/** The parts are read from a simple `definition`: `CREATE TRIGGER BEFORE UPDATE ON public.t FOR EACH ROW EXECUTE FUNCTION f()`. */
export function trigger(qualified: string, definition: string, over: Partial<TriggerObject> = {}): TriggerObject {
  const [schema, table, name] = split3(qualified);
  const timing = /TRIGGER (BEFORE|AFTER|INSTEAD OF) /.exec(definition)?.[1] ?? 'AFTER';
  const events = /(?:BEFORE|AFTER|INSTEAD OF) (.*?) ON /.exec(definition)?.[1]?.toLowerCase().split(' or ') ?? [];
  return {
    kind: 'trigger',
    key: qualified,
    schema,
    table,
    name,
    comment: null,
    definition,
    timing: timing === 'INSTEAD OF' ? 'instead_of' : timing === 'BEFORE' ? 'before' : 'after',
    events,
    columns: [],
    level: definition.includes('FOR EACH ROW') ? 'row' : 'statement',
    when: null,
    function: /EXECUTE FUNCTION ([^(]+)\(/.exec(definition)?.[1] ?? '',
    arguments: [],
    referencing: [],
    constraintTrigger: false,
    deferrable: false,
    initiallyDeferred: false,
    enabled: 'origin',
    ...over,
  };
}

export function policy(qualified: string, over: Partial<PolicyObject> = {}): PolicyObject {
  const [schema, table, name] = split3(qualified);
  return {
    kind: 'policy',
    key: qualified,
    schema,
    table,
    name,
    comment: null,
    permissive: true,
    command: 'ALL',
    roles: ['public'],
    using: null,
    withCheck: null,
    ...over,
  };
}

function split2(qualified: string): [string, string] {
  const [a = '', ...rest] = qualified.split('.');
  return [a, rest.join('.')];
}

function split3(qualified: string): [string, string, string] {
  const [a = '', b = '', ...rest] = qualified.split('.');
  return [a, b, rest.join('.')];
}
