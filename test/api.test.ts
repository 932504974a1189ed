import { describe, expect, test } from 'vitest';
import * as api from '../src/index.js';

describe('package entry', () => {
  test('exports the library API', () => {
    for (const name of [
      'check',
      'diff',
      'takeSnapshot',
      'verifySchema',
      'auditMigrationHistory',
      'stamp',
      'introspectCatalog',
      'compareSchemas',
      'compareSnapshots',
      'normalizeSnapshot',
      'buildReport',
      'parseSnapshot',
      'serializeSnapshot',
    ]) {
      expect(typeof (api as Record<string, unknown>)[name], name).toBe('function');
    }
    expect(api.ConfigError.prototype).toBeInstanceOf(Error);
    expect(api.OBJECT_KINDS).toContain('table');
  });
});
