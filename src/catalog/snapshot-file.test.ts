import { describe, expect, test } from 'vitest';
import { ConfigError } from '../model/errors.js';
import type { Snapshot } from '../model/snapshot.js';
import { parseSnapshot, serializeSnapshot } from './snapshot-file.js';

const SNAPSHOT: Snapshot = {
  formatVersion: 1,
  source: 'postgres://app@db/prod',
  server: { version: '18.4', versionNum: 180004 },
  objects: [{ kind: 'schema', key: 'app', schema: 'app', name: 'app', comment: null }],
};

describe('serializeSnapshot / parseSnapshot', () => {
  test('round trip, 2-space JSON with a final newline', () => {
    const text = serializeSnapshot(SNAPSHOT);
    expect(text).toBe(`${JSON.stringify(SNAPSHOT, null, 2)}\n`);
    expect(parseSnapshot(text, 'snapshots/x.json')).toEqual(SNAPSHOT);
    expect(parseSnapshot(`\uFEFF${text}`, 'snapshots/x.json')).toEqual(SNAPSHOT);
  });

  test.each([
    ['{\n  "formatVersion": 1,\n  "source": "x",,\n}', 'invalid JSON at line 3 column 17'],
    ['{"a": tru}', 'invalid JSON at line 1 column 10'],
    ['{"a": 1', 'invalid JSON at line 1 column 8'],
    ['', 'invalid JSON at line 1 column 1'],
    ['[1, 2]', 'not a pgparity snapshot (expected a JSON object)'],
    ['{"source": "x"}', 'not a pgparity snapshot (formatVersion missing)'],
    ['{"formatVersion": 2}', 'unsupported formatVersion 2 (this pgparity reads formatVersion 1)'],
    ['{"formatVersion": 1, "server": {"version": "18.4", "versionNum": 180004}, "objects": []}', 'not a pgparity snapshot (source missing)'],
    ['{"formatVersion": 1, "source": "x", "objects": []}', 'not a pgparity snapshot (server.version or server.versionNum missing)'],
    ['{"formatVersion": 1, "source": "x", "server": {"version": "18.4", "versionNum": 180004}}', 'not a pgparity snapshot (objects missing)'],
    [
      '{"formatVersion": 1, "source": "x", "server": {"version": "18.4", "versionNum": 180004}, "objects": [{"kind": "table", "key": "a.b", "schema": "a"}]}',
      'objects[0] (table) has no name',
    ],
    [
      '{"formatVersion": 1, "source": "x", "server": {"version": "18.4", "versionNum": 180004}, "objects": [{"kind": "subscription"}]}',
      'objects[0] has an unknown kind "subscription"',
    ],
  ])('%j is refused', (text, reason) => {
    let error: unknown;
    try {
      parseSnapshot(text, 'snapshots/x.json');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(`cannot read snapshot snapshots/x.json: ${reason}`);
  });
});
