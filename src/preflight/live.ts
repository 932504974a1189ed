import { readFile } from 'node:fs/promises';
import type pg from 'pg';
import { ConnectionError, PgparityError } from '../model/errors.js';
import type { RelationSize, Violation } from '../model/preflight.js';
import { quoteIdent } from '../history/read.js';
import type { LabelCount, LiveCheck, RelationRef } from './effects.js';
import { checkPlan, literal, qualified, rowExamplesQuery, uniqueExamplesQuery, type PlannedScan } from './scan-sql.js';

/** A table never analyzed (reltuples -1) is counted exactly up to this heap size; beyond, its row count is unknown. */
const COUNT_UNANALYZED_BYTES = 256 * 1024 * 1024;
const EXAMPLES = 5;

export interface LiveRelation {
  readonly ref: RelationRef;
  readonly exists: boolean;
  readonly kind: string | null;
  /** Rows: reltuples, or an exact count of a small never-analyzed table; null when unknown. */
  readonly rows: number | null;
  readonly bytes: number;
  readonly primaryKey: readonly string[] | null;
  readonly columns: readonly string[];
}

export interface LiveReadOptions {
  readonly maxScanRows: number;
  readonly examples: boolean;
  /** The live server's `server_version_num`: pg_input_is_valid exists from 160000. */
  readonly versionNum: number;
  /** For messages, without password. */
  readonly database: string;
}

/**
 * Reads on live for preflight, in the caller's REPEATABLE READ READ ONLY transaction: sizes of
 * relations, and per table one scan that counts the rows violating all its new constraints.
 * Each query runs under a savepoint, so an expression live cannot evaluate only leaves its own
 * check uncounted; a lock wait or a timeout ends the run (exit 3).
 */
export class LiveReader {
  private readonly relations = new Map<string, LiveRelation>();
  private query: Promise<string> | undefined;

  constructor(
    private readonly client: pg.Client,
    private readonly options: LiveReadOptions,
  ) {}

  async load(refs: readonly RelationRef[]): Promise<void> {
    const missing = [...new Map(refs.filter((r) => !this.relations.has(r.relation)).map((r) => [r.relation, r])).values()];
    if (missing.length === 0) return;
    this.query ??= readFile(new URL('./sql/live-relations.sql', import.meta.url), 'utf8');
    const sql = await this.query;
    const { rows } = await this.guard('reading the sizes of the relations the migrations touch', missing, () =>
      this.client.query<LiveRelationRow>(sql, [missing.map((r) => r.schema), missing.map((r) => r.name)]),
    );
    // Rows come back in any order: matched on schema and name.
    const byName = new Map(rows.map((row) => [`${row.schema}\u0000${row.name}`, row]));
    for (const ref of missing) {
      const row = byName.get(`${ref.schema}\u0000${ref.name}`)!;
      const exists = row.oid !== null;
      let count = exists && row.reltuples !== null && row.reltuples >= 0 ? Math.round(row.reltuples) : null;
      if (exists && count === null && (row.kind === 'r' || row.kind === 'm') && Number(row.heap_bytes) <= COUNT_UNANALYZED_BYTES) {
        const counted = await this.guard(`counting the rows of ${ref.relation}`, [ref], () =>
          this.client.query<{ n: string }>(`select count(*) as n from ${qualified(ref)}`),
        );
        count = Number(counted.rows[0]!.n);
      }
      this.relations.set(ref.relation, {
        ref,
        exists,
        kind: row.kind,
        rows: count,
        bytes: Number(row.bytes ?? 0),
        primaryKey: row.primary_key,
        columns: row.columns ?? [],
      });
    }
  }

  size(ref: RelationRef): RelationSize | undefined {
    const live = this.relations.get(ref.relation);
    return live?.exists ? { relation: ref.relation, rows: live.rows, bytes: live.bytes } : undefined;
  }

  /** Violations of `checks`, all on `table`: one scan for the row tests, one query per unique key. */
  async violations(table: RelationRef, checks: readonly LiveCheck[]): Promise<Map<LiveCheck, Violation>> {
    await this.load([table, ...checks.flatMap((c) => (c.test.type === 'foreign_key' ? [c.test.ref] : []))]);
    const live = this.relations.get(table.relation)!;
    const results = new Map<LiveCheck, Violation>();
    if (!live.exists) return results;
    const plan = checkPlan(table, checks, {
      columns: live.columns,
      rows: live.rows,
      maxScanRows: this.options.maxScanRows,
      inputIsValid: this.options.versionNum >= 160000,
      parentExists: (ref) => this.relations.get(ref.relation)?.exists === true,
    });
    for (const [check, note] of plan.unchecked) results.set(check, violation(check, null, false, null, note));
    for (const scan of plan.scans) {
      let counted = await this.counted(table, scan);
      // One expression live cannot evaluate must not leave the others uncounted.
      if (scan.checks.length > 1 && [...counted.values()].every((v) => v.rows === null)) {
        counted = new Map();
        for (const check of scan.checks) for (const [c, v] of await this.counted(table, plan.single(check))) counted.set(c, v);
      }
      for (const [check, value] of counted) results.set(check, value);
    }
    if (this.options.examples && live.primaryKey) {
      for (const scan of plan.scans) {
        const violated = scan.checks.filter((c) => (results.get(c)?.rows ?? 0) > 0);
        if (violated.length === 0) continue;
        const sql =
          violated[0]!.test.type === 'unique'
            ? uniqueExamplesQuery(scan, violated[0]!, live.primaryKey, EXAMPLES, table)
            : rowExamplesQuery(scan, violated, live.primaryKey, EXAMPLES, plan.context);
        const rows = await this.tolerant(sql, table, scan.refs);
        if (!rows) continue;
        for (const [i, check] of violated.entries()) {
          results.set(check, { ...results.get(check)!, examples: rows.filter((row) => Number(row.i) === i).map((row) => String(row.key)) });
        }
      }
    }
    return results;
  }

  /** Rows of live holding a label an ALTER TYPE … RENAME VALUE renames. */
  async labelRows(count: LabelCount): Promise<number | null> {
    await this.load([count.table]);
    if (!this.relations.get(count.table.relation)?.exists) return 0;
    const rows = await this.tolerant(
      `select count(*) as key from ${qualified(count.table)} where ${quoteIdent(count.column)}::text = ${literal(count.label)}`,
      count.table,
    );
    return rows ? Number(rows[0]!.key) : null;
  }

  private async counted(table: RelationRef, scan: PlannedScan): Promise<Map<LiveCheck, Violation>> {
    const out = new Map<LiveCheck, Violation>();
    const rows = await this.tolerant(scan.sql, table, scan.refs);
    const row = rows?.[0] as Record<string, string | null> | undefined;
    const total = row ? Number(row.total) : 0;
    // A sample is scaled to the table's size.
    const scale = scan.sampled && total > 0 && scan.tableRows !== null ? scan.tableRows / total : 1;
    for (const [i, check] of scan.checks.entries()) {
      if (!row) {
        out.set(check, violation(check, null, scan.sampled, null, this.lastError));
        continue;
      }
      const rowsValue = Math.round(Number(row[`v${i}`] ?? 0) * scale);
      const groups = row[`g${i}`] === undefined ? undefined : Math.round(Number(row[`g${i}`] ?? 0) * scale);
      out.set(check, { ...violation(check, rowsValue, scan.sampled, null), ...(groups !== undefined ? { groups } : {}) });
    }
    return out;
  }

  private lastError: string | undefined;

  /** Run `sql` under a savepoint; a failure of the expression (not of the session) is remembered, not thrown. */
  private async tolerant(sql: string, table: RelationRef, refs: readonly RelationRef[] = []): Promise<Record<string, unknown>[] | undefined> {
    await this.client.query('savepoint pgparity_check');
    try {
      const { rows } = await this.guard(`checking the rows of ${table.relation}`, [table, ...refs], () => this.client.query<Record<string, unknown>>(sql));
      await this.client.query('release savepoint pgparity_check');
      return rows;
    } catch (error) {
      if (error instanceof PgparityError) throw error;
      await this.client.query('rollback to savepoint pgparity_check');
      this.lastError = `not checked: live cannot evaluate it (${(error as Error).message.split('\n')[0]})`;
      return undefined;
    }
  }

  /** Lock waits, timeouts and lost connections end the run with one line and exit 3. */
  private async guard<T>(what: string, refs: readonly RelationRef[], run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      const e = error as { code?: string; message?: string };
      if (e.code === '55P03') {
        throw new ConnectionError(
          `${what} in ${this.options.database}: ${await this.holder(refs)} longer than lock_timeout, and preflight never waits behind a lock on live — retry when it is free, or raise --lock-timeout`,
        );
      }
      if (e.code === '57014')
        throw new ConnectionError(
          `${what} in ${this.options.database} hit statement_timeout: raise --statement-timeout, or lower --max-scan-rows to sample big tables`,
        );
      if (e.code?.startsWith('08') || /Connection terminated|ECONNRESET/.test(e.message ?? ''))
        throw new ConnectionError(`lost the connection to ${this.options.database} while ${what}: ${e.message ?? ''}`);
      throw error;
    }
  }

  /** Who holds the lock we waited for: read from pg_locks after rolling the failed statement back. */
  private async holder(refs: readonly RelationRef[]): Promise<string> {
    try {
      await this.client.query('rollback to savepoint pgparity_check').catch(() => this.client.query('rollback'));
      const { rows } = await this.client.query<{ relation: string; mode: string; pid: number }>(
        `select n.nspname || '.' || c.relname as relation, l.mode, l.pid
         from pg_locks l join pg_class c on c.oid = l.relation join pg_namespace n on n.oid = c.relnamespace
         where l.granted and l.pid <> pg_backend_pid() and l.mode = 'AccessExclusiveLock'
           and (n.nspname, c.relname) in (select * from unnest($1::text[], $2::text[]))
         order by 1 limit 1`,
        [refs.map((r) => r.schema), refs.map((r) => r.name)],
      );
      const row = rows[0];
      if (row) return `${row.relation} is locked (${row.mode}, held by backend ${row.pid})`;
    } catch {
      // The reason stays generic: the lock wait is what matters.
    }
    return 'a relation it reads is locked by another session';
  }
}

interface LiveRelationRow {
  readonly schema: string;
  readonly name: string;
  readonly oid: string | null;
  readonly kind: string | null;
  readonly reltuples: number | null;
  readonly bytes: string | null;
  readonly heap_bytes: string | null;
  readonly primary_key: string[] | null;
  readonly columns: string[] | null;
}

function violation(check: LiveCheck, rows: number | null, estimated: boolean, examples: readonly string[] | null, note?: string): Violation {
  return {
    constraint: check.constraint,
    kind: check.kind,
    relation: check.table.relation,
    rows,
    estimated,
    examples,
    ...(note ? { note } : {}),
  };
}
