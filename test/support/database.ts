import { inject } from 'vitest';
import pg from 'pg';
import { parseTarget, targetUrl, type ConnectionTarget } from '../../src/db/target.js';
import { createDatabaseOn, dropDatabaseOn } from '../../src/scratch/server-admin.js';

export interface TestDatabase {
  readonly target: ConnectionTarget;
  /** URL with password, for the CLI under test. */
  readonly url: string;
  /** Run SQL (several statements allowed) as the admin user. */
  exec(sql: string): Promise<void>;
  drop(): Promise<void>;
}

export function adminTarget(): ConnectionTarget {
  return parseTarget(inject('adminUrl'));
}

/** A fresh, empty, uniquely named database on the test server. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const admin = adminTarget();
  const db = await createDatabaseOn(admin);
  return {
    target: db.target,
    url: targetUrl(db.target),
    async exec(sql) {
      const client = new pg.Client({ ...db.target, password: db.target.password ?? '' });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    },
    drop: () => dropDatabaseOn(admin, db.name),
  };
}
