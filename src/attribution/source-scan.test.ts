import { describe, expect, test } from 'vitest';
import { creatorOf } from '../ddl/schema-index.js';
import { scanSources } from './source-scan.js';

const at = (scan: Awaited<ReturnType<typeof scanSources>>, kind: Parameters<typeof creatorOf>[1], key: string): string | undefined => {
  const t = creatorOf(scan.ddl, kind, key);
  return t && `${t.location.file}:${t.location.line}${t.context ? ` ${t.context}` : ''}`;
};

describe('scanSources: readable runtime DDL', () => {
  test('TypeScript: template literals, constants in placeholders, concatenation, the enclosing function', async () => {
    const db = [
      "import type { Pool } from 'pg';",
      "const RECEIPTS = 'message_read_receipts';",
      '',
      'export async function ensureSchema(pool: Pool): Promise<void> {',
      '  await pool.query(`',
      '    CREATE TABLE IF NOT EXISTS ${RECEIPTS} (',
      '      message_id uuid NOT NULL,',
      '      user_id uuid NOT NULL REFERENCES users (id),',
      '      PRIMARY KEY (message_id, user_id)',
      '    )`);',
      "  await pool.query('CREATE INDEX IF NOT EXISTS messages_unread_idx ON messages (conversation_id) ' +",
      "    'WHERE root_message_id IS NULL');",
      '  // await pool.query("CREATE TABLE commented_out (a int)");',
      "  await pool.query('SELECT 1 FROM messages');",
      '}',
      '',
      'class Store {',
      '  async addColumn(): Promise<void> {',
      '    await this.db.query(`ALTER TABLE ${this.table} ADD COLUMN IF NOT EXISTS archived boolean`);',
      '  }',
      '}',
    ].join('\n');
    const scan = await scanSources([{ file: 'app/db.ts', text: db }]);
    expect(at(scan, 'table', 'public.message_read_receipts')).toBe('app/db.ts:6 ensureSchema');
    expect(at(scan, 'constraint', 'public.message_read_receipts.message_read_receipts_pkey')).toBe('app/db.ts:9 ensureSchema');
    expect(at(scan, 'constraint', 'public.message_read_receipts.message_read_receipts_user_id_fkey')).toBe('app/db.ts:8 ensureSchema');
    expect(at(scan, 'index', 'public.messages.messages_unread_idx')).toBe('app/db.ts:11 ensureSchema');
    // An unknown placeholder becomes an identifier: the statement still counts.
    expect(at(scan, 'column', 'public.pgparity_placeholder.archived')).toBe('app/db.ts:19 addColumn');
    expect(at(scan, 'table', 'public.commented_out')).toBeUndefined();
    expect(scan.writers.map((w) => [w.kind, w.name, `${w.location.file}:${w.location.line}`, w.statements.length])).toEqual([
      ['ddl', 'ensureSchema', 'app/db.ts:4', 2],
      ['ddl', 'addColumn', 'app/db.ts:18', 1],
    ]);
  });

  test('Python: triple-quoted strings, f-strings and str.format placeholders', async () => {
    const py = [
      'TABLE = "audit_log"',
      '',
      'def ensure_schema(conn):',
      '    conn.execute("""',
      '        CREATE TABLE IF NOT EXISTS audit_log (',
      '            id bigserial PRIMARY KEY,',
      '            payload jsonb',
      '        )',
      '    """)',
      '    conn.execute(f"CREATE INDEX IF NOT EXISTS audit_log_payload_idx ON {TABLE} USING gin (payload)")',
      '    conn.execute("ALTER TABLE {} ADD COLUMN IF NOT EXISTS note text".format(TABLE))',
      '    conn.execute("not sql: create a table for me")',
    ].join('\n');
    const scan = await scanSources([{ file: 'svc/schema.py', text: py }]);
    expect(at(scan, 'table', 'public.audit_log')).toBe('svc/schema.py:5 ensure_schema');
    expect(at(scan, 'sequence', 'public.audit_log_id_seq')).toBe('svc/schema.py:6 ensure_schema');
    expect(at(scan, 'index', 'public.audit_log.audit_log_payload_idx')).toBe('svc/schema.py:10 ensure_schema');
    expect(at(scan, 'column', 'public.pgparity_placeholder.note')).toBe('svc/schema.py:11 ensure_schema');
    expect(scan.writers).toEqual([{ name: 'ensure_schema', kind: 'ddl', location: { file: 'svc/schema.py', line: 3 }, statements: expect.any(Array) }]);
  });
});

describe('scanSources: ORM schema sync and models', () => {
  test('create_all with SQLAlchemy models', async () => {
    const models = ['class Tap(Base):', '    __tablename__ = "taps"', '    id = Column(Integer, primary_key=True)', '    notes = Column(Text)', ''].join('\n');
    const main = ['from .models import Base', '', 'def init_db():', '    Base.metadata.create_all(bind=engine)', ''].join('\n');
    const scan = await scanSources([
      { file: 'pilot/models.py', text: models },
      { file: 'pilot/main.py', text: main },
    ]);
    expect(scan.writers).toEqual([
      { name: 'Base.metadata.create_all', kind: 'orm', location: { file: 'pilot/main.py', line: 4 }, statements: [], context: 'init_db' },
    ]);
    expect(scan.models).toMatchObject([{ table: 'taps', orm: 'SQLAlchemy', location: { file: 'pilot/models.py', line: 2 }, bodyLine: 1 }]);
    expect(scan.models[0]!.bodyText).toContain('notes = Column(Text)');
  });

  test('Sequelize, TypeORM and Knex writers and models', async () => {
    const sequelize = ["const Tap = sequelize.define('tap', { notes: { type: DataTypes.TEXT } });", 'await sequelize.sync({ alter: true });'].join('\n');
    const typeorm = [
      "@Entity('pours')",
      'export class Pour {',
      '  @PrimaryGeneratedColumn() id!: number;',
      '}',
      '@Entity()',
      'export class MessageReceipt {}',
      'export const source = new DataSource({ type: "postgres", synchronize: true, entities: [Pour] });',
    ].join('\n');
    const knex =
      "export async function ensureTables() {\n  if (!(await knex.schema.hasTable('venues'))) await knex.schema.createTable('venues', (t) => { t.increments('id'); });\n}";
    const scan = await scanSources([
      { file: 'a/models.js', text: sequelize },
      { file: 'b/entities.ts', text: typeorm },
      { file: 'c/boot.ts', text: knex },
    ]);
    expect(scan.writers.map((w) => `${w.kind} ${w.name} ${w.location.file}:${w.location.line}`)).toEqual([
      'orm sequelize.sync a/models.js:2',
      'orm TypeORM synchronize: true b/entities.ts:7',
      'orm knex schema.createTable c/boot.ts:2',
    ]);
    expect(scan.models.map((m) => `${m.orm} ${m.table}`)).toEqual([
      'Sequelize tap',
      'Sequelize taps',
      'TypeORM pours',
      'TypeORM message_receipt',
      'Knex venues',
    ]);
  });

  test('Hibernate ddl-auto in Spring settings and GORM AutoMigrate in Go are writers; validate, none and comments are not', async () => {
    const scan = await scanSources([
      {
        file: 'src/main/resources/application.properties',
        text: 'spring.datasource.url=jdbc:postgresql://db/app\nspring.jpa.hibernate.ddl-auto=update\n# spring.jpa.hibernate.ddl-auto=create\n',
      },
      { file: 'src/main/resources/application-prod.yml', text: 'spring:\n  jpa:\n    hibernate:\n      ddl-auto: validate\n' },
      {
        file: 'src/main/resources/META-INF/persistence.xml',
        text: '<properties>\n  <property name="hibernate.hbm2ddl.auto" value="create-drop"/>\n</properties>\n',
      },
      {
        file: 'cmd/api/main.go',
        text: 'package main\n\nfunc main() {\n\tdb.AutoMigrate(&User{}, &Order{})\n\tdb.Exec(`CREATE TABLE IF NOT EXISTS audit (id bigint)`)\n}\n',
      },
    ]);
    expect(scan.writers.map((w) => [w.name, `${w.location.file}:${w.location.line}`])).toEqual([
      ['main', 'cmd/api/main.go:3'],
      ['Hibernate ddl-auto=update', 'src/main/resources/application.properties:2'],
      ['Hibernate ddl-auto=create-drop', 'src/main/resources/META-INF/persistence.xml:2'],
      ['GORM AutoMigrate', 'cmd/api/main.go:4'],
    ]);
  });

  test('MikroORM schema updates and a push in package.json scripts are writers', async () => {
    const scan = await scanSources([
      {
        file: 'src/boot.ts',
        text: 'export async function boot(orm: MikroORM) {\n  await orm.getSchemaGenerator().updateSchema();\n  await orm.schema.createSchema();\n}',
      },
      { file: 'package.json', text: '{\n  "scripts": {\n    "start": "prisma db push --accept-data-loss && node dist/main.js",\n    "build": "tsc"\n  }\n}\n' },
      { file: 'apps/web/package.json', text: '{ "scripts": { "db": "drizzle-kit push" } }' },
    ]);
    expect(scan.writers.map((w) => [w.name, `${w.location.file}:${w.location.line}`])).toEqual([
      ['MikroORM updateSchema', 'src/boot.ts:2'],
      ['MikroORM createSchema', 'src/boot.ts:3'],
      ['prisma db push', 'package.json:3'],
      ['drizzle-kit push', 'apps/web/package.json:1'],
    ]);
  });

  test('synchronize decided at run time, and libraries that create their own tables, are writers with their condition', async () => {
    const scan = await scanSources([
      { file: 'src/a.ts', text: "export const a = new DataSource({ type: 'postgres', synchronize: process.env.DB_SYNC === 'true' });" },
      { file: 'src/b.ts', text: 'export const b = new DataSource({\n  synchronize: isDev,\n  entities,\n});\nexport const off = { synchronize: false };' },
      { file: 'src/c.ts', text: 'app.use(session({ store: new PgSession({ pool, createTableIfMissing: true }) }));\nconst boss = new PgBoss(url);' },
      // A NestJS config service read over several lines (a comma inside the call).
      {
        file: 'src/d.ts',
        text: "return {\n  synchronize: this.configService.get('database.synchronize', {\n    infer: true,\n  }),\n  dropSchema: false,\n};",
      },
    ]);
    expect(scan.writers.map((w) => [w.name, `${w.location.file}:${w.location.line}`, w.condition ?? null, w.creates ?? null])).toEqual([
      ['TypeORM synchronize', 'src/a.ts:1', "DB_SYNC is 'true'", null],
      ['TypeORM synchronize', 'src/b.ts:2', 'isDev is true', null],
      ['connect-pg-simple createTableIfMissing', 'src/c.ts:1', null, { tables: ['session'] }],
      ['pg-boss', 'src/c.ts:2', null, { schema: 'pgboss' }],
      ['TypeORM synchronize', 'src/d.ts:2', 'setting database.synchronize is true', null],
    ]);
  });

  test('SQLAlchemy: each model with its class, bases and enums; Python classes for following bases', async () => {
    const models = [
      'Base = declarative_base()',
      'Status = Enum("a", "b", name="status")',
      'class Stamped(Base):',
      '    __abstract__ = True',
      'class Tap(Stamped):',
      '    __tablename__ = "taps"',
      '    status = Column(Status)',
      'pours = Table("pours", metadata, Column("id", Integer))',
      '',
    ].join('\n');
    const scan = await scanSources([{ file: 'm.py', text: models }]);
    expect(scan.models.map((m) => [m.table, m.name, m.bases])).toEqual([
      ['taps', 'Tap', ['Stamped']],
      ['pours', 'pours', ['metadata']],
    ]);
    expect(scan.enums.map((e) => [e.type, e.variable, e.location.line])).toEqual([['status', 'Status', 2]]);
    expect([...scan.classes]).toEqual([
      ['Stamped', ['Base']],
      ['Tap', ['Stamped']],
    ]);
  });

  test('a function named like ensureSchema is a writer even when its SQL is elsewhere', async () => {
    const scan = await scanSources([
      { file: 'src/boot.ts', text: "export async function initSchema(db) {\n  await db.exec(readFileSync('schema.sql', 'utf8'));\n}\n" },
    ]);
    expect(scan.writers).toEqual([{ name: 'initSchema', kind: 'function', location: { file: 'src/boot.ts', line: 1 }, statements: [] }]);
  });

  test('a file that cannot be lexed is skipped with the reason; the others are scanned', async () => {
    const scan = await scanSources([
      { file: 'bad.ts', text: 'const q = `CREATE TABLE never_closed (' },
      { file: 'bin.js', text: 'abc\u0000def' },
      { file: 'good.ts', text: "db.query('CREATE TABLE ok (a int)')" },
      { file: 'notes.md', text: 'CREATE TABLE ignored (a int)' },
    ]);
    expect(scan.skipped).toEqual([
      { file: 'bad.ts', reason: 'cannot read its strings: unterminated template literal at line 1' },
      { file: 'bin.js', reason: 'binary content' },
    ]);
    expect(at(scan, 'table', 'public.ok')).toBe('good.ts:1');
    expect(at(scan, 'table', 'public.ignored')).toBeUndefined();
  });
});
