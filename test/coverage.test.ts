/**
 * docs/coverage.md is held to the code: every kind it lists as compared is read by introspection
 * from the rich schema, with every attribute it lists for that kind; and every kind and attribute
 * introspection produces is listed there, so the page cannot fall behind the code.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { introspectCatalog } from '../src/catalog/index.js';
import { connect } from '../src/db/connect.js';
import { OBJECT_KINDS, type CatalogObject } from '../src/model/objects.js';
import { ROOT } from './support/cli.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { richSchemaFile, tempDir } from './matrix/support.js';

/** Attributes no plain script can give an object: an interrupted DETACH PARTITION CONCURRENTLY. */
const NOT_SCRIPTABLE: ReadonlySet<string> = new Set(['table.detachPending']);
/** What the second column says of an entry that no kind compares. */
const NOT_A_KIND = /^(left out|not compared yet|every kind|with `--include (owner|privileges)`)$/;
const IDENTITY_FIELDS: ReadonlySet<string> = new Set(['kind', 'key', 'schema', 'table', 'name']);

interface Row {
  readonly entry: string;
  readonly kind: string;
  readonly text: string;
}

function coverageRows(markdown: string): Row[] {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| ---') && !line.startsWith('| pg_dump entry'))
    .map((line) => {
      const [entry = '', kind = '', text = ''] = line.slice(2, -2).split(' | ');
      return { entry, kind, text };
    });
}

/** The attributes a row lists as compared: backquoted names outside parentheses, before a `;` outside them. */
function listedAttributes(text: string): string[] {
  let depth = 0;
  let plain = '';
  for (const char of text) {
    if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (depth === 0 && char === ';') break;
    else if (depth === 0) plain += char;
  }
  return [...plain.matchAll(/`([A-Za-z]+)`/g)].map((m) => m[1] ?? '');
}

/** Every backquoted name a row mentions, listed or explained. */
function mentionedNames(text: string): Set<string> {
  return new Set([...text.matchAll(/`([A-Za-z]+)`/g)].map((m) => m[1] ?? ''));
}

let db: TestDatabase;
let dir: string;
let objects: readonly CatalogObject[];
let rows: Row[];

beforeAll(async () => {
  rows = coverageRows(await readFile(join(ROOT, 'docs', 'coverage.md'), 'utf8'));
  dir = await tempDir();
  db = await createTestDatabase();
  const major = Number(inject('serverVersion').split('.')[0]);
  await db.exec(await readFile(await richSchemaFile(major, dir), 'utf8'));
  const client = await connect(db.target, { readOnly: true });
  try {
    objects = (await introspectCatalog(client, { source: 'coverage' })).snapshot.objects;
  } finally {
    await client.end();
  }
}, 120_000);

afterAll(async () => {
  await db?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** `kind → attributes` present on at least one introspected object of that kind. */
function producedAttributes(): Map<string, Set<string>> {
  const produced = new Map<string, Set<string>>();
  for (const o of objects) {
    const names = produced.get(o.kind) ?? new Set<string>();
    for (const [field, value] of Object.entries(o)) if (!IDENTITY_FIELDS.has(field) && value !== undefined) names.add(field);
    produced.set(o.kind, names);
  }
  return produced;
}

describe('docs/coverage.md', () => {
  test('every row names a kind pgparity compares, or says why none does', () => {
    expect(rows.length).toBeGreaterThan(40);
    const wrong = rows.filter((r) => {
      const kind = /^`([a-z_]+)`$/.exec(r.kind)?.[1];
      if (kind !== undefined) return !(OBJECT_KINDS as readonly string[]).includes(kind);
      return !NOT_A_KIND.test(r.kind) || r.text.trim().length < 10;
    });
    expect(wrong).toEqual([]);
  });

  test('every kind listed as compared is produced by introspection, with every attribute listed for it', () => {
    const produced = producedAttributes();
    const missing: string[] = [];
    for (const r of rows) {
      const kind = /^`([a-z_]+)`$/.exec(r.kind)?.[1];
      if (kind === undefined) continue;
      if (!produced.has(kind)) missing.push(`${kind} (no object of this kind)`);
      for (const attribute of listedAttributes(r.text)) {
        if (!produced.get(kind)?.has(attribute) && !NOT_SCRIPTABLE.has(`${kind}.${attribute}`)) missing.push(`${kind}.${attribute}`);
      }
    }
    expect(missing).toEqual([]);
  });

  test('every kind and attribute introspection produces is on the page', () => {
    const mentioned = new Map<string, Set<string>>();
    for (const r of rows) {
      const kind = /^`([a-z_]+)`$/.exec(r.kind)?.[1];
      if (kind !== undefined) mentioned.set(kind, new Set([...(mentioned.get(kind) ?? []), ...mentionedNames(r.text)]));
    }
    expect(OBJECT_KINDS.filter((k) => !mentioned.has(k))).toEqual([]);
    const unlisted = [...producedAttributes()].flatMap(([kind, names]) => [...names].filter((n) => !mentioned.get(kind)?.has(n)).map((n) => `${kind}.${n}`));
    expect(unlisted).toEqual([]);
  });
});
