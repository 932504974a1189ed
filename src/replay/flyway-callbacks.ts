import type { Candidate } from './discover.js';

/**
 * Flyway callback scripts: SQL files named after an event (`afterMigrate.sql`,
 * `beforeValidate__fix_checksums.sql`) that sit beside the migrations and run when the event
 * happens, not as migrations. A migrate runs `beforeMigrate` first, `afterVersioned` after the
 * versioned migrations, `beforeRepeatables` before the repeatable ones and `afterMigrate` /
 * `afterMigrateApplied` last; the others belong to other commands (validate, clean, info,
 * baseline, repair, undo), to errors, or to each statement or migration, and are not replayed.
 */
const EVENT = /^(before|after)[A-Z]\w*?(?=__|$)|^createSchema(?=__|$)/;

/** Where a callback runs in a replay of `migrate`; undefined for the ones a replay leaves out. */
const PLACE: Readonly<Record<string, 'first' | 'afterVersioned' | 'beforeRepeatables' | 'last'>> = {
  beforeMigrate: 'first',
  afterVersioned: 'afterVersioned',
  beforeRepeatables: 'beforeRepeatables',
  afterMigrate: 'last',
  afterMigrateApplied: 'last',
};

/** A Flyway history: versioned (`V1__x.sql`) or repeatable (`R__x.sql`) migrations by Flyway's naming. */
function isFlyway(candidates: readonly Candidate[]): boolean {
  return candidates.some((c) => /^(V\d[\d._]*|R)__/.test(c.id));
}

/** The event a Flyway callback file is for, when `id` (its name without `.sql`) names one. */
export function flywayCallbackEvent(id: string): string | undefined {
  return EVENT.exec(id)?.[0];
}

/**
 * The candidates of a Flyway history in the order `flyway migrate` runs them, callbacks included
 * where migrate runs them; any other history as it is. `candidates` are in replay order already.
 */
export function withFlywayCallbacks(candidates: readonly Candidate[]): Candidate[] {
  if (!isFlyway(candidates)) return [...candidates];
  const at = (place: string): Candidate[] => candidates.filter((c) => PLACE[flywayCallbackEvent(c.id) ?? ''] === place);
  const migrations = candidates.filter((c) => flywayCallbackEvent(c.id) === undefined);
  const versioned = migrations.filter((c) => !c.id.startsWith('R__'));
  const repeatable = migrations.filter((c) => c.id.startsWith('R__'));
  return [...at('first'), ...versioned, ...at('afterVersioned'), ...at('beforeRepeatables'), ...repeatable, ...at('last')];
}
