import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';

/**
 * The checksums migration tools record, recomputed from file bytes exactly as each tool
 * does, so that "edited after it ran" is told from "same file".
 */

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Flyway's checksum: CRC32 fed each line of the UTF-8 text with its line ending removed
 * (Java's BufferedReader.readLine splits on \n, \r and \r\n) and a leading BOM removed,
 * returned as Java's `(int)` cast of the unsigned value. Feeding lines one by one equals
 * one CRC over the text with every line ending taken out, which is what this computes.
 */
export function flywayChecksum(content: Buffer): number {
  const text = withoutBom(content).toString('utf8');
  return crc32(Buffer.from(text.replace(/\r\n|\r|\n/g, ''), 'utf8')) | 0;
}

export function sha256Hex(content: Buffer | string): string {
  return createHash('sha256').update(content).digest('hex');
}

export function sha384Hex(content: Buffer | string): string {
  return createHash('sha384').update(content).digest('hex');
}

export function md5Hex(content: Buffer | string): string {
  return createHash('md5').update(content).digest('hex');
}

export function sha1Hex(content: Buffer | string): string {
  return createHash('sha1').update(content).digest('hex');
}

/**
 * Prisma records the sha256 hex of migration.sql; since 2.29 it also accepts the file with
 * its line endings converted either way (a checkout on Windows must not look edited).
 */
export function prismaChecksums(content: Buffer): string[] {
  const text = content.toString('utf8');
  const lf = text.replace(/\r\n/g, '\n');
  return unique([sha256Hex(content), sha256Hex(lf), sha256Hex(lf.replace(/\n/g, '\r\n'))]);
}

/**
 * graphile-migrate's hash of a committed migration: `sha1:` + sha1 of the previous hash, a
 * newline and the body (the text after the `--! Header` lines), trimmed, plus a newline.
 */
export function graphileHash(body: string, previousHash: string | null): string {
  return `sha1:${sha1Hex(`${`${previousHash ?? ''}\n${body}`.trim()}\n`)}`;
}

/** A stored checksum as comparable text: lower-case hex without `\x`, `sha256:` or similar prefixes. */
export function normalizeStoredHex(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/^\\x/, '')
    .replace(/^(sha256|sha384|sha1|md5)[:-]/, '');
}

/** Algorithms a plain checksum column may hold, in the order they are tried; sha256 is what `pgparity stamp` writes. */
export const PLAIN_CHECKSUMS: readonly { readonly name: string; readonly compute: (content: Buffer) => string }[] = [
  { name: 'sha256', compute: sha256Hex },
  { name: 'md5', compute: md5Hex },
  { name: 'sha1', compute: sha1Hex },
  { name: 'sha384', compute: sha384Hex },
];

/** The algorithm a stored hex digest most likely came from, by its length. */
export function algorithmByLength(stored: string): string | undefined {
  return { 32: 'md5', 40: 'sha1', 64: 'sha256', 96: 'sha384' }[normalizeStoredHex(stored).length];
}

function withoutBom(content: Buffer): Buffer {
  return content.subarray(0, 3).equals(BOM) ? content.subarray(3) : content;
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
