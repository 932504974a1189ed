import { OBJECT_KINDS, type CatalogObject } from '../model/objects.js';
import { functionKey, objectKey, quoteIdent, usingKey, withoutArguments } from '../model/keys.js';
import { ConfigError } from '../model/errors.js';
import { SNAPSHOT_FORMAT_VERSION, type Snapshot } from '../model/snapshot.js';
import { jsonSyntaxErrorPosition } from '../text/json-syntax.js';

/** JSON with 2-space indent and a final newline; key order is fixed where objects are built. */
export function serializeSnapshot(snapshot: Snapshot): string {
  return `${JSON.stringify(snapshot, null, 2)}\n`;
}

/** Parse a snapshot file's text, checking its shape enough that later code can trust it. */
export function parseSnapshot(text: string, fileForMessages: string): Snapshot {
  const fail = (reason: string): never => {
    throw new ConfigError(`cannot read snapshot ${fileForMessages}: ${reason}`);
  };
  const source = text.replace(/^\uFEFF/, '');
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch {
    const { line, column } = jsonSyntaxErrorPosition(source);
    fail(`invalid JSON at line ${line} column ${column}`);
  }
  if (!isRecord(value)) return fail('not a pgparity snapshot (expected a JSON object)');
  if (value.formatVersion === undefined) fail('not a pgparity snapshot (formatVersion missing)');
  if (value.formatVersion !== SNAPSHOT_FORMAT_VERSION) {
    fail(`unsupported formatVersion ${JSON.stringify(value.formatVersion)} (this pgparity reads formatVersion ${SNAPSHOT_FORMAT_VERSION})`);
  }
  if (typeof value.source !== 'string') fail('not a pgparity snapshot (source missing)');
  const server = value.server;
  if (!isRecord(server) || typeof server.version !== 'string' || typeof server.versionNum !== 'number') {
    fail('not a pgparity snapshot (server.version or server.versionNum missing)');
  }
  if (!Array.isArray(value.objects)) return fail('not a pgparity snapshot (objects missing)');
  value.objects.forEach((object: unknown, index) => {
    const problem = objectProblem(object);
    if (problem) fail(`objects[${index}] ${problem}`);
  });
  return withCurrentKeys(value as unknown as Snapshot);
}

/**
 * Snapshots written before keys quoted their names (`public.Users`, not `public."Users"`) are
 * read with every key built again from the object's names, and references to other objects
 * (OWNED BY, partition parent, inheritance, foreign key table) translated where the file itself
 * holds the object they name. A current file comes back unchanged.
 */
function withCurrentKeys(snapshot: Snapshot): Snapshot {
  const rekeyed = snapshot.objects.map((o) => ({ ...o, key: currentKey(o) }) as CatalogObject);
  if (rekeyed.every((o, i) => o.key === snapshot.objects[i]!.key)) return snapshot;
  const byOldKey = new Map<string, string | null>();
  snapshot.objects.forEach((o, i) => {
    const id = `${o.kind === 'column' ? 'column' : 'relation'}\u0000${o.key}`;
    byOldKey.set(id, byOldKey.has(id) ? null : rekeyed[i]!.key);
  });
  const translate = (kind: 'column' | 'relation', ref: string): string => byOldKey.get(`${kind}\u0000${ref}`) ?? ref;
  const objects = rekeyed.map((o): CatalogObject => {
    if (o.kind === 'sequence' && o.ownedBy !== null) return { ...o, ownedBy: translate('column', o.ownedBy) };
    if (o.kind === 'table')
      return {
        ...o,
        partitionOf: o.partitionOf === null ? null : translate('relation', o.partitionOf),
        inherits: o.inherits.map((t) => translate('relation', t)),
      };
    if (o.kind === 'constraint' && o.references) return { ...o, references: { ...o.references, table: translate('relation', o.references.table) } };
    return o;
  });
  return { ...snapshot, objects };
}

function currentKey(o: CatalogObject): string {
  switch (o.kind) {
    case 'function':
      return functionKey(o.schema, o.name, argumentsOf(o.key));
    // Spelled by the server (format_type, regoperator), never joined by pgparity.
    case 'cast':
    case 'operator':
      return o.key;
    case 'operator_class':
    case 'operator_family':
      return usingKey(o.schema, o.name, o.method);
    default:
      // Schemas, extensions and the database-wide kinds (schema "") are keyed by their name alone.
      if (o.kind === 'schema' || o.kind === 'extension' || o.schema === '') return quoteIdent(o.name);
      return o.table === undefined ? objectKey(o.schema, o.name) : objectKey(o.schema, o.table, o.name);
  }
}

/** `integer, text` from `public.f(integer, text)`. */
function argumentsOf(key: string): string {
  return key.slice(withoutArguments(key).length + 1, -1);
}

const KINDS: ReadonlySet<unknown> = new Set(OBJECT_KINDS);

function objectProblem(object: unknown): string | undefined {
  if (!isRecord(object)) return 'is not an object';
  if (!KINDS.has(object.kind)) return `has an unknown kind ${JSON.stringify(object.kind)}`;
  for (const field of ['key', 'schema', 'name'] as const) {
    if (typeof object[field] !== 'string') return `(${String(object.kind)}) has no ${field}`;
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
