import { OBJECT_KINDS } from '../model/objects.js';
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
  return value as unknown as Snapshot;
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
