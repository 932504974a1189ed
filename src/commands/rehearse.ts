import { replaySchemasFor, type ReplaySchemas } from '../replay/search-path.js';
import { existsSync } from 'node:fs';
import { ConfigError, ReplayError } from '../model/errors.js';
import { SEVERITY_RANK, type Severity } from '../model/finding.js';
import type { Snapshot } from '../model/snapshot.js';
import {
  REHEARSAL_STATUSES,
  type MigrationRehearsal,
  type Rehearsal,
  type RehearsalFinding,
  type RehearsalPhase,
  type RehearsalSummary,
  type ResetRehearsal,
  type StepFailure,
} from '../model/rehearsal.js';
import { discoverMigrationPairs } from '../replay/pairs.js';
import { objectKey } from '../model/keys.js';
import { startScratchServer, type ScratchServer, type ScratchSpec } from '../scratch/index.js';
import { acceptedDataLoss, findDataLoss, type DataLoss } from '../ddl/irreversible.js';
import { compareStates, rehearsalFinding, type StateComparison } from './rehearse-compare.js';
import { parseObjectPatterns } from '../compare/exclude.js';
import { syntheticRows } from './rehearse-data.js';
import { irreversibleStatements } from './rehearse-loss.js';
import { failureOf, ScratchRunner, type RehearsalStep } from './rehearse-runner.js';

export interface RehearseSettings extends StateComparison {
  /** A directory of migrations with their downs (or one dbmate / goose file) … */
  readonly migrations?: string;
  /** … or the framework's commands that apply the next migration and revert the last one, `steps` times. */
  readonly upCommand?: string;
  readonly downCommand?: string;
  readonly steps?: number;
  /** Where the commands run. */
  readonly cwd: string;
  /** Rehearse from this migration on; the ones before it are applied once. */
  readonly from?: string;
  /** Also every down from the newest to `from`, then every up again (the seed-002 reset). */
  readonly full?: boolean;
  /** Rows of synthetic data in each table the up created or altered, before its down. */
  readonly withData?: number;
  /** A migration without a down does not count against the verdict (forward-only histories). */
  readonly allowNoDown?: boolean;
  /** Lowest severity of a residue finding that counts against the verdict (default: error). */
  readonly failOn?: Severity;
  readonly scratch: ScratchSpec;
  /** `--search-path`: the schemas the migrations run in, over what Flyway's settings say. */
  readonly searchPath?: ReplaySchemas;
  readonly progress?: (message: string) => void;
}

interface Plan {
  readonly steps: readonly RehearsalStep[];
  readonly first: number;
  readonly source: string;
  /** Per step: the up's data-loss statements and its reversible-by-design marker; absent for commands. */
  readonly losses: readonly (DataLoss[] | undefined)[];
  readonly accepted: readonly (string | undefined)[];
}

/**
 * Rehearse every migration's down on one scratch database: up, down (compared with the schema
 * before the up), up again (compared with the first up). Throws ReplayError when an up fails the
 * first time (the history itself is broken); a failing down or second up is a result.
 */
export async function rehearse(settings: RehearseSettings): Promise<Rehearsal> {
  const plan = await planRehearsal(settings);
  // Checked before any server starts: a wrong pattern fails at once.
  parseObjectPatterns(settings.excludeObjects ?? []);
  const sqlSteps = plan.steps.flatMap((s) => (s.up.type === 'sql' ? [s.up.migration] : []));
  const schemas = settings.migrations ? await replaySchemasFor(settings.migrations, sqlSteps, settings.searchPath) : undefined;
  settings.progress?.('starting the scratch PostgreSQL');
  const server = await startScratchServer(settings.scratch);
  try {
    const runner = await ScratchRunner.open(server, plan.steps, schemas, {
      source: plan.source,
      ...(settings.schemas ? { schemas: settings.schemas } : {}),
      ...(settings.excludeSchemas ? { excludeSchemas: settings.excludeSchemas } : {}),
      ...(settings.include ? { include: settings.include } : {}),
    });
    try {
      return await run(plan, runner, server, settings);
    } finally {
      await runner.close();
    }
  } finally {
    await server.close();
  }
}

async function planRehearsal(settings: RehearseSettings): Promise<Plan> {
  const commands = settings.upCommand !== undefined || settings.downCommand !== undefined;
  if (commands && settings.migrations) throw new ConfigError('give either --migrations or --up-cmd with --down-cmd, not both');
  if (commands) {
    if (!settings.upCommand || !settings.downCommand)
      throw new ConfigError('--up-cmd and --down-cmd go together: the command that applies the next migration and the one that reverts the last');
    if (settings.steps === undefined || !Number.isInteger(settings.steps) || settings.steps < 1) {
      throw new ConfigError('--up-cmd needs --steps N: how many migrations the history has (e.g. the number of revisions alembic history lists)');
    }
    if (settings.withData !== undefined)
      throw new ConfigError('--with-data works with --migrations only: the rows are rolled back with the down, which a command runs in its own session');
    const up = { type: 'command', command: settings.upCommand, cwd: settings.cwd } as const;
    const down = { type: 'command', command: settings.downCommand, cwd: settings.cwd } as const;
    const steps = Array.from({ length: settings.steps }, (_, i): RehearsalStep => ({ id: `step ${i + 1}`, up, down }));
    const first = settings.from === undefined ? 0 : stepNumber(settings.from, settings.steps) - 1;
    return {
      steps,
      first,
      source: `commands:${settings.upCommand} / ${settings.downCommand}`,
      losses: steps.map(() => undefined),
      accepted: steps.map(() => undefined),
    };
  }
  if (!settings.migrations)
    throw new ConfigError('nothing to rehearse: pass --migrations DIR (files with their downs) or --up-cmd CMD --down-cmd CMD --steps N');
  if (!existsSync(settings.migrations)) throw new ConfigError(`migrations directory ${settings.migrations} does not exist: check --migrations`);
  if (settings.withData !== undefined && (!Number.isInteger(settings.withData) || settings.withData < 1)) {
    throw new ConfigError(`--with-data must be a whole number of rows ≥ 1, got ${settings.withData}`);
  }
  const { pairs, firstRehearsed } = await discoverMigrationPairs(settings.migrations, settings.from !== undefined ? { from: settings.from } : {});
  const steps = pairs.map(
    (p): RehearsalStep => ({
      id: p.up.id,
      file: p.up.file,
      ...(p.down ? { downFile: p.down.file, down: { type: 'sql', migration: p.down } } : {}),
      up: { type: 'sql', migration: p.up },
    }),
  );
  const rehearsed = pairs.slice(firstRehearsed);
  const losses = [...pairs.slice(0, firstRehearsed).map(() => undefined), ...(await Promise.all(rehearsed.map((p) => findDataLoss(p.up.sql))))];
  return { steps, first: firstRehearsed, source: `migrations:${settings.migrations}`, losses, accepted: pairs.map((p) => acceptedDataLoss(p.up.sql)) };
}

function stepNumber(from: string, steps: number): number {
  const n = Number(from.replace(/^step\s*/i, ''));
  if (!Number.isInteger(n) || n < 1 || n > steps) throw new ConfigError(`--from "${from}": with --up-cmd, give a step number from 1 to ${steps}`);
  return n;
}

async function run(plan: Plan, runner: ScratchRunner, server: ScratchServer, settings: RehearseSettings): Promise<Rehearsal> {
  const { steps, first } = plan;
  const compare = async (wanted: Snapshot, found: Snapshot, phase: RehearsalPhase): Promise<RehearsalFinding[]> =>
    (await compareStates(wanted, found, settings)).map((f) => rehearsalFinding(f, phase));
  if (first > 0) {
    settings.progress?.(`applying ${first} migration${first === 1 ? '' : 's'} before ${steps[first]?.id ?? 'the end'}`);
    await runner.up(0, first);
  }
  const start = settings.full ? await runner.snapshot() : undefined;
  const results: Unjudged[] = [];
  // The schema before the next up, when known: read lazily, a migration without a down needs none.
  let before: Snapshot | undefined = start;
  for (let i = first; i < steps.length; i++) {
    const step = steps[i]!;
    settings.progress?.(`rehearsing ${step.id} (${i + 1 - first}/${steps.length - first})`);
    const identity = { id: step.id, ...(step.file ? { file: step.file } : {}), ...(step.downFile ? { downFile: step.downFile } : {}) };
    const losses = plan.losses[i] ?? [];
    if (!step.down) {
      await runner.up(i);
      before = undefined;
      results.push(outcome(identity, [], irreversibleStatements(step.file ?? step.id, losses), plan.accepted[i], { none: true }));
      continue;
    }
    before ??= await runner.snapshot();
    await runner.up(i);
    const after = await runner.snapshot();
    const lossStatements = irreversibleStatements(step.file ?? step.id, losses, before, after);
    let data: string[] | undefined;
    let failure: StepFailure | undefined;
    if (settings.withData !== undefined && step.down.type === 'sql') {
      const fills = syntheticRows(after, changedTables(await compareStates(before, after, settings)), settings.withData);
      ({ notes: data, failure } = await runner.downWithData(step.down.migration, fills, settings.withData));
    }
    const extra = { ...(data ? { data } : {}) };
    if (failure) {
      results.push(outcome(identity, [], lossStatements, plan.accepted[i], { down: failure }, extra));
      before = after;
      continue;
    }
    try {
      await runner.down(i);
    } catch (error) {
      results.push(outcome(identity, [], lossStatements, plan.accepted[i], { down: stepFailure(error) }, extra));
      // A down in one transaction rolled back to the first up's schema; anything else starts over.
      if ((await compareStates(after, await runner.snapshot(), settings)).length > 0) await runner.restart(i + 1);
      before = after;
      continue;
    }
    const downFindings = await compare(before, await runner.snapshot(), 'down');
    try {
      await runner.up(i);
    } catch (error) {
      results.push(outcome(identity, downFindings, lossStatements, plan.accepted[i], { reup: stepFailure(error) }, extra));
      await runner.restart(i + 1);
      before = after;
      continue;
    }
    const again = await runner.snapshot();
    const reupFindings = await compare(after, again, 'reup');
    results.push(outcome(identity, [...downFindings, ...reupFindings], lossStatements, plan.accepted[i], {}, extra));
    before = again;
    if (reupFindings.length > 0) {
      // The next migrations must start from what the history makes, not from this rehearsal's leftovers.
      await runner.restart(i + 1);
      before = after;
    }
  }
  const full = settings.full ? await reset(plan, runner, start!, before, settings, compare) : undefined;
  return summarize(plan, results, full, settings, { source: plan.source, serverVersion: server.serverVersion, provider: server.provider });
}

/** `--full`: every down from the newest to the first rehearsed, compared with the start; then every up again. */
async function reset(
  plan: Plan,
  runner: ScratchRunner,
  start: Snapshot,
  top: Snapshot | undefined,
  settings: RehearseSettings,
  compare: (wanted: Snapshot, found: Snapshot, phase: RehearsalPhase) => Promise<RehearsalFinding[]>,
): Promise<UnjudgedReset> {
  const { steps, first } = plan;
  const missing = steps.slice(first).find((s) => !s.down);
  if (missing) return { status: 'no_down', findings: [], migration: missing.id };
  const newest = top ?? (await runner.snapshot());
  for (let i = steps.length - 1; i >= first; i--) {
    settings.progress?.(`reset: down ${steps[i]!.id}`);
    try {
      await runner.down(i);
    } catch (error) {
      return { status: 'down_fails', findings: [], migration: steps[i]!.id, failure: stepFailure(error) };
    }
  }
  const resetFindings = await compare(start, await runner.snapshot(), 'reset');
  for (let i = first; i < steps.length; i++) {
    settings.progress?.(`reset: up ${steps[i]!.id} again`);
    try {
      await runner.up(i);
    } catch (error) {
      return { status: 'reup_fails', findings: resetFindings, migration: steps[i]!.id, failure: stepFailure(error) };
    }
  }
  const findings = [...resetFindings, ...(await compare(newest, await runner.snapshot(), 'replay'))];
  return { status: findings.length > 0 ? 'residue' : 'reversible', findings };
}

/** Tables the up created or changed (a column, constraint, index … of theirs), as keys. */
function changedTables(
  findings: readonly { readonly kind: string; readonly object: { readonly schema: string; readonly name: string; readonly table?: string } }[],
): string[] {
  const tables = findings.flatMap((f) =>
    f.object.table !== undefined ? [objectKey(f.object.schema, f.object.table)] : f.kind === 'table' ? [objectKey(f.object.schema, f.object.name)] : [],
  );
  return [...new Set(tables)];
}

function stepFailure(error: unknown): StepFailure {
  if (error instanceof ReplayError) return failureOf(error);
  throw error;
}

type Unjudged = Omit<MigrationRehearsal, 'fails'>;
type UnjudgedReset = Omit<ResetRehearsal, 'fails'>;

function outcome(
  identity: Pick<MigrationRehearsal, 'id' | 'file' | 'downFile'>,
  findings: RehearsalFinding[],
  irreversible: MigrationRehearsal['irreversibleStatements'],
  accepted: string | undefined,
  failed: { readonly none?: true; readonly down?: StepFailure; readonly reup?: StepFailure } = {},
  extra: Pick<MigrationRehearsal, 'data'> = {},
): Unjudged {
  const status = failed.none
    ? 'no_down'
    : failed.down
      ? 'down_fails'
      : failed.reup
        ? 'reup_fails'
        : findings.length > 0
          ? 'residue'
          : irreversible.length > 0
            ? 'irreversible'
            : 'reversible';
  const failure = failed.down ?? failed.reup;
  return {
    ...identity,
    status,
    findings,
    irreversibleStatements: irreversible,
    ...(failure ? { failure } : {}),
    ...(accepted !== undefined && irreversible.length > 0 ? { accepted } : {}),
    ...extra,
  };
}

/** Whether a migration's outcome counts against the verdict. */
function countsAgainst(m: Unjudged, settings: Pick<RehearseSettings, 'allowNoDown' | 'failOn'>): boolean {
  switch (m.status) {
    case 'reversible':
      return false;
    case 'no_down':
      return !settings.allowNoDown;
    case 'irreversible':
      return m.accepted === undefined;
    case 'residue':
      return m.findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[settings.failOn ?? 'error']);
    case 'down_fails':
    case 'reup_fails':
      return true;
  }
}

function summarize(plan: Plan, migrations: Unjudged[], full: UnjudgedReset | undefined, settings: RehearseSettings, source: Rehearsal['source']): Rehearsal {
  const unparsed = plan.steps.filter((s, i) => i >= plan.first && s.up.type === 'sql' && plan.losses[i] === undefined);
  const warnings = unparsed.map((s) => `${s.file ?? s.id}: the bundled parser cannot read it, so its statements were not checked for data loss`);
  const summary = Object.fromEntries(REHEARSAL_STATUSES.map((s) => [s, migrations.filter((m) => m.status === s).length])) as RehearsalSummary;
  const judged = migrations.map((m) => ({ ...m, fails: countsAgainst(m, settings) }));
  const judgedFull = full && { ...full, fails: full.status !== 'reversible' && !(full.status === 'no_down' && settings.allowNoDown) };
  const failing = judged.some((m) => m.fails) || judgedFull?.fails === true;
  return { verdict: failing ? 'not_reversible' : 'reversible', source, migrations: judged, summary, ...(judgedFull ? { full: judgedFull } : {}), warnings };
}
