import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ConfigError } from '../model/errors.js';
import { discoverMigrations } from './discover.js';
import { compareMigrationNames } from './order.js';

let dir: string;
beforeEach(async () => void (dir = await mkdtemp(join(tmpdir(), 'pgparity-discover-'))));
afterEach(() => rm(dir, { recursive: true, force: true }));

async function files(names: readonly string[]): Promise<void> {
  for (const name of names) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), `-- ${name}\n`);
  }
}

async function ids(options: { until?: string } = {}): Promise<string[]> {
  return (await discoverMigrations(dir, options)).map((m) => m.id);
}

describe('order', () => {
  test('compares digit runs as numbers', async () => {
    await files(['10_ten.sql', '2_two.sql', '1_one.sql', '02_b.sql', '100_hundred.sql', '20240101120000_x.sql', '9_nine.sql']);
    expect(await ids()).toEqual(['1_one', '02_b', '2_two', '9_nine', '10_ten', '100_hundred', '20240101120000_x']);
  });

  test('orders Flyway versions numerically, repeatables last, undo scripts never', async () => {
    await files([
      'V10__ten.sql',
      'V2__two.sql',
      'V1_1__one_one.sql',
      'V1__one.sql',
      'V1.10__one_ten.sql',
      'V1.9__one_nine.sql',
      'R__views.sql',
      'U2__undo_two.sql',
    ]);
    expect(await ids()).toEqual(['V1__one', 'V1_1__one_one', 'V1.9__one_nine', 'V1.10__one_ten', 'V2__two', 'V10__ten', 'R__views']);
  });

  test('compares digits of any length and text by code point', () => {
    expect(compareMigrationNames('99999999999999999999_a', '100000000000000000000_a')).toBeLessThan(0);
    expect(compareMigrationNames('1_B', '1_a')).toBeLessThan(0);
    expect(compareMigrationNames('1_a', '1_a_b')).toBeLessThan(0);
  });
});

describe('layouts', () => {
  test('replays the up side of .up.sql / .down.sql pairs', async () => {
    await files([
      '002_users.up.sql',
      '002_users.down.sql',
      '001_init.up.sql',
      '001_init.down.sql',
      '003_x.rollback.sql',
      '003_x_down.sql',
      '003_x.sql',
      '._003_x.sql',
      'README.md',
      'notes.txt',
    ]);
    const migrations = await discoverMigrations(dir);
    expect(migrations.map((m) => m.id)).toEqual(['001_init', '002_users', '003_x']);
    expect(migrations[0]).toEqual({ id: '001_init', file: join(dir, '001_init.up.sql'), sql: '-- 001_init.up.sql\n' });
  });

  test('replays up.sql of per-migration directories, and Prisma migration.sql', async () => {
    await files([
      '10_orders/up.sql',
      '10_orders/down.sql',
      '9_users/up.sql',
      '9_users/down.sql',
      '20240101_init/migration.sql',
      'meta/_journal.json',
      'migration_lock.toml',
    ]);
    const migrations = await discoverMigrations(dir);
    expect(migrations.map((m) => [m.id, m.file])).toEqual([
      ['9_users', join(dir, '9_users/up.sql')],
      ['10_orders', join(dir, '10_orders/up.sql')],
      ['20240101_init', join(dir, '20240101_init/migration.sql')],
    ]);
  });

  test('a single .sql file is one migration', async () => {
    await writeFile(join(dir, 'schema.sql'), '\uFEFFcreate table a (x int);\ncreate table b (y int);\n');
    const migrations = await discoverMigrations(join(dir, 'schema.sql'));
    expect(migrations).toEqual([{ id: 'schema', file: join(dir, 'schema.sql'), sql: 'create table a (x int);\ncreate table b (y int);\n' }]);
  });

  test('an empty directory, a missing path and a non-SQL file are configuration errors', async () => {
    await files(['001_init.down.sql', 'notes.txt']);
    await expect(discoverMigrations(dir)).rejects.toThrow(
      new ConfigError(`no .sql migrations found in ${dir}: expected files like 001_init.sql, 001_init.up.sql or 001_init/up.sql`),
    );
    await expect(discoverMigrations(join(dir, 'x'))).rejects.toThrow(new ConfigError(`migrations directory ${join(dir, 'x')} does not exist`));
    await expect(discoverMigrations(join(dir, 'x.sql'))).rejects.toThrow(new ConfigError(`migration file ${join(dir, 'x.sql')} does not exist`));
    await expect(discoverMigrations(join(dir, 'notes.txt'))).rejects.toThrow(ConfigError);
  });

  test('a path inside the working directory is shown relative to it', async () => {
    await expect(discoverMigrations('./src/replay/missing.sql')).rejects.toThrow('migration file src/replay/missing.sql does not exist');
  });
});

describe('until', () => {
  beforeEach(() => files(['0001_init.sql', '0002_add_users.up.sql', '0002_add_users.down.sql', '0003_orders/up.sql', '0010_index.sql']));

  test.each([
    ['0002_add_users', ['0001_init', '0002_add_users']],
    ['0002_add_users.up.sql', ['0001_init', '0002_add_users']],
    ['0002_add_users.sql', ['0001_init', '0002_add_users']],
    ['2', ['0001_init', '0002_add_users']],
    ['0003', ['0001_init', '0002_add_users', '0003_orders']],
    ['0003_orders/up.sql', ['0001_init', '0002_add_users', '0003_orders']],
    ['10', ['0001_init', '0002_add_users', '0003_orders', '0010_index']],
  ])('until %s', async (until, expected) => {
    expect(await ids({ until })).toEqual(expected);
  });

  test('an unknown migration says how many there are and which', async () => {
    await expect(ids({ until: '0042_nope' })).rejects.toThrow(
      new ConfigError(
        `until "0042_nope" matches no migration in ${dir} (4 migrations: 0001_init … 0010_index): give a migration id, file name or version number`,
      ),
    );
  });

  test('Flyway versions match by number', async () => {
    await rm(dir, { recursive: true });
    await mkdir(dir);
    await files(['V1__one.sql', 'V1_1__one_one.sql', 'V2__two.sql']);
    expect(await ids({ until: '1' })).toEqual(['V1__one']);
    expect(await ids({ until: 'V1.1' })).toEqual(['V1__one', 'V1_1__one_one']);
  });
});
