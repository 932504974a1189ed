/**
 * Source text compared as code: a function body, view, trigger WHEN, policy and CHECK written
 * with redundant quotes, other keyword case, blank lines and comments is the same object; a real
 * change in a body is still found, with a unified diff.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { runCli } from './support/cli.js';

const MIGRATION = `create schema app; create table app.jobs (id int primary key, state text check (state <> 'gone'));
create function app.pending() returns bigint language plpgsql as $$
begin
  -- count what is left
  return (select count(*) from app.jobs where state = 'new');
end
$$;
create function app.touch() returns trigger language plpgsql as $$ begin return new; end $$;
create view app.open_jobs as select id from app.jobs where state = 'new';
create trigger jobs_touch before update on app.jobs for each row when (old.state is distinct from new.state) execute function app.touch();
alter table app.jobs enable row level security;
create policy own on app.jobs using (state = current_user);
`;

const LIVE = `create schema "app"; create table "app"."jobs" ("id" int primary key, "state" text CHECK ("state" <> 'gone'));
create function "app".pending() returns bigint language plpgsql as $$
begin

  RETURN (SELECT count(*) FROM "app".jobs WHERE state = 'new');
end
$$;
CREATE FUNCTION "app"."touch"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN "new"; END $$;
CREATE VIEW "app".open_jobs AS SELECT "id" FROM "app"."jobs" WHERE "state" = 'new';
CREATE TRIGGER jobs_touch BEFORE UPDATE ON "app"."jobs" FOR EACH ROW WHEN ("old"."state" IS DISTINCT FROM "new"."state") EXECUTE FUNCTION "app"."touch"();
ALTER TABLE "app"."jobs" ENABLE ROW LEVEL SECURITY;
CREATE POLICY own ON "app"."jobs" USING ("state" = CURRENT_USER);
`;

let dir: string;
const dbs: TestDatabase[] = [];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pgparity-code-'));
  await writeFile(join(dir, '001_app.sql'), MIGRATION);
});
afterAll(async () => {
  for (const db of dbs) await db.drop();
  await rm(dir, { recursive: true, force: true });
});

async function liveWith(sql: string): Promise<TestDatabase> {
  const db = await createTestDatabase();
  dbs.push(db);
  await db.exec(sql);
  return db;
}

test('the same code written with redundant quotes, other case, blank lines and no comment is parity', { timeout: 120_000 }, async () => {
  const live = await liveWith(LIVE);
  const r = await runCli(['check', '--url', live.url, '--migrations', dir, '--format', 'json', '--no-cache']);
  expect(JSON.parse(r.stdout).findings).toEqual([]);
  expect(r.code).toBe(0);
});

test('a real change in a body is found, with the unified diff', { timeout: 120_000 }, async () => {
  const live = await liveWith(LIVE.replace("state = 'new');", "state = 'queued');"));
  const r = await runCli(['check', '--url', live.url, '--migrations', dir, '--no-cache']);
  expect(r.code).toBe(1);
  expect(r.stdout).toContain('function app.pending()');
  expect(r.stdout).toContain("-  return (select count(*) from app.jobs where state = 'new');");
  expect(r.stdout).toContain('+  RETURN (SELECT count(*) FROM "app".jobs WHERE state = \'queued\');');
});
