import { basename } from 'node:path';
import { stat } from 'node:fs/promises';
import type { ConnectionTarget } from '../db/target.js';
import { connect } from '../db/connect.js';
import { quoteIdent } from '../model/keys.js';
import { isFlywayMigration, type Migration } from './discover.js';
import { findFlywaySchemas, type FlywaySchemas } from './flyway-settings.js';
import type { ReplaySchemas } from '../config/search-path.js';

export type { ReplaySchemas } from '../config/search-path.js';

/**
 * The schemas the replay of `migrations` from `path` runs in: `given` (the flag or config key) when
 * set, else, for a Flyway directory, what its settings files say (`notice` tells when they
 * disagree), else none.
 */
export async function replaySchemasFor(
  path: string,
  migrations: readonly Migration[],
  given: ReplaySchemas | undefined,
  notice?: (line: string) => void,
): Promise<ReplaySchemas | undefined> {
  if (given) return given;
  if (!migrations.some((m) => isFlywayMigration(basename(m.file)))) return undefined;
  const isDirectory = await stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDirectory) return undefined;
  const found = (await findFlywaySchemas(path)).map(fromFlyway);
  const [chosen, ...others] = found;
  if (!chosen) return undefined;
  const differing = others.filter((o) => o.searchPath.join(',') !== chosen.searchPath.join(',') || o.create.join(',') !== chosen.create.join(','));
  if (differing.length > 0) {
    notice?.(
      `Flyway settings disagree on schemas: replaying with ${describe(chosen)} from ${chosen.from} (nearest), not ${differing.map((o) => `${describe(o)} from ${o.from}`).join(', ')}; --search-path chooses`,
    );
  }
  return chosen;
}

/** Flyway's session: its default schema (defaultSchema, else the first of schemas) first in search_path; every schema created. */
function fromFlyway(settings: FlywaySchemas): ReplaySchemas {
  const first = settings.defaultSchema ?? settings.schemas[0]!;
  return { searchPath: [first], create: [...new Set([first, ...settings.schemas])], from: settings.file };
}

function describe(schemas: ReplaySchemas): string {
  const others = schemas.create.filter((s) => !schemas.searchPath.includes(s));
  return `search_path ${schemas.searchPath.join(', ')}${others.length ? ` (also creating ${others.join(', ')})` : ''}`;
}

/** The search_path value: the schemas, then PostgreSQL's default. */
export function searchPathValue(schemas: ReplaySchemas): string {
  return [...schemas.searchPath.map(quoteIdent), '"$user"', 'public'].join(', ');
}

/**
 * Create the schemas and make the search path the scratch database's own default, on a session of
 * its own: every session the replay opens afterwards starts with it, and each reset between files
 * (`reset all`) returns to it.
 */
export async function prepareReplaySchemas(target: ConnectionTarget, schemas: ReplaySchemas): Promise<void> {
  const client = await connect(target, { readOnly: false, applicationName: 'pgparity replay' });
  try {
    const statements = [
      'set client_min_messages = warning',
      ...schemas.create.map((s) => `create schema if not exists ${quoteIdent(s)}`),
      `alter database ${quoteIdent(target.database)} set search_path = ${searchPathValue(schemas)}`,
    ];
    await client.query(statements.join('; '));
  } finally {
    await client.end().catch(() => undefined);
  }
}
