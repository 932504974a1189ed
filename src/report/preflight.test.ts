import { describe, expect, test } from 'vitest';
import type { PreflightReport } from '../model/preflight.js';
import { renderPreflightJunit } from './preflight-junit.js';
import { renderPreflightJson, renderPreflightMarkdown, renderPreflightText } from './preflight.js';

/** A small preflight report by hand: one statement with a lock, a violation and two hazards, one without. */
function report(): PreflightReport {
  return {
    verdict: 'unsafe',
    live: { source: 'postgres://app@db/prod', serverVersion: '16.4' },
    scratch: { provider: 'embedded:16', serverVersion: '16.14' },
    selection: 'history',
    applied: 4,
    pending: [
      {
        migration: '0005_orders_fk',
        file: 'db/migrations/0005_orders_fk.sql',
        statements: [
          {
            line: 1,
            sql: "SET lock_timeout = '2s'",
            measured: 'transaction',
            locks: [],
            rewrites: [],
            indexesBuilt: [],
            scans: [],
            relations: [],
            violations: [],
            hazards: [],
          },
          {
            line: 2,
            sql: 'ALTER TABLE orders\n  ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id)',
            measured: 'transaction',
            locks: [
              { relation: 'public.customers', mode: 'ShareRowExclusiveLock', blocks: 'writes' },
              { relation: 'public.orders', mode: 'ShareRowExclusiveLock', blocks: 'writes' },
            ],
            rewrites: [],
            indexesBuilt: [],
            scans: ['public.orders'],
            relations: [{ relation: 'public.orders', rows: 2_500_000, bytes: 1_610_612_736 }],
            violations: [
              { constraint: 'orders_customer_fk', kind: 'foreign_key', relation: 'public.orders', rows: 3, estimated: false, examples: ['17', '4711', '9000'] },
            ],
            hazards: [
              {
                code: 'violating_rows',
                severity: 'error',
                message: '3 rows of public.orders violate it: orders_customer_fk — the statement will fail',
                fix: 'fix or remove these rows first',
              },
              {
                code: 'blocks_writes',
                severity: 'warning',
                message: 'takes ShareRowExclusiveLock on public.orders (2,500,000 rows, 1.5 GiB in live): writes wait until the transaction ends',
                fix: 'use NOT VALID',
              },
            ],
          },
        ],
      },
    ],
    summary: { error: 1, warning: 1, info: 0 },
    warnings: [],
  };
}

describe('preflight reporters', () => {
  test('text', () => {
    expect(renderPreflightText(report(), { color: false })).toBe(
      [
        'pgparity preflight: UNSAFE — 1 error, 1 warning, 0 info',
        'live postgres://app@db/prod (PostgreSQL 16.4) · measured on embedded:16 PostgreSQL 16.14 · 4 applied, 1 pending (history)',
        '',
        'db/migrations/0005_orders_fk.sql',
        "  line 1  SET lock_timeout = '2s'",
        '  line 2  ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id)',
        '    locks     public.customers ShareRowExclusiveLock (blocks writes), public.orders ShareRowExclusiveLock (blocks writes)',
        '    scans     public.orders',
        '    live size public.orders 2,500,000 rows, 1.5 GiB',
        '    violates  orders_customer_fk (foreign_key) on public.orders: 3 rows, e.g. key 17, 4711, 9000',
        '    error     violating_rows: 3 rows of public.orders violate it: orders_customer_fk — the statement will fail',
        '              fix: fix or remove these rows first',
        '    warning   blocks_writes: takes ShareRowExclusiveLock on public.orders (2,500,000 rows, 1.5 GiB in live): writes wait until the transaction ends',
        '              fix: use NOT VALID',
        '',
      ].join('\n'),
    );
  });

  test('json carries formatVersion and the tool', () => {
    const json = JSON.parse(renderPreflightJson(report(), { name: 'pgparity', version: '9.9.9' })) as Record<string, unknown>;
    expect(json).toEqual({ formatVersion: 1, tool: { name: 'pgparity', version: '9.9.9' }, ...report() });
  });

  test('markdown: one table per migration, pipes and markup escaped', () => {
    const md = renderPreflightMarkdown(report(), { failOn: 'error' });
    expect(md.split('\n').slice(0, 3)).toEqual([
      '## pgparity preflight: 🔴 UNSAFE — 1 error, 1 warning, 0 info',
      '',
      'live postgres://app@db/prod (PostgreSQL 16.4) · measured on embedded:16 PostgreSQL 16.14 · 4 applied, 1 pending (history)',
    ]);
    expect(md).toContain(
      '| 2 | `ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id)` | public.customers ShareRowExclusiveLock (blocks writes)<br>public.orders ShareRowExclusiveLock (blocks writes) |  | orders_customer_fk (foreign_key) on public.orders: 3 rows, e.g. key 17, 4711, 9000 | **error** `violating_rows` 3 rows of public.orders violate it: orders_customer_fk — the statement will fail<br>*fix:* fix or remove these rows first<br>**warning** `blocks_writes`',
    );
  });

  test('junit: a failure per statement with a hazard at or above --fail-on', () => {
    const xml = renderPreflightJunit(report(), { failOn: 'warning' });
    expect(xml).toContain('<testsuites name="pgparity preflight" tests="2" failures="1" errors="0">');
    expect(xml).toContain(
      '<failure message="violating_rows: 3 rows of public.orders violate it: orders_customer_fk — the statement will fail; blocks_writes: takes ShareRowExclusiveLock on public.orders (2,500,000 rows, 1.5 GiB in live): writes wait until the transaction ends" type="violating_rows">',
    );
    expect(renderPreflightJunit(report(), { failOn: 'error' })).toContain('failures="1"');
  });
});
