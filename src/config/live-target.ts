import { ConfigError } from '../model/errors.js';
import { describeTarget, parseTarget, resolveTarget, type ConnectionTarget } from '../db/target.js';

export type Env = Readonly<Record<string, string | undefined>>;

export interface LiveTarget {
  readonly target: ConnectionTarget;
  /** Which setting it came from: `--url`, `DATABASE_URL` or `PG* variables`. */
  readonly origin: string;
  /** Disagreements between the ways this environment names a database (the app connects to one, its migrations go to another). */
  readonly warnings: readonly string[];
}

interface Named {
  readonly origin: string;
  readonly host?: string;
  readonly port?: number;
  readonly database?: string;
}

/**
 * The live database: `--url`, else `DATABASE_URL`, else the libpq `PG*` variables.
 * Also says when DATABASE_URL, PG* and POSTGRES_* point at different databases,
 * the classic "the app connects but the migration tool does not" trap.
 */
export function resolveLiveTarget(url: string | undefined, env: Env): LiveTarget {
  let chosen: { target: ConnectionTarget; origin: string; warnings: string[] } | undefined;
  if (url) chosen = { ...resolveTarget(url, env), origin: '--url' };
  else if (env.DATABASE_URL) chosen = { ...resolveTarget(env.DATABASE_URL, env), origin: 'DATABASE_URL' };
  else if (env.PGHOST || env.PGDATABASE || env.PGUSER || env.PGPORT || env.PGSERVICE) chosen = { ...resolveTarget(undefined, env), origin: 'PG* variables' };
  if (!chosen) {
    throw new ConfigError(
      'no live database configured: pass --url postgres://user@host:port/db, or set DATABASE_URL or the PG* variables (PGHOST, PGDATABASE, …)',
    );
  }
  return { target: chosen.target, origin: chosen.origin, warnings: [...chosen.warnings, ...disagreements(chosen, env)] };
}

function disagreements(chosen: { target: ConnectionTarget; origin: string }, env: Env): string[] {
  const named: Named[] = [];
  if (env.DATABASE_URL) {
    try {
      const t = parseTarget(env.DATABASE_URL, env);
      named.push({ origin: 'DATABASE_URL', host: t.host, port: t.port, database: t.database });
    } catch {
      // An unparsable DATABASE_URL that is not the one in use is not our concern here.
    }
  }
  if (env.PGHOST || env.PGPORT || env.PGDATABASE) {
    named.push({ origin: 'PG*', host: env.PGHOST, port: env.PGPORT ? Number(env.PGPORT) : undefined, database: env.PGDATABASE });
  }
  if (env.POSTGRES_HOST || env.POSTGRES_PORT || env.POSTGRES_DB) {
    named.push({ origin: 'POSTGRES_*', host: env.POSTGRES_HOST, port: env.POSTGRES_PORT ? Number(env.POSTGRES_PORT) : undefined, database: env.POSTGRES_DB });
  }
  const used: Named = { origin: chosen.origin, host: chosen.target.host, port: chosen.target.port, database: chosen.target.database };
  const warnings: string[] = [];
  for (const other of named) {
    if (other.origin === chosen.origin || (chosen.origin === 'PG* variables' && other.origin === 'PG*')) continue;
    const differs = (['host', 'port', 'database'] as const).filter((f) => other[f] !== undefined && other[f] !== used[f]);
    if (differs.length > 0) {
      warnings.push(
        `${other.origin} points at ${show(other)} but ${chosen.origin} at ${describeTarget(chosen.target)} (${differs.join(' and ')} ${differs.length === 1 ? 'differs' : 'differ'}): pgparity checks ${chosen.origin}; make sure your migration tool and app use the same database`,
      );
    }
  }
  return warnings;
}

function show(n: Named): string {
  return `${n.host ?? '(default host)'}:${n.port ?? '(default port)'}/${n.database ?? '(default database)'}`;
}
