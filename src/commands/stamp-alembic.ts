import { resolveLiveTarget } from '../config/live-target.js';
import { connect, DEFAULT_LIMITS, type SessionLimits } from '../db/connect.js';
import { describeTarget, type ConnectionTarget } from '../db/target.js';
import { ConfigError } from '../model/errors.js';
import { resolveRevision, type AlembicProject } from '../replay/alembic.js';
import { check } from './check.js';
import { stampBlockers, writeFailure, type StampResult, type StampSettings } from './stamp.js';

/** Alembic's own table, as `alembic stamp` creates it. */
const TABLE = 'public.alembic_version';
const CREATE = 'create table if not exists public.alembic_version (version_num varchar(32) not null, constraint alembic_version_pkc primary key (version_num))';

/**
 * `pgparity stamp` on an Alembic project: `alembic_version` gets the revision, only when live
 * matches `alembic upgrade <revision>` (same gate as plain SQL). Only a database with no
 * revision recorded is stamped; moving an existing one is Alembic's job.
 */
export async function stampAlembic(settings: StampSettings, project: AlembicProject): Promise<StampResult> {
  const revision = resolveRevision(project, settings.until);
  if (revision === 'heads') throw new ConfigError(`the Alembic revisions under ${project.versions} have several heads: name the one to stamp with --until`);
  const live = resolveLiveTarget(settings.url, settings.env);
  const limits = settings.limits ?? DEFAULT_LIMITS;
  const current = await recorded(live.target, limits);
  const row = { filename: revision, checksum: null, file: project.files.get(revision)! };
  const statements = [...(current === undefined ? [CREATE] : []), `insert into ${TABLE} (version_num) values ('${revision}')`];
  const base = {
    table: TABLE,
    createdTable: current === undefined,
    columns: 'version_num',
    until: revision,
    checksumAlgorithm: null,
    statements: [] as string[],
  };
  if (current?.length === 1 && current[0] === revision) return { ...base, createdTable: false, status: 'up-to-date', rows: [], reasons: [] };
  if (current && current.length > 0) {
    const reason = `${TABLE} already records ${current.join(', ')}: pgparity stamps only a database with no revision recorded; check with pgparity check --until ${revision}, then move it with alembic stamp ${revision}`;
    return { ...base, createdTable: false, status: 'refused', rows: [], reasons: [reason] };
  }

  const { report } = await check({ ...settings, migrations: settings.migrations, until: revision });
  const blockers = stampBlockers(report, settings, revision);
  if (blockers.length > 0) return { ...base, createdTable: false, status: 'refused', rows: [], report, reasons: blockers };
  if (settings.dryRun) return { ...base, status: 'dry-run', rows: [row], report, reasons: [], statements };
  await write(live.target, limits, revision);
  return { ...base, status: 'stamped', rows: [row], report, reasons: [], statements };
}

/** `alembic_version`'s rows, or undefined when the table does not exist. */
async function recorded(target: ConnectionTarget, limits: SessionLimits): Promise<string[] | undefined> {
  const client = await connect(target, { readOnly: true, limits });
  try {
    const { rows: exists } = await client.query<{ found: boolean }>(`select to_regclass($1) is not null as found`, [TABLE]);
    if (!exists[0]!.found) return undefined;
    const { rows } = await client.query<{ version_num: string }>(`select version_num::text from ${TABLE} order by 1`);
    return rows.map((r) => r.version_num);
  } catch (error) {
    throw writeFailure(error, describeTarget(target));
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Create the table if needed, lock it against a concurrent `alembic upgrade`, insert the revision if it is still empty. */
async function write(target: ConnectionTarget, limits: SessionLimits, revision: string): Promise<void> {
  const writer = await connect(target, { readOnly: false, limits, applicationName: 'pgparity stamp' });
  try {
    await writer.query('begin');
    await writer.query(CREATE);
    await writer.query(`lock table ${TABLE} in share row exclusive mode`);
    const { rows } = await writer.query<{ version_num: string }>(`select version_num::text from ${TABLE}`);
    if (rows.length > 0)
      throw new ConfigError(`${TABLE} was written by someone else since the check (${rows.map((r) => r.version_num).join(', ')}): nothing was written`);
    await writer.query(`insert into ${TABLE} (version_num) values ($1)`, [revision]);
    await writer.query('commit');
  } catch (error) {
    await writer.query('rollback').catch(() => undefined);
    throw writeFailure(error, describeTarget(target));
  } finally {
    await writer.end().catch(() => undefined);
  }
}
