import { describe, expect, test } from 'vitest';
import { locksFor, maxLocksFor } from './locks.js';

const migration = (sql: string) => ({ id: '001_big', file: '001_big.sql', sql });
const tables = (n: number, columns: string) => Array.from({ length: n }, (_, i) => `CREATE TABLE big_${i} (${columns});`).join('\n');

describe('lock room for the largest transaction of a replay', () => {
  test('a table counts itself, its TOAST table and index; a primary key its index', () => {
    expect(locksFor(tables(10, 'id int, v text'))).toBe(30);
    expect(locksFor(tables(10, 'id int primary key, v text'))).toBe(40);
  });

  test('50,000 tables with a primary key in one file get room; small files keep the default', () => {
    expect(maxLocksFor([migration(tables(50_000, 'id int primary key, v text'))], {})).toBe(4000);
    expect(maxLocksFor([migration(tables(100, 'id serial primary key')), migration('select 1')], {})).toBe(1024);
  });

  test('PGPARITY_SCRATCH_MAX_LOCKS sets the base, which sizing still raises', () => {
    expect(maxLocksFor([migration('select 1')], { PGPARITY_SCRATCH_MAX_LOCKS: '16' })).toBe(16);
    expect(maxLocksFor([migration(tables(2_000, 'id int primary key, v text'))], { PGPARITY_SCRATCH_MAX_LOCKS: '16' })).toBe(160);
  });
});
