import { randomBytes } from 'node:crypto';
import { connect } from '../db/connect.js';
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

/** Create a uniquely named empty database from template0 on the server behind `admin`. */
export async function createDatabaseOn(admin: ConnectionTarget, clientHost = admin.host): Promise<ScratchDatabase> {
  const name = `pgparity_scratch_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const client = await connect(admin, { readOnly: false });
  try {
    await client.query(`create database ${client.escapeIdentifier(name)} template template0 encoding 'UTF8'`);
  } finally {
    await client.end();
  }
  return { name, target: { ...admin, database: name }, clientTarget: { ...admin, host: clientHost, database: name } };
}

/** Drop a database we created, disconnecting anyone still in it (a replay command may have left a session). */
export async function dropDatabaseOn(admin: ConnectionTarget, name: string): Promise<void> {
  const client = await connect(admin, { readOnly: false });
  try {
    await client.query(`drop database if exists ${client.escapeIdentifier(name)} with (force)`);
  } finally {
    await client.end();
  }
}
