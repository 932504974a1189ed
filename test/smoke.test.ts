import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { connect } from '../src/db/connect.js';

let db: TestDatabase;
beforeAll(async () => void (db = await createTestDatabase()));
afterAll(() => db.drop());

test('a read-only session cannot write', async () => {
  const client = await connect(db.target, { readOnly: true });
  await expect(client.query('create table t (a int)')).rejects.toThrow(/read-only transaction/);
  await client.end();
});
