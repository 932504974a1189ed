import { inject } from 'vitest';
import { connect } from '../../src/db/connect.js';
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
  // Not `pgparity_scratch_*`: tests look for scratch databases pgparity itself left behind.
  const db = await createDatabaseOn(admin, admin.host, 'pgparity_test');
  return {
    target: db.target,
    url: targetUrl(db.target),
    async exec(sql) {
      const client = await connect(db.target, { readOnly: false, limits: { statementTimeoutMs: 0, lockTimeoutMs: 0, connectTimeoutMs: 10_000 } });
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    },
    drop: () => dropDatabaseOn(admin, db.name),
  };
}
