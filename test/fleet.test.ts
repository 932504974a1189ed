import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { connect } from '../src/db/connect.js';
import { targetUrl } from '../src/db/target.js';
import { adminTarget, createTestDatabase, type TestDatabase } from './support/database.js';
import { ROOT, runCli } from './support/cli.js';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const MIGRATIONS = {
  '001_users.sql':
    'create table users (id bigint generated always as identity primary key, email text not null unique, created_at timestamptz not null default now());\n',
  '002_orders.sql':
    'create table orders (id bigint primary key, user_id bigint not null references users (id), total numeric(10,2) check (total >= 0));\ncreate index orders_user_idx on orders (user_id);\n',
};
const FLEET = 60;
const DRIFT: Record<number, string> = {
  3: 'alter table users alter column email drop not null',
  17: 'drop index orders_user_idx',
  42: 'create table audit (id int)',
};
const name = (i: number): string => `db${String(i).padStart(2, '0')}`;

let dir: string;
let migrations: string;
let template: TestDatabase;
const databases: string[] = [];
const prefix = `fleet_${Date.now().toString(36)}`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pgparity-fleet-'));
  migrations = join(dir, 'migrations');
  await mkdir(migrations);
  for (const [file, sql] of Object.entries(MIGRATIONS)) await writeFile(join(migrations, file), sql);
  template = await createTestDatabase();
  await template.exec(Object.values(MIGRATIONS).join(''));
  const admin = await connect(adminTarget(), { readOnly: false });
  try {
    for (let i = 1; i <= FLEET; i++) {
      const db = `${prefix}_${name(i)}`;
      await admin.query(`create database ${admin.escapeIdentifier(db)} template ${admin.escapeIdentifier(template.target.database)}`);
      databases.push(db);
    }
  } finally {
    await admin.end();
  }
  for (const [i, sql] of Object.entries(DRIFT)) {
    const client = await connect({ ...adminTarget(), database: `${prefix}_${name(Number(i))}` }, { readOnly: false });
    await client.query(sql).finally(() => client.end());
  }
  // The password comes from the environment, never from the file.
  const targets = databases.map((db, i) => ({
    name: name(i + 1),
    url: targetUrl({ ...adminTarget(), password: undefined, database: db }).replace('@', ':${FLEET_PASSWORD}@'),
  }));
  targets.push({ name: 'zz-unreachable', url: 'postgres://app:${FLEET_PASSWORD}@127.0.0.1:1/nowhere' });
  await writeFile(join(dir, 'targets.json'), JSON.stringify(targets, null, 2));
  await writeFile(join(dir, 'targets.yaml'), targets.map((t) => `- name: ${t.name}\n  url: "${t.url}"\n`).join(''));
}, 300_000);

afterAll(async () => {
  const admin = await connect(adminTarget(), { readOnly: false });
  try {
    for (const db of databases) await admin.query(`drop database if exists ${admin.escapeIdentifier(db)} with (force)`);
  } finally {
    await admin.end();
  }
  await template?.drop();
  await rm(dir, { recursive: true, force: true });
});

/** A picture of a report page for people to look at (test-output/), when a Chromium is installed. */
async function screenshot(file: string, name: string): Promise<void> {
  const chromium = ['/usr/bin/chromium', process.env.CHROMIUM_PATH].find((p) => p && existsSync(p));
  if (!chromium) return;
  const { chromium: launcher } = await import('playwright-core');
  const browser = await launcher.launch({ executablePath: chromium, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await page.goto(pathToFileURL(file).href);
    await mkdir(join(ROOT, 'test-output'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'test-output', name) });
  } finally {
    await browser.close();
  }
}

const env = (): Record<string, string> => ({ FLEET_PASSWORD: adminTarget().password ?? '' });
const brief = (findings: { change: string; kind: string; key: string; attribute?: string }[]) =>
  findings.map((f) => [f.change, f.kind, f.key, f.attribute ?? '']);

interface FleetJson {
  verdict: string;
  summary: Record<string, number>;
  targets: {
    name: string;
    verdict: string;
    findings: { change: string; kind: string; key: string; attribute?: string }[];
    error?: string;
    errorCode?: number;
  }[];
}

describe('check --targets', () => {
  test('60 databases and one unreachable: the three that drift, with their exact findings; the unreachable one reported, not fatal', async () => {
    const result = await runCli(
      ['check', '--migrations', migrations, '--targets', join(dir, 'targets.json'), '--concurrency', '8', '--format', 'json', '--quiet'],
      { env: env() },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as FleetJson;
    expect(report.verdict).toBe('drift');
    expect(report.summary).toEqual({ targets: 61, parity: 57, drift: 3, failed: 1 });
    const drifted = report.targets.filter((t) => t.verdict === 'drift');
    expect(drifted.map((t) => [t.name, brief(t.findings)])).toEqual([
      ['db03', [['changed', 'column', 'public.users.email', 'nullable']]],
      ['db17', [['missing', 'index', 'public.orders.orders_user_idx', '']]],
      ['db42', [['extra', 'table', 'public.audit', '']]],
    ]);
    const failed = report.targets.find((t) => t.verdict === 'error')!;
    expect(failed.name).toBe('zz-unreachable');
    expect(failed.errorCode).toBe(3);
    expect(failed.error).toMatch(/127\.0\.0\.1:1/);
    expect(result.stdout).not.toContain(adminTarget().password);
  });

  test('a YAML targets file works the same; an unset ${VAR} is a one-line error, exit 2', async () => {
    const yaml = await runCli(['check', '--migrations', migrations, '--targets', join(dir, 'targets.yaml'), '--format', 'json', '--quiet'], { env: env() });
    expect(yaml.code).toBe(1);
    expect((JSON.parse(yaml.stdout) as FleetJson).summary).toEqual({ targets: 61, parity: 57, drift: 3, failed: 1 });
    const unset = await runCli(['check', '--migrations', migrations, '--targets', join(dir, 'targets.json')]);
    expect(unset).toMatchObject({ code: 2, stdout: '' });
    expect(unset.stderr).toBe(`pgparity: ${join(dir, 'targets.json')}: target "db01": the environment variable FLEET_PASSWORD is not set\n`);
  });

  test('4 shards as 4 processes, merged: byte for byte the unsharded report; every target in exactly one shard', async () => {
    const whole = await runCli(['check', '--migrations', migrations, '--targets', join(dir, 'targets.json'), '--format', 'json', '--quiet'], { env: env() });
    const parts = await Promise.all(
      [1, 2, 3, 4].map((i) =>
        runCli(
          [
            'check',
            '--migrations',
            migrations,
            '--targets',
            join(dir, 'targets.json'),
            '--shard',
            `${i}/4`,
            '--format',
            'json',
            '-o',
            join(dir, `part-${i}.json`),
            '--quiet',
          ],
          { env: env() },
        ),
      ),
    );
    const names = (
      await Promise.all(
        [1, 2, 3, 4].map(async (i) => (JSON.parse(await readFile(join(dir, `part-${i}.json`), 'utf8')) as FleetJson).targets.map((t) => t.name)),
      )
    ).flat();
    expect(names.sort()).toEqual([...Array.from({ length: FLEET }, (_, i) => name(i + 1)), 'zz-unreachable']);
    // Each shard exits by its own share: 1 with a drifted database in it, else 3 with the unreachable one, else 0.
    for (const [i, part] of parts.entries()) {
      const share = JSON.parse(await readFile(join(dir, `part-${i + 1}.json`), 'utf8')) as FleetJson;
      const codeOfShare = share.targets.some((t) => t.verdict === 'drift') ? 1 : share.targets.some((t) => t.verdict === 'error') ? 3 : 0;
      expect([part.stderr, part.code]).toEqual(['', codeOfShare]);
    }
    const merged = await runCli(['merge', ...[1, 2, 3, 4].map((i) => join(dir, `part-${i}.json`)), '--format', 'json']);
    expect(merged.stderr).toBe('');
    expect(merged.code).toBe(1);
    expect(merged.stdout).toBe(whole.stdout);
  });

  test('merge: the Markdown and HTML of the whole fleet, and clear errors for what is not a shard report', async () => {
    const md = await runCli(['merge', ...[1, 2, 3, 4].map((i) => join(dir, `part-${i}.json`)), '--format', 'markdown']);
    expect(md.code).toBe(1);
    expect(md.stdout.split('\n')[0]).toBe('## ❌ pgparity fleet: drift — 61 targets: 57 parity, 3 drift, 1 failed');
    expect(md.stdout).toContain('| `db17` | drift | 1 | 0 | 0 |  |');
    // The fleet page, as people open it: a target table, then the drifted targets' findings.
    const page = join(dir, 'fleet.html');
    const html = await runCli(['merge', ...[1, 2, 3, 4].map((i) => join(dir, `part-${i}.json`)), '--format', 'html', '-o', page]);
    expect([html.code, html.stderr]).toEqual([1, '']);
    const text = await readFile(page, 'utf8');
    expect(text.match(/<tr class="target /g)).toHaveLength(61);
    expect(text).toContain('<h1>pgparity fleet: drift</h1>');
    await screenshot(page, 'fleet-report.png');
    await writeFile(join(dir, 'not-a-report.json'), '{"formatVersion":1,"verdict":"parity"}');
    const bad = await runCli(['merge', join(dir, 'not-a-report.json')]);
    expect(bad).toEqual({
      code: 2,
      stdout: '',
      stderr: `pgparity: ${join(dir, 'not-a-report.json')} is not a fleet report (formatVersion 1 with "targets"): write it with check --targets … --format json\n`,
    });
  });

  test('--shard needs a fleet and a valid i/n', async () => {
    const r = await runCli(['check', '--migrations', migrations, '--targets', join(dir, 'targets.json'), '--shard', '5/4'], { env: env() });
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: 'pgparity: --shard 5/4: expected i/n with 1 ≤ i ≤ n, e.g. --shard 3/16 (Kubernetes: --shard $((JOB_COMPLETION_INDEX + 1))/N)\n',
    });
  });
});

describe('tenant schemas', () => {
  let tenants: TestDatabase;
  const TENANTS = 200;
  const tenant = (i: number): string => `tenant_${String(i).padStart(3, '0')}`;

  beforeAll(async () => {
    tenants = await createTestDatabase();
    const sql = Array.from(
      { length: TENANTS },
      (_, i) => `create schema ${tenant(i + 1)}; set search_path to ${tenant(i + 1)}; ${Object.values(MIGRATIONS).join('')}`,
    ).join('\n');
    await tenants.exec(
      `${sql}\nreset search_path;\nalter table tenant_007.users add column nickname text;\ndrop index tenant_150.orders_user_idx;\ncreate schema other; create table other.t (id int);`,
    );
  }, 300_000);
  afterAll(async () => {
    await tenants?.drop();
  });

  test('check --tenant-schemas: 200 schemas against the migrations, the 2 outliers named in their own schema', async () => {
    const r = await runCli(['check', '--migrations', migrations, '--url', tenants.url, '--tenant-schemas', 'tenant_*', '--format', 'json', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as FleetJson;
    expect(report.summary).toEqual({ targets: 200, parity: 198, drift: 2, failed: 0 });
    expect(report.targets.filter((t) => t.verdict === 'drift').map((t) => [t.name, brief(t.findings)])).toEqual([
      ['tenant_007', [['extra', 'column', 'tenant_007.users.nickname', '']]],
      ['tenant_150', [['missing', 'index', 'tenant_150.orders.orders_user_idx', '']]],
    ]);
  });

  test('fingerprint: one group of 198 and the two outliers, each with its difference from the majority', async () => {
    const r = await runCli(['fingerprint', '--url', tenants.url, '--tenant-schemas', 'tenant_*', '--format', 'json', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as {
      groups: { count: number; members: string[]; majority: boolean; findings?: FleetJson['targets'][0]['findings'] }[];
    };
    expect(report.groups.map((g) => [g.count, g.majority, g.count === 1 ? g.members : g.members.length, brief(g.findings ?? [])])).toEqual([
      [198, true, 198, []],
      [1, false, ['tenant_007'], [['extra', 'column', 'tenant_007.users.nickname', '']]],
      [1, false, ['tenant_150'], [['missing', 'index', 'tenant_150.orders.orders_user_idx', '']]],
    ]);
  });
});
