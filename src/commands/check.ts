import { existsSync } from 'node:fs';
import { ConfigError } from '../model/errors.js';
import { resolveLiveTarget, type Env } from '../config/live-target.js';
import { describeTarget } from '../db/target.js';
import { diff, type DiffResult, type DiffSettings } from './diff.js';
import { parseSourceSpec, type SourceSpec } from '../source/spec.js';

export interface CheckSettings extends Omit<DiffSettings, 'from' | 'to' | 'toTarget' | 'warnings'> {
  /** Live database URL; else DATABASE_URL, else PG* from `env`. */
  readonly url?: string;
  readonly env: Env;
  /** A migrations directory or `.sql` file … */
  readonly migrations?: string;
  /** … or the framework's own migrate command, run against the scratch database. */
  readonly replayCommand?: string;
  readonly cwd: string;
}

/** `check` = `diff --from <migrations replayed> --to <live>`. */
export async function check(settings: CheckSettings): Promise<DiffResult> {
  if (settings.migrations && settings.replayCommand) throw new ConfigError('give either --migrations or --replay-cmd, not both');
  if (!settings.migrations && !settings.replayCommand) {
    throw new ConfigError('nothing to compare against: pass --migrations DIR (plain SQL files) or --replay-cmd "your migrate command"');
  }
  if (settings.replayCommand && settings.until) {
    // pgparity cannot stop someone else's migrate command part-way: the command itself must.
    throw new ConfigError('--until works with --migrations only: with --replay-cmd, name the revision in the command, e.g. --replay-cmd "alembic upgrade <rev>"');
  }
  const from: SourceSpec = settings.replayCommand
    ? { type: 'replay-command', command: settings.replayCommand, cwd: settings.cwd }
    : migrationsSpec(settings.migrations ?? '');
  if (from.type === 'url' || from.type === 'snapshot') {
    throw new ConfigError(`--migrations expects a directory or a .sql file, not a ${from.type === 'url' ? 'URL' : 'snapshot'}: use pgparity diff --from … --to … for that`);
  }
  const live = resolveLiveTarget(settings.url, settings.env);
  return diff({
    ...settings,
    from,
    to: { type: 'url', url: describeTarget(live.target) },
    toTarget: live.target,
    warnings: live.warnings,
  });
}

function migrationsSpec(path: string): SourceSpec {
  if (!existsSync(path)) throw new ConfigError(`migrations directory ${path} does not exist: check --migrations`);
  return parseSourceSpec(path);
}
