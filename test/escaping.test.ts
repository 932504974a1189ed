/**
 * Names from live reach no terminal or report raw (issue 12, defect 6): a table named with a
 * newline and a fake `::error` workflow command, an ESC sequence, a pipe; in every format; and a
 * migration excerpt with a control byte.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ROOT, runCli } from './support/cli.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

const INJECTED = 'gh\n::error title=INJECTED::fake';
const ESCAPED = 'red\u001b[31mX\u001b[0m';
const PIPED = 'a|b\nc';

let live: TestDatabase;
let dir: string;
let migrations: string;

const sqlLiteralIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

beforeAll(async () => {
  live = await createTestDatabase();
  await live.exec(
    `create table ${sqlLiteralIdent(INJECTED)} (id int); create table ${sqlLiteralIdent(ESCAPED)} (id int); create table t (${sqlLiteralIdent(PIPED)} int, ok int);`,
  );
  dir = await mkdtemp(join(tmpdir(), 'pgparity-escaping-'));
  migrations = join(dir, 'migrations');
  await mkdir(migrations);
  await writeFile(join(migrations, '001_t.sql'), 'create table t (ok int);\n');
}, 120_000);

afterAll(async () => {
  await live?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function diff(format: string, env: Record<string, string> = {}) {
  const r = await runCli(['diff', '--from', migrations, '--to', live.url, '--format', format], { env });
  expect(r.code).toBe(1);
  return r;
}

function noRawControls(text: string): void {
  // Only line breaks of our own; no ESC, CR or other control byte.
  expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
}

describe('every format escapes what names bring', () => {
  test('text: no line starts with a workflow command, controls shown escaped', async () => {
    const { stdout } = await diff('text');
    noRawControls(stdout);
    expect(stdout.split('\n').filter((l) => l.startsWith('::'))).toEqual([]);
    expect(stdout).toContain('table public."gh\\n::error title=INJECTED::fake" exists in live');
    expect(stdout).toContain('table public."red\\x1b[31mX\\x1b[0m" exists in live');
    expect(stdout).toContain('column public.t."a|b\\nc" exists in live');
  });

  test('annotations: one workflow command per finding, each on its own line', async () => {
    const { stderr } = await diff('json', { GITHUB_ACTIONS: 'true' });
    noRawControls(stderr);
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).toMatch(/^::error title=pgparity%3A extra (table|column) /);
    expect(lines.filter((l) => l.includes('INJECTED'))).toHaveLength(1);
    expect(stderr).toContain('public."gh\\n%3A%3Aerror title=INJECTED%3A%3Afake"');
  });

  test('markdown: table rows stay rows, pipes and newlines escaped', async () => {
    const { stdout } = await diff('markdown');
    noRawControls(stdout);
    // Each table (a run of lines starting with a pipe) keeps its header's number of cells on every row.
    const cells = (row: string): number => row.replace(/\\\|/g, '').split('|').length;
    const tables: string[][] = [];
    let previous = false;
    for (const line of stdout.split('\n')) {
      const isRow = line.startsWith('|');
      if (isRow && !previous) tables.push([]);
      if (isRow) tables.at(-1)!.push(line);
      previous = isRow;
    }
    expect(tables.length).toBeGreaterThan(1);
    for (const table of tables) for (const row of table) expect(cells(row), row).toBe(cells(table[0]!));
    // Markdown escapes the pipe and the backslash of `\n`: it reads `public.t."a|b\nc"`.
    expect(stdout).toContain('column public.t."a\\|b\\\\nc" exists in live');
    expect(stdout.split('\n').some((l) => l.startsWith('::'))).toBe(false);
  });

  test('junit: valid XML without control characters', async () => {
    const { stdout } = await diff('junit');
    noRawControls(stdout);
    const xsd = await readFile(join(ROOT, 'test/schemas/junit-10.xsd'), 'utf8');
    const result = await validateXML({ xml: [{ fileName: 'r.xml', contents: stdout }], schema: [{ fileName: 'junit-10.xsd', contents: xsd }] });
    expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
  });

  test('json: the names as they are, as JSON strings', async () => {
    const { stdout } = await diff('json');
    const report = JSON.parse(stdout) as { findings: { key: string; object: { name: string } }[] };
    expect(report.findings.map((f) => f.object.name).sort()).toEqual([PIPED, INJECTED, ESCAPED].sort());
    expect(stdout.split('\n').some((l) => l.startsWith('::'))).toBe(false);
  });
});

test('a migration excerpt shows a control byte escaped, caret still under the error', async () => {
  const bad = join(dir, 'bad');
  await mkdir(bad);
  await writeFile(join(bad, '001_bad.sql'), "select '\u001b[2J' as x; create tabel oops (id int);\n");
  const r = await runCli(['diff', '--from', bad, '--to', live.url]);
  expect(r.code).toBe(4);
  noRawControls(r.stderr);
  expect(r.stderr).toContain("1 | select '\\x1b[2J' as x; create tabel oops (id int);\n");
  const [line = '', caret = ''] = r.stderr.split('\n').filter((l) => /^\s*\d* \| /.test(l));
  expect(line.indexOf('tabel')).toBe(caret.indexOf('^'));
});

describe('history and stamp show names from live and from file names escaped', () => {
  test('history: a history row with an ESC sequence and a newline', async () => {
    const db = await createTestDatabase();
    try {
      await db.exec(
        `create table schema_migrations (filename text primary key, checksum text not null, applied_at timestamptz not null default now());
         insert into schema_migrations (filename, checksum) values (${sqlLiteral(`002_${ESCAPED}.sql`)}, 'x'), (${sqlLiteral(`003_${INJECTED}.sql`)}, 'y');`,
      );
      const r = await runCli(['history', '--url', db.url, '--migrations', migrations]);
      noRawControls(r.stdout);
      expect(r.stdout.split('\n').filter((l) => l.startsWith('::'))).toEqual([]);
      expect(r.stdout).toContain('002_red\\x1b[31mX\\x1b[0m.sql');
      expect(r.stdout).toContain('003_gh\\n::error title=INJECTED::fake.sql');
      expect(r.code).toBe(1);
    } finally {
      await db.drop();
    }
  });

  test('stamp --dry-run: a migration file whose name holds an ESC sequence', async () => {
    const db = await createTestDatabase();
    const files = join(dir, 'stamp');
    try {
      await mkdir(files);
      await writeFile(join(files, `001_${ESCAPED}.sql`), 'create table t (ok int);\n');
      await db.exec('create table t (ok int)');
      const r = await runCli(['stamp', '--url', db.url, '--migrations', files, '--dry-run', '--create-table']);
      noRawControls(r.stdout);
      expect(r.stdout).toContain('  001_red\\x1b[31mX\\x1b[0m.sql  sha256 ');
      expect(r.code).toBe(0);
    } finally {
      await db.drop();
    }
  });
});

function sqlLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
