import { describe, expect, test } from 'vitest';
import { resolveLiveTarget } from './live-target.js';

describe('the live database', () => {
  test('--url wins over DATABASE_URL and PG*', () => {
    const live = resolveLiveTarget('postgres://app:pw@db:5432/prod', { DATABASE_URL: 'postgres://x@other/y', HOME: '/nonexistent' });
    expect(live.origin).toBe('--url');
    expect(live.target).toEqual({ host: 'db', port: 5432, user: 'app', password: 'pw', database: 'prod', ssl: { mode: 'prefer' } });
  });

  test('DATABASE_URL, with the password from PGPASSWORD when the URL has none (as libpq does)', () => {
    const live = resolveLiveTarget(undefined, { DATABASE_URL: 'postgres://app@db/prod', PGPASSWORD: 'pw', HOME: '/nonexistent' });
    expect(live).toEqual({
      origin: 'DATABASE_URL',
      target: { host: 'db', port: 5432, user: 'app', password: 'pw', database: 'prod', ssl: { mode: 'prefer' } },
      warnings: [],
    });
  });

  test('the PG* variables when nothing else is set', () => {
    const live = resolveLiveTarget(undefined, { PGHOST: 'db', PGPORT: '6432', PGUSER: 'app', PGDATABASE: 'prod', HOME: '/nonexistent' });
    expect(live.origin).toBe('PG* variables');
    expect(live.target).toEqual({ host: 'db', port: 6432, user: 'app', database: 'prod', ssl: { mode: 'prefer' } });
  });

  test('nothing configured is a configuration error', () => {
    expect(() => resolveLiveTarget(undefined, { POSTGRES_PASSWORD: 'x' })).toThrow(
      'no live database configured: pass --url postgres://user@host:port/db, or set DATABASE_URL or the PG* variables (PGHOST, PGDATABASE, …)',
    );
  });

  test('says when DATABASE_URL, PG* and POSTGRES_* name different databases', () => {
    const live = resolveLiveTarget(undefined, {
      DATABASE_URL: 'postgres://app:secret@db:5432/bar',
      PGHOST: 'localhost',
      PGDATABASE: 'bar',
      POSTGRES_HOST: 'db',
      POSTGRES_PORT: '5432',
      POSTGRES_DB: 'bar_dev',
    });
    expect(live.warnings).toEqual([
      'PG* points at localhost:(default port)/bar but DATABASE_URL at postgres://app@db:5432/bar (host differs): pgparity checks DATABASE_URL; make sure your migration tool and app use the same database',
      'POSTGRES_* points at db:5432/bar_dev but DATABASE_URL at postgres://app@db:5432/bar (database differs): pgparity checks DATABASE_URL; make sure your migration tool and app use the same database',
    ]);
    expect(live.warnings.join('\n')).not.toContain('secret');
  });

  test('agreeing variables give no warning', () => {
    const live = resolveLiveTarget(undefined, { DATABASE_URL: 'postgres://app@db:5432/bar', POSTGRES_HOST: 'db', POSTGRES_DB: 'bar' });
    expect(live.warnings).toEqual([]);
  });
});
