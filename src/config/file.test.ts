import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadConfig, severityRuleProblem } from './file.js';
import { parseConfig } from './schema.js';
import { mergeSettings } from './settings.js';

const label = 'pgparity.config.json';
const error = (raw: unknown): string => {
  try {
    parseConfig(raw, label);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('no error');
};

describe('parseConfig', () => {
  test('a full config is kept as typed settings, historyTable included', () => {
    const config = parseConfig(
      {
        $schema: './node_modules/pgparity/config.schema.json',
        migrations: 'db/migrations',
        scratch: 'docker:postgres:16',
        schemas: ['public', 'billing'],
        excludeSchemas: ['scratch'],
        excludeTables: ['audit_*'],
        excludeObjects: ['index:public.*_tmp_idx', 'public.legacy_*'],
        severities: { 'changed.column.default': 'warning', 'extra.index': 'warning', 'changed.*.comment': 'info', hazard: 'info' },
        failOn: 'warning',
        format: 'markdown',
        historyTable: 'public.schema_migrations',
        waivers: 'ops/waivers.json',
      },
      label,
    );
    expect(config).toEqual({
      migrations: 'db/migrations',
      scratch: 'docker:postgres:16',
      schemas: ['public', 'billing'],
      excludeSchemas: ['scratch'],
      excludeTables: ['audit_*'],
      excludeObjects: ['index:public.*_tmp_idx', 'public.legacy_*'],
      severities: { 'changed.column.default': 'warning', 'extra.index': 'warning', 'changed.*.comment': 'info', hazard: 'info' },
      failOn: 'warning',
      format: 'markdown',
      historyTable: 'public.schema_migrations',
      waivers: 'ops/waivers.json',
    });
  });

  test('one line naming the key, for each kind of mistake', () => {
    expect(error({ failOn: 'fatal' })).toBe('pgparity.config.json: failOn must be one of error, warning, info (got "fatal")');
    expect(error({ failon: 'error' })).toBe('pgparity.config.json: unknown key failon (did you mean failOn?)');
    expect(error({ exclude_tables: ['x'] })).toBe('pgparity.config.json: unknown key exclude_tables (did you mean excludeTables?)');
    expect(error({ colour: true })).toBe('pgparity.config.json: unknown key colour');
    expect(error({ excludeTables: 'audit_*' })).toBe('pgparity.config.json: excludeTables must be a list (got "audit_*")');
    expect(error({ excludeTables: ['audit_*', ''] })).toBe('pgparity.config.json: excludeTables[1] must not be empty');
    expect(error({ severities: { 'extra.index': 'warn' } })).toBe(
      'pgparity.config.json: severities["extra.index"] must be one of error, warning, info (got "warn")',
    );
    expect(error({ severities: { 'changed.colum.default': 'info' } })).toMatch(
      /^pgparity\.config\.json: severities\["changed\.colum\.default"\] names no finding kind "colum": use one of schema, /,
    );
    expect(error({ severities: { 'extra.index.name': 'info' } })).toBe(
      'pgparity.config.json: severities["extra.index.name"] has an attribute, but only changed findings have one: use "changed.index.name" or "extra.index"',
    );
    expect(error({ scratch: 'podman' })).toBe(
      'pgparity.config.json: scratch must be embedded, embedded:MAJOR, docker, docker:IMAGE or a postgres:// URL (got "podman")',
    );
    expect(error({ historyTable: 'my history' })).toBe(
      'pgparity.config.json: historyTable must be a table name, optionally schema-qualified: public.schema_migrations (got "my history")',
    );
    expect(error({ migrations: 'db', replayCmd: 'alembic upgrade head' })).toBe(
      'pgparity.config.json: replayCmd cannot be set together with migrations: keep one of them',
    );
    expect(error({ excludeObjects: ['idx:public.x'] })).toMatch(
      /^pgparity\.config\.json: excludeObjects\[0\] must be \[kind:\]pattern with kind one of schema, .* \(got "idx:public\.x"\)$/,
    );
    expect(error({ format: ['json'] })).toBe('pgparity.config.json: format must be one of text, json, junit, markdown, html (got a list)');
    expect(error(['failOn'])).toBe('pgparity.config.json: the file must be an object (got a list)');
  });

  test('severity rule keys', () => {
    for (const ok of ['missing', 'extra.index', 'changed.column.default', 'changed.*.comment', 'hazard', 'hazard.runtime_writer'])
      expect(severityRuleProblem(ok)).toBeUndefined();
    for (const bad of ['removed', 'changed.*', 'changed.column.default.x', 'extra.tabel']) expect(severityRuleProblem(bad)).toBeDefined();
  });
});

describe('loadConfig', () => {
  async function dir(files: Record<string, string>): Promise<string> {
    const d = await mkdtemp(join(tmpdir(), 'pgparity-config-'));
    for (const [name, text] of Object.entries(files)) {
      await mkdir(join(d, name, '..'), { recursive: true });
      await writeFile(join(d, name), text);
    }
    return d;
  }

  test('pgparity.config.json first, then .pgparityrc.json, then package.json "pgparity", else none', async () => {
    const both = await dir({ 'pgparity.config.json': '{"failOn":"warning"}', '.pgparityrc.json': '{"failOn":"info"}' });
    expect(await loadConfig(both)).toMatchObject({ label: 'pgparity.config.json', config: { failOn: 'warning' } });
    const rc = await dir({ '.pgparityrc.json': '{"failOn":"info"}', 'package.json': '{"pgparity":{"failOn":"error"}}' });
    expect(await loadConfig(rc)).toMatchObject({ label: '.pgparityrc.json', config: { failOn: 'info' } });
    const pkg = await dir({ 'package.json': '{"name":"app","pgparity":{"migrations":"db/migrations"}}' });
    expect(await loadConfig(pkg)).toEqual({ label: 'package.json', dir: pkg, config: { migrations: 'db/migrations' } });
    expect(await loadConfig(await dir({ 'package.json': '{"name":"app"}' }))).toBeUndefined();
  });

  test('errors in package.json name the pgparity key; bad JSON says where', async () => {
    const pkg = await dir({ 'package.json': '{"pgparity":{"failOn":"fatal"}}' });
    await expect(loadConfig(pkg)).rejects.toThrow('package.json: pgparity.failOn must be one of error, warning, info (got "fatal")');
    const broken = await dir({ 'pgparity.config.json': '{\n  "failOn": "error",\n}\n' });
    await expect(loadConfig(broken)).rejects.toThrow(/^pgparity\.config\.json: not valid JSON \(.*line 3 column 1\)$/);
  });

  test('--config FILE must exist, and may point at another directory', async () => {
    const d = await dir({ 'ci/pgparity.json': '{"migrations":"../db/migrations"}' });
    await expect(loadConfig(d, 'nope.json')).rejects.toThrow('--config nope.json: no such file');
    const loaded = await loadConfig(d, 'ci/pgparity.json');
    expect(loaded).toEqual({ label: 'ci/pgparity.json', dir: join(d, 'ci'), config: { migrations: '../db/migrations' } });
    expect(mergeSettings({}, loaded, d).migrations).toBe('db/migrations');
  });
});

describe('mergeSettings: flags over the config file over defaults', () => {
  const loaded = {
    label: 'pgparity.config.json',
    dir: '/work/app',
    config: {
      migrations: 'db/migrations',
      scratch: 'docker',
      excludeTables: ['audit_*'],
      failOn: 'warning',
      format: 'junit',
      severities: { 'extra.index': 'warning' },
    },
  } as const;

  test('defaults when nothing is set', () => {
    expect(mergeSettings({}, undefined, '/work/app')).toEqual({ replayCwd: '/work/app', scratch: 'embedded', failOn: 'error' });
  });

  test('the config fills what the command line leaves out', () => {
    expect(mergeSettings({}, loaded, '/work/app')).toEqual({
      migrations: 'db/migrations',
      replayCwd: '/work/app',
      scratch: 'docker',
      excludeTables: ['audit_*'],
      severities: { 'extra.index': 'warning' },
      failOn: 'warning',
      formats: ['junit'],
    });
  });

  test('a flag replaces the config value; --replay-cmd replaces migrations too', () => {
    const merged = mergeSettings(
      { replayCmd: 'alembic upgrade head', excludeTables: ['tmp_*'], failOn: 'error', formats: ['json', 'markdown'], outputs: ['r.json'] },
      loaded,
      '/work/app',
    );
    expect(merged).toMatchObject({
      replayCmd: 'alembic upgrade head',
      excludeTables: ['tmp_*'],
      failOn: 'error',
      formats: ['json', 'markdown'],
      outputs: ['r.json'],
    });
    expect(merged.migrations).toBeUndefined();
  });

  test('paths in the config are relative to its directory; its replay command runs there', () => {
    const elsewhere = { label: '../app/pgparity.config.json', dir: '/work/app', config: { replayCmd: 'npm run migrate', waivers: 'waivers.json' } };
    expect(mergeSettings({}, elsewhere, '/work/ci')).toMatchObject({
      replayCmd: 'npm run migrate',
      replayCwd: '/work/app',
      waiversFile: { path: '/work/app/waivers.json', explicit: true },
    });
    const below = { label: 'app/pgparity.config.json', dir: '/work/app', config: { migrations: 'db/migrations' } };
    expect(mergeSettings({}, below, '/work').migrations).toBe('app/db/migrations');
  });
});
