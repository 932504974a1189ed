import { prepareReplaySchemas, type ReplaySchemas } from '../replay/search-path.js';
import type pg from 'pg';
import { IncrementalCatalog } from '../catalog/incremental.js';
import { connect } from '../db/connect.js';
import type { AccessDetail } from '../model/objects.js';
import type { Snapshot } from '../model/snapshot.js';
import type { StepFailure } from '../model/rehearsal.js';
import type { ReplayError } from '../model/errors.js';
import { applyMigrations, connectForReplay, createToolPrelude, runReplayCommand, type Migration } from '../replay/index.js';
import { errorIndex, isServerError, replayFailure } from '../replay/failure.js';
import type { ScratchDatabase, ScratchServer } from '../scratch/index.js';
import { SqlParseError, splitStatements } from '../ddl/statements.js';
import type { TableFill } from './rehearse-data.js';

/** How a migration's two directions run: its files, or the framework's commands. */
export type Direction = { readonly type: 'sql'; readonly migration: Migration } | { readonly type: 'command'; readonly command: string; readonly cwd: string };

export interface RehearsalStep {
  readonly id: string;
  readonly file?: string;
  readonly downFile?: string;
  readonly up: Direction;
  readonly down?: Direction;
}

export interface ReadSettings {
  readonly source: string;
  readonly schemas?: readonly string[];
  readonly excludeSchemas?: readonly string[];
  readonly include?: readonly AccessDetail[];
}

/** The scratch limits: the database is ours, nothing is too slow to wait for. */
const SCRATCH_LIMITS = { statementTimeoutMs: 0, lockTimeoutMs: 0, connectTimeoutMs: 10_000 };

/**
 * One scratch database and two sessions on it: one applies the migrations (with the session
 * reset before each file, as a replay does), the other reads the catalog and rehearses data.
 */
export class ScratchRunner {
  private catalog: IncrementalCatalog | undefined;

  private constructor(
    private readonly server: ScratchServer,
    private readonly steps: readonly RehearsalStep[],
    private readonly read: ReadSettings,
    private readonly schemas: ReplaySchemas | undefined,
    private db: ScratchDatabase,
    private applier: pg.Client,
    private reader: pg.Client,
  ) {}

  static async open(server: ScratchServer, steps: readonly RehearsalStep[], schemas: ReplaySchemas | undefined, read: ReadSettings): Promise<ScratchRunner> {
    const db = await server.createDatabase();
    const [applier, reader] = await ScratchRunner.sessions(db, schemas);
    // As the replay of `check` does: the history table the tool creates first, when a migration uses it.
    await createToolPrelude(
      applier,
      steps.flatMap((s) => (s.up.type === 'sql' ? [s.up.migration] : [])),
    );
    return new ScratchRunner(server, steps, read, schemas, db, applier, reader);
  }

  private static async sessions(db: ScratchDatabase, schemas: ReplaySchemas | undefined): Promise<[pg.Client, pg.Client]> {
    // Before the sessions open, so that they start with (and each reset returns to) the search path.
    if (schemas) await prepareReplaySchemas(db.target, schemas);
    const applier = await connectForReplay(db.target);
    try {
      const reader = await connect(db.target, { readOnly: false, limits: SCRATCH_LIMITS, applicationName: 'pgparity rehearse' });
      // The reader sends the same prepared catalog queries hundreds of times: plan them once, not
      // per execution (with parameters the server would plan each of the first ones again).
      await reader.query("select set_config('plan_cache_mode', 'force_generic_plan', false)");
      return [applier, reader];
    } catch (error) {
      await applier.end().catch(() => undefined);
      throw error;
    }
  }

  /** Apply the ups of steps `from` to `to` (exclusive), in order. */
  async up(from: number, to = from + 1): Promise<void> {
    const steps = this.steps.slice(from, to);
    if (steps.every((s) => s.up.type === 'sql')) {
      const migrations = steps.map((s) => (s.up as Extract<Direction, { type: 'sql' }>).migration);
      return applyMigrations(this.applier, migrations, this.db.target.password, { sessionUsed: true });
    }
    for (const step of steps) await this.run(step.up);
  }

  async down(index: number): Promise<void> {
    const down = this.steps[index]?.down;
    if (down) await this.run(down);
  }

  private async run(direction: Direction): Promise<void> {
    if (direction.type === 'sql') return applyMigrations(this.applier, [direction.migration], this.db.target.password, { sessionUsed: true });
    await runReplayCommand(direction.command, this.db, { cwd: direction.cwd });
  }

  /** The schema now: after the first read, only the relations that changed are read again. */
  snapshot(): Promise<Snapshot> {
    this.catalog ??= new IncrementalCatalog(this.reader, {
      source: this.read.source,
      prepared: true,
      ...(this.read.schemas ? { schemas: this.read.schemas } : {}),
      ...(this.read.excludeSchemas ? { excludeSchemas: this.read.excludeSchemas } : {}),
      ...(this.read.include?.length ? { include: this.read.include } : {}),
    });
    return this.catalog.read();
  }

  /** A fresh database with the ups of the first `count` steps: where to go on after a failed down or up. */
  async restart(count: number): Promise<void> {
    await this.endSessions();
    this.db = await this.server.createDatabase();
    [this.applier, this.reader] = await ScratchRunner.sessions(this.db, this.schemas);
    this.catalog = undefined;
    await this.up(0, count);
  }

  /**
   * Fill `fills` with synthetic rows and run the down of `down` on them, in one transaction that
   * is always rolled back: only whether the down fails on non-empty tables is kept. Returns the
   * notes (rows inserted, tables skipped) and the failure, if the down failed.
   */
  async downWithData(down: Migration, fills: readonly TableFill[], rows: number): Promise<{ notes: string[]; failure?: StepFailure }> {
    const statements = await splitStatements(down.sql).catch((error: unknown) => {
      if (error instanceof SqlParseError) return undefined;
      throw error;
    });
    if (!statements) return { notes: ['data rehearsal skipped: the down does not parse'] };
    if (statements.some((s) => s.transactionControl || s.forbiddenInTransaction)) {
      return { notes: ['data rehearsal skipped: the down controls its own transactions or runs CONCURRENTLY'] };
    }
    const client = this.reader;
    const notes: string[] = [];
    const filled: string[] = [];
    await client.query('begin');
    try {
      for (const fill of fills) {
        if ('skipped' in fill) {
          notes.push(`${fill.table}: no rows (${fill.skipped})`);
          continue;
        }
        await client.query('savepoint fill');
        try {
          await client.query(fill.insert);
          filled.push(fill.table);
        } catch (error) {
          await client.query('rollback to savepoint fill');
          notes.push(`${fill.table}: no rows (${oneLine(error instanceof Error ? error.message : String(error))})`);
        }
      }
      if (filled.length > 0) notes.unshift(`${rows} synthetic row${rows === 1 ? '' : 's'} in ${filled.join(', ')}`);
      await client.query('savepoint filled');
      try {
        await client.query(down.sql);
        return { notes };
      } catch (error) {
        if (!isServerError(error)) throw error;
        let index = errorIndex(error, down.sql, 0);
        // No position (`column "x" contains null values`): run statement by statement to find the one.
        for (const statement of index === undefined ? statements : []) {
          await client.query('rollback to savepoint filled');
          try {
            await client.query(statement.text);
          } catch (inner) {
            index = isServerError(inner) ? (errorIndex(inner, down.sql, statement.start) ?? statement.start) : undefined;
            break;
          }
        }
        const failure = replayFailure(down, error, index, this.db.target.password) as ReplayError;
        return { notes, failure: failureOf(failure, `with ${rows} synthetic row${rows === 1 ? '' : 's'} per table, `) };
      }
    } finally {
      await client.query('rollback').catch(() => undefined);
    }
  }

  private async endSessions(): Promise<void> {
    await Promise.all([this.applier.end().catch(() => undefined), this.reader.end().catch(() => undefined)]);
  }

  close(): Promise<void> {
    return this.endSessions();
  }
}

/** A failed down or second up, as the report keeps it. */
export function failureOf(error: ReplayError, prefix = ''): StepFailure {
  return { message: prefix + error.message, ...(error.position ? { position: error.position } : {}), ...(error.excerpt ? { excerpt: error.excerpt } : {}) };
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
