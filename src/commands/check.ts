import { existsSync } from 'node:fs';
import { ConfigError } from '../model/errors.js';
import { resolveLiveTarget, type Env } from '../config/live-target.js';
import { describeTarget } from '../db/target.js';
import { diff, type DiffResult, type DiffSettings } from './diff.js';
import { parseSourceSpec, type SourceSpec } from '../source/spec.js';
import { alembicUpgradeCommand, findAlembicProject, resolveRevision } from '../replay/alembic.js';

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
  const from = await expectedSource(settings);
  if (from.type === 'url' || from.type === 'snapshot') {
    throw new ConfigError(
      `--migrations expects a directory or a .sql file, not a ${from.type === 'url' ? 'URL' : 'snapshot'}: use pgparity diff --from … --to … for that`,
    );
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

/**
 * What the migrations are replayed from: SQL files, the framework's command, or (for a
 * directory of Alembic revisions) `alembic upgrade <until>` run where `alembic.ini` is.
 * `{until}` in a replay command is replaced by `--until`.
 */
async function expectedSource(settings: CheckSettings): Promise<SourceSpec> {
  const { replayCommand, until } = settings;
  if (replayCommand) {
    if (replayCommand.includes('{until}')) {
      if (!until) throw new ConfigError('the replay command has {until} in it: pass --until REV to say where it stops');
      return { type: 'replay-command', command: replayCommand.replaceAll('{until}', until), cwd: settings.cwd };
    }
    // pgparity cannot stop someone else's migrate command part-way: the command itself must.
    if (until) throw new ConfigError('--until with --replay-cmd needs {until} in the command, where the revision goes: --replay-cmd "alembic upgrade {until}"');
    return { type: 'replay-command', command: replayCommand, cwd: settings.cwd };
  }
  const spec = migrationsSpec(settings.migrations ?? '');
  const alembic = spec.type === 'migrations' ? await findAlembicProject(spec.path) : undefined;
  if (alembic) return { type: 'replay-command', command: alembicUpgradeCommand(resolveRevision(alembic, until)), cwd: alembic.root };
  return spec;
}

function migrationsSpec(path: string): SourceSpec {
  if (!existsSync(path)) throw new ConfigError(`migrations directory ${path} does not exist: check --migrations`);
  return parseSourceSpec(path);
}
