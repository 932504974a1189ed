import { describe, expect, test } from 'vitest';
import { flywayChecksum, graphileHash, prismaChecksums, sha256Hex } from './checksums.js';
import { committedHash } from './frameworks/graphile.js';

describe('flywayChecksum', () => {
  test('is the CRC32 of the lines without their endings, as a signed int', () => {
    // CRC32("abcd") = 0xED82CD11 = 3984772369, which Java's (int) cast makes negative.
    expect(flywayChecksum(Buffer.from('ab\ncd\n'))).toBe(3984772369 - 2 ** 32);
    expect(flywayChecksum(Buffer.from('select 1;'))).toBeGreaterThanOrEqual(-(2 ** 31));
  });

  test('ignores line endings and a byte-order mark, as Flyway does', () => {
    const lf = flywayChecksum(Buffer.from('create table a (id int);\n\ncreate index on a (id);\n'));
    expect(flywayChecksum(Buffer.from('create table a (id int);\r\n\r\ncreate index on a (id);\r\n'))).toBe(lf);
    expect(flywayChecksum(Buffer.from('create table a (id int);\r\rcreate index on a (id);'))).toBe(lf);
    expect(flywayChecksum(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('create table a (id int);\n\ncreate index on a (id);\n')]))).toBe(lf);
  });

  test('changes when the text does', () => {
    expect(flywayChecksum(Buffer.from('create table a (id int);\n'))).not.toBe(flywayChecksum(Buffer.from('create table a (id bigint);\n')));
  });

  test('an empty file is 0', () => {
    expect(flywayChecksum(Buffer.alloc(0))).toBe(0);
  });
});

describe('prismaChecksums', () => {
  test('the sha256 of the file first, then of its LF and CRLF forms', () => {
    const crlf = Buffer.from('CREATE TABLE "A" ("id" INT);\r\n');
    expect(prismaChecksums(crlf)[0]).toBe(sha256Hex(crlf));
    expect(prismaChecksums(crlf)).toContain(sha256Hex('CREATE TABLE "A" ("id" INT);\n'));
  });
});

describe('graphile-migrate hashes', () => {
  test('chain the body to the previous hash', () => {
    expect(graphileHash('select 1;\n', null)).toMatch(/^sha1:[0-9a-f]{40}$/);
    expect(graphileHash('select 1;\n', 'sha1:abc')).not.toBe(graphileHash('select 1;\n', null));
  });

  test('a committed file hashes its body after the headers, with its Previous header', () => {
    const body = 'create table a (id int);\n';
    const first = `--! Previous: -\n--! Hash: ${graphileHash(body, null)}\n--! Message: first\n\n${body}`;
    expect(committedHash(first)).toBe(graphileHash(body, null));
    const second = `--! Previous: sha1:0123\n--! Hash: x\n\n${body}`;
    expect(committedHash(second)).toBe(graphileHash(body, 'sha1:0123'));
  });

  test('known answers: the hashes graphile-migrate 1.4.1 itself gives these two committed files', () => {
    // Computed with graphile-migrate 1.4.1's own code: serializeMigration(body, headers), then
    // calculateHash(parseMigrationText(file).body, previousHash) from dist/migration.js and dist/hash.js.
    const first =
      '--! Previous: -\n--! Hash: sha1:eed6b994cac211a1b29da3b164ce5b3b785b126d\n--! Message: users\n\n-- Enter migration here\ncreate table app.users (id int primary key);\n';
    const second =
      '--! Previous: sha1:eed6b994cac211a1b29da3b164ce5b3b785b126d\n--! Hash: sha1:8536a49ebc0e610d998a83e19479b30b8986c9b2\n\nalter table app.users add column email text;\n';
    expect(committedHash(first)).toBe('sha1:eed6b994cac211a1b29da3b164ce5b3b785b126d');
    expect(committedHash(second)).toBe('sha1:8536a49ebc0e610d998a83e19479b30b8986c9b2');
  });
});
