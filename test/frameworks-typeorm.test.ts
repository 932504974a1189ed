import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { scanAppSources } from '../src/attribution/index.js';
import { connect } from '../src/db/connect.js';
import { discoverMigrations } from '../src/replay/discover.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { ROOT, runCli } from './support/cli.js';
import { clientUrl, missingRequirement, runShell } from './support/framework.js';

const FIXTURE = join(ROOT, 'fixtures/typeorm-synchronize');
const missing = await missingRequirement('node -e "import(\'typeorm\')" && npx tsx --version', ROOT);
if (missing) console.log(`TypeORM tests skipped: typeorm and tsx are not installed (${missing})`);

const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const db of databases) await db.drop();
});

describe.skipIf(missing !== undefined)('TypeORM', () => {
  test('the PK_/FK_/REL_/IDX_ names pgparity computes are the ones a real synchronize creates', async () => {
    const live = await createTestDatabase();
    databases.push(live);
    await runShell('DB_SYNC=true npx tsx build-live.ts', FIXTURE, { DATABASE_URL: clientUrl(live.target) });
    const client = await connect(live.target, { readOnly: true });
    let created: string[];
    try {
      const { rows } = await client.query<{ name: string }>(
        `select conname::text as name from pg_constraint where connamespace = 'public'::regnamespace and conname ~ '^(PK|FK|REL|UQ)_[0-9a-f]+$'
         union select relname::text from pg_class where relnamespace = 'public'::regnamespace and relkind = 'i' and relname ~ '^(IDX|REL|UQ)_[0-9a-f]+$'
         order by 1`,
      );
      created = rows.map((r) => r.name);
    } finally {
      await client.end();
    }
    const scan = await scanAppSources([join(FIXTURE, 'app')]);
    const computed = [...new Set(scan.models.flatMap((m) => (m.generatedNames ?? []).map((g) => g.name)))].sort();
    expect(created).toEqual(computed);
    expect(computed).toEqual([
      'FK_863548925d4aacad278fd4f1a81',
      'FK_ed247897be450625ce16fe4aa15',
      'IDX_c170f92ae4157b3f30b0abd1b2',
      'PK_0041c5d5b2eebef4f8881ffa3f4',
      'PK_cb0f885278d12384eb7a81818be',
      'PK_e4b580ffa27d61ca3ea99c37934',
      'REL_863548925d4aacad278fd4f1a8',
    ]);
  });
});

describe.skipIf(missing !== undefined)('TypeORM under --replay-cmd', () => {
  test('TypeORM runs the migrations; the classes still give every cause its .ts file:line', async () => {
    const live = await createTestDatabase();
    databases.push(live);
    await runShell('DB_SYNC=true npx tsx build-live.ts', FIXTURE, { DATABASE_URL: clientUrl(live.target) });
    const sources = ['--app-source', 'fixtures/typeorm-synchronize/app', '--app-source', 'fixtures/typeorm-synchronize/migrations'];
    const replayed = await runCli([
      'check',
      '--url',
      live.url,
      '--replay-cmd',
      'cd fixtures/typeorm-synchronize && npx tsx run-migrations.ts',
      ...sources,
      '--format',
      'json',
    ]);
    expect(replayed.code).toBe(1);
    const expected = JSON.parse(await readFile(join(FIXTURE, 'expected.json'), 'utf8')) as { findings: unknown[] };
    expect((JSON.parse(replayed.stdout) as { findings: unknown[] }).findings).toEqual(expected.findings);
  });
});

describe('TypeORM migration classes', () => {
  test('history flags two migration classes with one timestamp', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pgparity-typeorm-'));
    try {
      const cls = (name: string): string => `export class ${name}1700000000000 implements MigrationInterface {\n  async up(queryRunner: QueryRunner) {}\n}\n`;
      await writeFile(join(dir, '1700000000000-AddUsers.ts'), cls('AddUsers'));
      await writeFile(join(dir, '1700000000000-AddOrders.ts'), cls('AddOrders'));
      const live = await createTestDatabase();
      databases.push(live);
      await live.exec(`CREATE TABLE migrations (id serial PRIMARY KEY, "timestamp" bigint NOT NULL, name varchar NOT NULL);
        INSERT INTO migrations ("timestamp", name) VALUES (1700000000000, 'AddUsers1700000000000')`);
      const result = await runCli(['history', '--url', live.url, '--migrations', dir, '--format', 'json']);
      const report = JSON.parse(result.stdout) as { findings: { problem: string; severity: string; file?: string }[] };
      expect(report.findings.filter((f) => f.problem === 'duplicate_version').map((f) => [f.severity, f.file?.replace(`${dir}/`, '')])).toEqual([
        ['error', '1700000000000-AddUsers.ts'],
      ]);
      expect(result.code).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('are replayed from their queryRunner.query() SQL, each statement at its own line of the .ts file', async () => {
    const migrations = await discoverMigrations(join(FIXTURE, 'migrations'));
    expect(migrations.map((m) => m.id)).toEqual(['1700000000000-Init', '1700000000001-Kegs']);
    const lines = migrations[1]!.sql.split('\n');
    const source = (await readFile(join(FIXTURE, 'migrations/1700000000001-Kegs.ts'), 'utf8')).split('\n');
    expect(lines).toHaveLength(source.length);
    expect(lines[7]!.trim()).toBe('ALTER TABLE "taps" ADD "kegId" integer;');
    expect(source[7]).toContain('ALTER TABLE "taps" ADD "kegId" integer');
    expect(lines.filter((l) => /\S/.test(l)).map((l) => l.trim())).toEqual([
      'CREATE TABLE "keg" ("id" SERIAL NOT NULL, "volume_ml" integer NOT NULL, CONSTRAINT "PK_e4b580ffa27d61ca3ea99c37934" PRIMARY KEY ("id"));',
      'ALTER TABLE "taps" ADD "kegId" integer;',
      'ALTER TABLE "taps" ADD CONSTRAINT "REL_863548925d4aacad278fd4f1a8" UNIQUE ("kegId");',
    ]);
  });

  test('SQL built at run time is refused with the way out: replay with TypeORM itself', async () => {
    const live = await createTestDatabase();
    databases.push(live);
    const result = await runCli(['check', '--url', live.url, '--migrations', 'test/schemas/typeorm-dynamic']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'pgparity: test/schemas/typeorm-dynamic/1700000000000-Dynamic.ts:7 builds its SQL with ${table}: replay with TypeORM itself, --replay-cmd "npx typeorm migration:run -d <data-source>"\n',
    );
  });
});
