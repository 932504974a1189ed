import { describe, expect, test } from 'vitest';
import { compareSnapshots } from '../compare/compare.js';
import { sortFindings } from '../compare/order.js';
import { column, constraint, extension, index, snapshot, table } from '../../test/support/objects.js';
import type { Finding } from '../model/finding.js';
import type { CatalogObject } from '../model/objects.js';
import { indexMigrations } from '../ddl/migration-index.js';
import { attributeFindings, noHistoryNote } from './classify.js';
import { scanSources, type SourceText } from './source-scan.js';

/** Compare two hand-made schemas and attribute the findings, as `check` does. */
async function attribute(
  expected: CatalogObject[],
  actual: CatalogObject[],
  migrations: { file: string; sql: string }[] | undefined,
  sources?: SourceText[],
  liveHistory = true,
): Promise<Finding[]> {
  const [e, a] = [snapshot(expected), snapshot(actual)];
  // Live records migrations (left out of the comparison, as normalize leaves history tables out).
  const history = liveHistory ? [table('public.schema_migrations', ['version']), column('public.schema_migrations.version', 'text')] : [];
  // Sorted as the report sorts them.
  return sortFindings(
    attributeFindings({
      findings: compareSnapshots(e, a),
      expected: e,
      actual: snapshot([...actual, ...history]),
      ...(migrations ? { migrations: await indexMigrations(migrations) } : {}),
      ...(sources ? { sources: await scanSources(sources) } : {}),
    }),
  );
}

const summary = (findings: readonly Finding[]): string[] =>
  findings.map((f) => `${f.change} ${f.kind} ${f.key} → ${f.cause?.type}${f.cause?.location ? ` @ ${f.cause.location.file}:${f.cause.location.line}` : ''}`);

const users = (...columns: string[]): CatalogObject[] => [
  table('public.users', columns),
  ...columns.map((c, i) => column(`public.users.${c}`, 'integer', { position: i + 1 })),
];

describe('attributeFindings', () => {
  test('missing: the migration that creates it, with its file:line', async () => {
    const findings = await attribute(users('id', 'email_verified'), users('id'), [
      { file: 'db/0001_users.sql', sql: 'create table users (id int);' },
      { file: 'db/0042_add_email_verified.sql', sql: '-- GDPR\n\nalter table users add column email_verified int;' },
    ]);
    expect(summary(findings)).toEqual(['missing column public.users.email_verified → pending_migration @ db/0042_add_email_verified.sql:3']);
    expect(findings[0]!.cause!.message).toBe('created by db/0042_add_email_verified.sql:3 — has this migration run?');
  });

  test('live without a history table: causes do not ask whether a migration ran; one note says live was not built by them', async () => {
    const migrations = [{ file: 'db/0001_users.sql', sql: 'create table users (id int, email_verified int);' }];
    const findings = await attribute(users('id', 'email_verified'), users('id'), migrations, undefined, false);
    expect(findings[0]!.cause!.message).toBe('created by db/0001_users.sql:1');
    expect(noHistoryNote(findings, snapshot(users('id')))).toBe(
      'live has no migration history table (none pgparity knows): it was not built by these migrations, so what they create and live lacks was never applied there, not left pending; stamp a baseline only once live matches (pgparity stamp)',
    );
    expect(
      noHistoryNote(
        findings,
        snapshot([...users('id'), table('public.alembic_version', ['version_num']), column('public.alembic_version.version_num', 'text')]),
      ),
    ).toBeUndefined();
  });

  test("the create_all of the model's own Base is blamed, whatever the file order; undecidable, every candidate is listed", async () => {
    const models = ['class Audit(AuditBase):', '    __tablename__ = "audit_log"', 'class Tap(Base):', '    __tablename__ = "taps"', ''].join('\n');
    const boot = ['def init():', '    AuditBase.metadata.create_all(engine)', '    Base.metadata.create_all(engine)', ''].join('\n');
    const findings = await attribute([], [table('public.taps', []), table('public.audit_log', [])], undefined, [
      { file: 'app/models.py', text: models },
      { file: 'app/boot.py', text: boot },
    ]);
    const causes = new Map(findings.map((f) => [f.key, f.cause]));
    expect(causes.get('public.taps')).toMatchObject({
      writer: { name: 'Base.metadata.create_all', location: { line: 3 } },
      model: { file: 'app/models.py', line: 4, name: 'Tap' },
    });
    expect(causes.get('public.audit_log')).toMatchObject({
      writer: { name: 'AuditBase.metadata.create_all', location: { line: 2 } },
      model: { name: 'Audit' },
    });

    const ambiguous = await attribute([], [table('public.taps', [])], undefined, [
      { file: 'app/models.py', text: 'class Tap(Model):\n    __tablename__ = "taps"\n' },
      { file: 'app/boot.py', text: boot },
    ]);
    const cause = ambiguous.find((f) => f.key === 'public.taps')!.cause!;
    expect(cause.writer).toBeUndefined();
    expect(cause.message).toBe(
      'created at runtime by one of AuditBase.metadata.create_all (app/boot.py:2), Base.metadata.create_all (app/boot.py:3) from the model Tap at app/models.py:2',
    );
  });

  test('changed: the last migration that shaped that attribute', async () => {
    const findings = await attribute(
      [table('public.t', ['a']), column('public.t.a', 'integer', { default: '0', notNull: true })],
      [table('public.t', ['a']), column('public.t.a', 'integer', { default: '1', notNull: false })],
      [
        { file: '001.sql', sql: 'create table t (a int);' },
        { file: '002.sql', sql: 'alter table t alter column a set default 0;\nalter table t alter column a set not null;' },
      ],
    );
    expect(summary(findings)).toEqual([
      'changed column public.t.a → migration_mismatch @ 002.sql:1',
      'changed column public.t.a → migration_mismatch @ 002.sql:2',
    ]);
    expect(findings.map((f) => f.attribute)).toEqual(['default', 'nullable']);
    expect(findings[0]!.cause!.message).toBe('last shaped by 002.sql:1 (ALTER TABLE public.t ALTER COLUMN a)');
  });

  test('extra: from the runtime DDL that creates it, else unexplained; a drop that never ran is pending', async () => {
    const findings = await attribute(
      [table('public.users', ['id'])],
      [
        table('public.users', ['id']),
        table('public.sessions', []),
        table('public.legacy', []),
        index('public.users.users_hot_idx', 'CREATE INDEX ON public.users USING btree (id)'),
      ],
      [
        { file: '001.sql', sql: 'create table users (id int);\ncreate table legacy (a int);' },
        { file: '002.sql', sql: 'drop table legacy;' },
      ],
      [{ file: 'app/db.ts', text: 'export async function ensureSchema(db) {\n  await db.query(`CREATE TABLE IF NOT EXISTS sessions (id uuid)`);\n}\n' }],
    );
    expect(summary(findings)).toEqual([
      'hazard runtime_writer app/db.ts#ensureSchema → runtime_writer @ app/db.ts:1',
      'extra table public.legacy → pending_migration @ 002.sql:1',
      'extra table public.sessions → runtime_writer @ app/db.ts:2',
      'extra index public.users.users_hot_idx → unexplained',
    ]);
    const byKey = new Map(findings.map((f) => [f.key, f]));
    expect(byKey.get('public.sessions')!.cause).toEqual({
      type: 'runtime_writer',
      location: { file: 'app/db.ts', line: 2 },
      writer: { name: 'ensureSchema', location: { file: 'app/db.ts', line: 1 } },
      message: 'created at runtime by app/db.ts:2 (ensureSchema)',
    });
    expect(byKey.get('public.legacy')!.cause!.message).toBe('dropped by 002.sql:1 — has this migration run?');
    expect(byKey.get('public.users.users_hot_idx')!.cause!.message).toBe('no migration or known runtime writer creates it: a manual change?');
    const writer = byKey.get('app/db.ts#ensureSchema')!;
    expect(writer).toMatchObject({ change: 'hazard', kind: 'runtime_writer', severity: 'warning', object: { schema: 'public', name: 'ensureSchema' } });
    expect(writer.cause!.message).toBe('behind extra table public.sessions');
  });

  test('without --app-source or migration files, causes fall back gracefully', async () => {
    const findings = await attribute([table('public.a', [])], [table('public.b', [])], undefined);
    expect(findings.map((f) => [f.key, f.cause])).toEqual([
      ['public.a', { type: 'pending_migration', message: 'the migrations create it — have they all run on live?' }],
      [
        'public.b',
        {
          type: 'unexplained',
          message: 'no migration or known runtime writer creates it: a manual change? (pass --app-source to look for runtime schema writers)',
        },
      ],
    ]);
  });

  test('an unnamed index is found by what it is when PostgreSQL chose another name than expected', async () => {
    // Something outside the index (a DO block's dynamic SQL, an extension) took `t_a_idx` first.
    const expected = [table('public.t', ['a']), column('public.t.a', 'integer'), index('public.t.t_a_idx1', 'CREATE INDEX ON public.t USING btree (a)')];
    const findings = await attribute(
      expected,
      [table('public.t', ['a']), column('public.t.a', 'integer')],
      [{ file: '001.sql', sql: 'create table t (a int);\ncreate index on t (a);' }],
    );
    expect(summary(findings)).toEqual(['missing index public.t.t_a_idx1 → pending_migration @ 001.sql:2']);
  });

  test('CREATE TABLE IF NOT EXISTS t (a int, b int) where live has t(a int) is a masked statement', async () => {
    const findings = await attribute(
      [table('public.t', ['a', 'b']), column('public.t.a', 'integer'), column('public.t.b', 'integer', { position: 2 })],
      [table('public.t', ['a']), column('public.t.a', 'integer')],
      [{ file: 'db/001_t.sql', sql: '-- idempotent, or so we thought\nCREATE TABLE IF NOT EXISTS t (\n    a int,\n    b int\n);' }],
    );
    expect(summary(findings)).toEqual([
      'missing column public.t.b → pending_migration @ db/001_t.sql:4',
      'hazard masked_statement db/001_t.sql:2 → migration_mismatch @ db/001_t.sql:2',
    ]);
    const masked = findings[1]!;
    expect(masked).toMatchObject({ severity: 'warning', object: { schema: 'public', table: 't', name: 't' } });
    expect(masked.message).toBe(
      'CREATE TABLE IF NOT EXISTS public.t at db/001_t.sql:2 does nothing on live, where table public.t already exists without column b',
    );
    expect(findings[0]!.cause!.message).toBe('created by db/001_t.sql:4, but live skips that CREATE TABLE IF NOT EXISTS: table public.t already exists there');
  });

  test("each way live's object can differ reads as a sentence, and says where it came from only on evidence", async () => {
    const hazard = async (expected: CatalogObject[], actual: CatalogObject[], sql: string): Promise<Finding> => {
      const findings = await attribute(expected, actual, [{ file: '001.sql', sql }]);
      return findings.find((f) => f.kind === 'masked_statement')!;
    };
    const madeOtherwise = "live's public.t was made some other way: by hand, or by a writer outside the migrations";
    const typed = await hazard(
      [table('public.t', ['a']), column('public.t.a', 'integer', { notNull: true })],
      [table('public.t', ['a']), column('public.t.a', 'text', { notNull: false })],
      'create table if not exists t (a int not null);',
    );
    expect(typed.message).toBe(
      'CREATE TABLE IF NOT EXISTS public.t at 001.sql:1 does nothing on live, where table public.t already exists with column a nullable (not NOT NULL), column a type text (not integer)',
    );
    expect(typed.cause!.message).toBe(madeOtherwise);
    const reordered = await hazard(
      [table('public.t', ['a', 'b']), column('public.t.a', 'integer'), column('public.t.b', 'integer', { position: 2 })],
      [table('public.t', ['b', 'a']), column('public.t.b', 'integer'), column('public.t.a', 'integer', { position: 2 })],
      'create table if not exists t (a int, b int);',
    );
    expect(reordered.message).toBe(
      'CREATE TABLE IF NOT EXISTS public.t at 001.sql:1 does nothing on live, where table public.t already exists with its columns in another order',
    );
    const long = `CHECK ((a > 0) AND (a < 1000000) AND (a <> 42) AND (a <> 4242) AND (a <> 424242))`;
    const both = await hazard(
      [
        table('public.t', ['a', 'b']),
        column('public.t.a', 'integer'),
        column('public.t.b', 'integer', { position: 2 }),
        constraint('public.t.t_a_check', 'check', long, { columns: ['a'] }),
      ],
      [table('public.t', ['a']), column('public.t.a', 'integer'), constraint('public.t.t_a_check', 'check', long.replace('42)', '43)'), { columns: ['a'] })],
      'create table if not exists t (a int check (a > 0 and a < 1000000 and a <> 42 and a <> 4242 and a <> 424242), b int);',
    );
    expect(both.message).toBe(
      'CREATE TABLE IF NOT EXISTS public.t at 001.sql:1 does nothing on live, where table public.t already exists without column b and with another definition of constraint t_a_check',
    );
    expect(both.cause!.message).toBe(madeOtherwise);
  });

  test('an extension at another version: the statement may have made it, so no "made some other way"', async () => {
    const findings = await attribute(
      [extension('citext', '1.6')],
      [extension('citext', '1.5')],
      [{ file: '001.sql', sql: 'create extension if not exists citext;' }],
    );
    const masked = findings.find((f) => f.kind === 'masked_statement')!;
    expect(masked.message).toBe(
      'CREATE EXTENSION IF NOT EXISTS citext at 001.sql:1 does nothing on live, where extension citext already exists with version 1.5 (not 1.6)',
    );
    expect(masked.cause!.message).toBe(
      "live's citext may have been created by this very statement, at the default version of an older server or release; ALTER EXTENSION citext UPDATE has not been run since",
    );
  });

  test("ADD COLUMN IF NOT EXISTS on a column live has does not explain the table's column order (temporal's executions_visibility)", async () => {
    const findings = await attribute(
      [
        table('public.t', ['a', 'b', 'c']),
        column('public.t.a', 'integer'),
        column('public.t.b', 'integer', { position: 2 }),
        column('public.t.c', 'integer', { position: 3 }),
      ],
      [
        table('public.t', ['a', 'c', 'b']),
        column('public.t.a', 'integer'),
        column('public.t.c', 'integer', { position: 2 }),
        column('public.t.b', 'integer', { position: 3 }),
      ],
      [{ file: '001.sql', sql: 'create table t (a int, b int);\nalter table t add column if not exists c int;' }],
    );
    expect(summary(findings)).toEqual(['changed table public.t → migration_mismatch @ 001.sql:2']);
    expect(findings[0]!.cause!.message).toBe('last shaped by 001.sql:2 (ALTER TABLE public.t ADD COLUMN IF NOT EXISTS c)');
  });

  test('IF NOT EXISTS on an object live lacks is not masked: there it runs', async () => {
    const findings = await attribute([table('public.t', [])], [], [{ file: '001.sql', sql: 'create table if not exists t ();' }]);
    expect(summary(findings)).toEqual(['missing table public.t → pending_migration @ 001.sql:1']);
  });

  test('create_all: a model column is the writer’s; a hand-made index on a model table is not', async () => {
    const models = [
      'class Pour(Base):',
      '    __tablename__ = "pours"',
      '    __table_args__ = (Index("ix_pours_tap_id_poured_at", "tap_id", "poured_at"),)',
      '    id = Column(BigInteger, primary_key=True)',
      '    tap_id = Column(Integer, ForeignKey("taps.id"), index=True)',
      '    poured_at = Column(DateTime)',
      '    note = Column(Text)',
    ].join('\n');
    const live = [
      table('public.pours', ['id', 'tap_id', 'poured_at', 'note']),
      column('public.pours.note', 'text', { position: 4 }),
      index('public.pours.ix_pours_tap_id', 'CREATE INDEX ON public.pours USING btree (tap_id)'),
      index('public.pours.ix_pours_tap_id_poured_at', 'CREATE INDEX ON public.pours USING btree (tap_id, poured_at)'),
      index('public.pours.pours_poured_at_idx', 'CREATE INDEX ON public.pours USING btree (poured_at)'),
      constraint('public.pours.pours_volume_check', 'check', 'CHECK ((poured_at IS NOT NULL))', { columns: ['poured_at'] }),
    ];
    const findings = await attribute(
      [table('public.pours', ['id', 'tap_id', 'poured_at', 'note'])],
      live,
      [{ file: '001.sql', sql: 'create table pours ();' }],
      [
        { file: 'app/models.py', text: models },
        { file: 'app/main.py', text: 'Base.metadata.create_all(engine)\n' },
      ],
    );
    expect(summary(findings)).toEqual([
      'hazard runtime_writer app/main.py#Base.metadata.create_all → runtime_writer @ app/main.py:1',
      'extra column public.pours.note → runtime_writer @ app/models.py:7',
      'extra constraint public.pours.pours_volume_check → unexplained',
      'extra index public.pours.ix_pours_tap_id → runtime_writer @ app/models.py:5',
      'extra index public.pours.ix_pours_tap_id_poured_at → runtime_writer @ app/models.py:3',
      'extra index public.pours.pours_poured_at_idx → unexplained',
    ]);
    expect(findings.find((f) => f.key === 'public.pours.pours_poured_at_idx')!.cause!.message).toBe(
      'no migration or known runtime writer creates it: a manual change? (Base.metadata.create_all at app/main.py:1 writes the schema at runtime, but no model declares this)',
    );
  });
});
