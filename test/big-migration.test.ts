import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { runCli } from './support/cli.js';

/**
 * One file is one transaction, which holds a lock on every relation it creates. The scratch
 * server's lock room is lowered here (PGPARITY_SCRATCH_MAX_LOCKS=10, the least PostgreSQL takes: about 1,200 locks in all)
 * so that a file of 1,000 tables exceeds it as 50,000 exceed the default.
 */
const LOW = { PGPARITY_SCRATCH_MAX_LOCKS: '10' };
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pgparity-big-'));
});

describe('a migration that takes more locks than the scratch server has by default', () => {
  test('is replayed: the scratch server is given room for the relations the file creates', async () => {
    const file = join(dir, 'tables.sql');
    await writeFile(file, Array.from({ length: 1_000 }, (_, i) => `CREATE TABLE big_${i} (id int primary key, v text);\n`).join(''));
    const r = await runCli(['snapshot', file, '--quiet', '--no-cache'], { env: LOW });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const snapshot = JSON.parse(r.stdout) as { objects: { kind: string }[] };
    expect(snapshot.objects.filter((o) => o.kind === 'table')).toHaveLength(1_000);
  });

  test('when the count falls short (tables made in a loop), exit 3 says what to do', async () => {
    const file = join(dir, 'loop.sql');
    await writeFile(file, "do $$ begin for i in 1..1500 loop execute format('create table t%s (id int primary key, v text)', i); end loop; end $$;\n");
    const r = await runCli(['snapshot', file, '--quiet', '--no-cache'], { env: LOW });
    expect(r.stderr).toBe(
      `pgparity: the scratch server ran out of lock space replaying ${file}, which runs in one transaction (out of shared memory): split it into smaller files or transactions, or raise the scratch server's max_locks_per_transaction (embedded: PGPARITY_SCRATCH_MAX_LOCKS=N, sized from the migrations by default; a URL or docker scratch: its server setting)\n`,
    );
    expect(r.code).toBe(3);
  });
});
