import { randomBytes } from 'node:crypto';
import { connect, DEFAULT_LIMITS } from '../db/connect.js';
import type { ConnectionTarget } from '../db/target.js';
import type { ScratchDatabase } from './provider.js';

export async function readServerVersion(target: ConnectionTarget): Promise<string> {
  const client = await connect(target, { readOnly: true });
  try {
    const { rows } = await client.query<{ server_version: string }>('show server_version');
    return (rows[0]?.server_version ?? '').split(' ')[0] ?? '';
  } finally {
    await client.end();
  }
}

/**
 * What decides how DDL replayed on this server lands and reads back, besides its version: the
 * extensions it could install (at their default versions), the defaults a scratch database
 * inherits (locale, access method, tablespace, TOAST compression, search_path) and how values
 * are deparsed (time zone, date and interval styles, float digits).
 */
export async function readServerFingerprint(target: ConnectionTarget): Promise<string> {
  const client = await connect(target, { readOnly: true });
  try {
    const { rows } = await client.query<{ fingerprint: string }>(`select concat_ws(' | ',
      (select string_agg(name || '=' || coalesce(default_version, ''), ',' order by name) from pg_available_extensions),
      (select string_agg(name || '=' || setting, ',' order by name) from pg_settings where name in (
        'TimeZone', 'DateStyle', 'IntervalStyle', 'extra_float_digits', 'search_path', 'default_table_access_method',
        'default_tablespace', 'default_toast_compression', 'standard_conforming_strings', 'server_encoding', 'lc_monetary', 'lc_numeric')),
      (select datcollate || ',' || datctype from pg_database where datname = 'template0')) as fingerprint`);
    return rows[0]?.fingerprint ?? '';
  } finally {
    await client.end();
  }
}

export const SCRATCH_PREFIX = 'pgparity_scratch';

/** `pgparity_scratch_<creation time in base 36>_<random>`: unique, and its age can be read from it. */
export function scratchDatabaseName(prefix = SCRATCH_PREFIX): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

/**
 * Create the empty database `name` from template0 on the server behind `admin`; `comment`, when
 * given, is set on it in the same session (who created it, for finding it again if we die).
 */
export async function createDatabaseOn(
  admin: ConnectionTarget,
  clientHost = admin.host,
  prefix = SCRATCH_PREFIX,
  name = scratchDatabaseName(prefix),
  comment?: string,
): Promise<ScratchDatabase> {
  const client = await connect(admin, { readOnly: false });
  try {
    await client.query(`create database ${client.escapeIdentifier(name)} template template0 encoding 'UTF8'`);
    if (comment !== undefined) await client.query(`comment on database ${client.escapeIdentifier(name)} is ${client.escapeLiteral(comment)}`);
  } finally {
    await client.end();
  }
  return { name, target: { ...admin, database: name }, clientTarget: { ...admin, host: clientHost, database: name } };
}

/**
 * Drop a database we created, disconnecting anyone still in it (a replay command may have left a
 * session). No statement timeout: dropping tens of thousands of relations on a disk can take
 * longer than the default 30 s, and a timed-out drop would leave the scratch database behind.
 */
export async function dropDatabaseOn(admin: ConnectionTarget, name: string): Promise<void> {
  const client = await connect(admin, { readOnly: false, limits: { ...DEFAULT_LIMITS, statementTimeoutMs: 0 } });
  try {
    await client.query(`drop database if exists ${client.escapeIdentifier(name)} with (force)`);
  } finally {
    await client.end();
  }
}
