import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { discoverMigrationPairs } from './pairs.js';

let dir: string;
beforeEach(async () => void (dir = await mkdtemp(join(tmpdir(), 'pgparity-pairs-'))));
afterEach(() => rm(dir, { recursive: true, force: true }));

async function files(contents: Record<string, string>): Promise<void> {
  for (const [name, sql] of Object.entries(contents)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), sql);
  }
}

test('every layout with its down, in replay order; --from by version', async () => {
  await files({
    '1_a.up.sql': 'up a',
    '1_a.DOWN.sql': 'down a',
    '2_b/up.sql': 'up b',
    '2_b/down.sql': 'down b',
    '3_c.sql': '-- migrate:up\nup c\n-- migrate:down\ndown c\n',
    '4_d.sql': 'up d',
  });
  const { pairs, firstRehearsed } = await discoverMigrationPairs(dir, { from: '2' });
  expect(firstRehearsed).toBe(1);
  expect(pairs.map((p) => [p.up.id, p.up.sql.trim(), p.down?.sql.trim()])).toEqual([
    ['1_a', 'up a', 'down a'],
    ['2_b', 'up b', 'down b'],
    ['3_c', 'up c', 'down c'],
    ['4_d', 'up d', undefined],
  ]);
  expect(pairs[0]!.down!.file).toBe(join(dir, '1_a.DOWN.sql'));
});

test('Flyway: U<version>__ undoes V<version>__', async () => {
  await files({ 'V1__init.sql': 'up', 'U1__init.sql': 'undo', 'V2__more.sql': 'up 2' });
  const { pairs } = await discoverMigrationPairs(dir);
  expect(pairs.map((p) => [p.up.id, p.down?.sql])).toEqual([
    ['V1__init', 'undo'],
    ['V2__more', undefined],
  ]);
});

test('Diesel: dashed versions (2017-08-31-230457_x) sort by their digits among undashed ones', async () => {
  await files({
    '2017-08-31-230457_invitations/up.sql': '',
    '2017-08-31-230457_invitations/down.sql': '',
    '20140924113530_dumped/up.sql': '',
    '20140924113530_dumped/down.sql': '',
    '00000000000000_diesel_initial_setup/up.sql': '',
    '00000000000000_diesel_initial_setup/down.sql': '',
    '2019-01-01-000000_later/up.sql': '',
    '2019-01-01-000000_later/down.sql': '',
  });
  const { pairs } = await discoverMigrationPairs(dir);
  expect(pairs.map((p) => p.up.id)).toEqual([
    '00000000000000_diesel_initial_setup',
    '20140924113530_dumped',
    '2017-08-31-230457_invitations',
    '2019-01-01-000000_later',
  ]);
});
