/**
 * Target 5: `pgparity rehearse` of a history of N migration pairs against a plain replay of the
 * same ups (`pgparity snapshot DIR --no-cache`: server start, replay, one read), each in a fresh
 * process on its own embedded server, interleaved. Rehearsing applies each up twice and its
 * down once and reads three snapshots per migration: the ratio says what that costs.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SectionResult } from './introspection.js';
import { child } from './replay.js';
import { header, ratio, row, seconds, stats } from './stats.js';

export interface RehearseInput {
  readonly pairs: number;
  readonly runs: number;
  readonly dir: string;
  readonly major: number | undefined;
}

/**
 * Pair `i`: mostly a new table (identity key, a foreign key to the previous table, a CHECK, an
 * index) dropped by its down; every third pair alters the previous table instead (a column, an
 * index, a NOT NULL default), which its down takes back.
 */
export async function writePairs(dir: string, pairs: number): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  let table = 0;
  const writes: Promise<void>[] = [];
  for (let i = 1; i <= pairs; i++) {
    const name = join(dir, `${String(i).padStart(5, '0')}_step`);
    let up: string;
    let down: string;
    if (i % 3 === 0 && table > 0) {
      up = `alter table r${table} add column note_${i} text not null default '';\ncreate index r${table}_note_${i}_idx on r${table} (note_${i});\n`;
      down = `drop index r${table}_note_${i}_idx;\nalter table r${table} drop column note_${i};\n`;
    } else {
      table++;
      const parent = table > 1 ? `,\n  parent_id bigint references r${table - 1} (id) on delete cascade` : '';
      up = `create table r${table} (\n  id bigint generated always as identity primary key,\n  name text not null,\n  amount numeric(12, 2) not null default 0 check (amount >= 0),\n  created_at timestamptz not null default now()${parent}\n);\ncreate index r${table}_created_idx on r${table} (created_at);\n`;
      down = `drop table r${table};\n`;
    }
    writes.push(writeFile(`${name}.up.sql`, up), writeFile(`${name}.down.sql`, down));
  }
  await Promise.all(writes);
}

interface Run {
  readonly ms: number;
}

export async function benchRehearse(input: RehearseInput): Promise<SectionResult> {
  await writePairs(input.dir, input.pairs);
  const env = { BENCH_MIGRATIONS: input.dir, ...(input.major === undefined ? {} : { BENCH_MAJOR: String(input.major) }) };
  const replayMs: number[] = [];
  const rehearseMs: number[] = [];
  let statuses: unknown;
  for (let i = 0; i < input.runs; i++) {
    replayMs.push((await child<Run>('./load-once.ts', { ...env, BENCH_CACHE: '0' })).ms);
    const rehearsed = await child<Run & { statuses: unknown }>('./rehearse-once.ts', env);
    rehearseMs.push(rehearsed.ms);
    statuses = rehearsed.statuses;
  }
  const replay = stats(replayMs);
  const rehearsal = stats(rehearseMs);
  const perMigration = rehearsal.median / input.pairs;
  const cost = rehearsal.median / replay.median;
  const lines = [
    `Rehearse (target: ${input.pairs} pairs well under a minute) — ${input.pairs} migration pairs, ${input.runs} runs, interleaved`,
    header(),
    row('pgparity rehearse (server start, up + down + up again, 3 reads per migration)', rehearsal),
    row('plain replay of the same ups (server start, replay, one read; --no-cache)', replay),
    `  rehearse: ${seconds(perMigration)} per migration; ${ratio(cost)} the plain replay (median over median); outcome ${JSON.stringify(statuses)}`,
  ];
  return {
    lines,
    json: { pairs: input.pairs, runs: input.runs, rehearseMs: rehearsal, replayMs: replay, perMigrationMs: perMigration, ratio: cost, statuses },
  };
}
