import { describe, expect, test } from 'vitest';
import { pickVariant } from './sql-files.js';

describe('pickVariant', () => {
  const files = ['indexes.sql', 'indexes.pg15.sql', 'indexes.pg17.sql', 'tables.sql'];
  test.each([
    ['indexes', 14, 'indexes.sql'],
    ['indexes', 15, 'indexes.pg15.sql'],
    ['indexes', 16, 'indexes.pg15.sql'],
    ['indexes', 18, 'indexes.pg17.sql'],
    ['tables', 18, 'tables.sql'],
  ])('%s on %i: %s', (query, major, file) => {
    expect(pickVariant(files, query, major)).toBe(file);
  });
});
