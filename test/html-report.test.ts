import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { ROOT, runCli } from './support/cli.js';

const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => p && existsSync(p));
const SCREENSHOTS = join(ROOT, 'test-output');

let live: TestDatabase;
let dir: string;
let html: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pgparity-html-'));
  live = await createTestDatabase();
  // The create-all scenario: extra columns and indexes, renamed constraints, a view definition that differs.
  const scenario = join(ROOT, 'fixtures/create-all');
  await live.exec(await readFile(join(scenario, 'live.sql'), 'utf8'));
  await live.exec('create view public.pilot_summary as select 1 as one; create table public."<b>bold</b> & co" (id int);');
  html = join(dir, 'report.html');
  const r = await runCli([
    'check',
    '--url',
    live.url,
    '--migrations',
    'fixtures/create-all/migrations',
    '--app-source',
    'fixtures/create-all/app',
    '--format',
    'html',
    '-o',
    html,
    '--quiet',
  ]);
  expect([r.code, r.stderr]).toEqual([1, '']);
}, 120_000);

afterAll(async () => {
  await live?.drop();
  await rm(dir, { recursive: true, force: true });
});

describe('HTML report', () => {
  test('one self-contained file: no network, no external script, style or font', async () => {
    const page = await readFile(html, 'utf8');
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=/i);
    expect(page).not.toMatch(/https?:\/\//);
    expect(page).not.toContain(live.target.password);
    // Names are escaped: a table named with markup cannot become markup.
    expect(page).toContain('&lt;b&gt;bold&lt;/b&gt; &amp; co');
    expect(page).not.toContain('<b>bold</b>');
  });

  test.skipIf(!CHROMIUM)(
    'in a real Chromium: loads without console errors, filters hide what they should, search finds a finding',
    async () => {
      const { chromium } = await import('playwright-core');
      const browser = await chromium.launch({
        executablePath: CHROMIUM!,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
      try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        const problems: string[] = [];
        page.on('console', (m) => {
          if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
        });
        page.on('pageerror', (e) => problems.push(e.message));
        page.on('request', (r) => {
          if (!r.url().startsWith('file:')) problems.push(`request to ${r.url()}`);
        });
        await page.goto(pathToFileURL(html).href);
        const total = await page.locator('.finding').count();
        expect(total).toBeGreaterThan(3);
        const visible = () => page.locator('.finding:not(.hidden)').count();
        expect(await visible()).toBe(total);

        // Severity filter: without warnings and info, only errors stay.
        await page.locator('input[name=severity][value=warning]').uncheck();
        await page.locator('input[name=severity][value=info]').uncheck();
        const errors = await page.locator('.finding[data-severity=error]').count();
        expect(await visible()).toBe(errors);
        expect(await page.locator('.finding[data-severity=warning]:not(.hidden)').count()).toBe(0);
        await page.locator('input[name=severity][value=warning]').check();
        await page.locator('input[name=severity][value=info]').check();

        // Kind filter, then search: one finding by a word of its key.
        await page.locator('#kind').selectOption('index');
        expect(await visible()).toBe(await page.locator('.finding[data-kind=index]').count());
        await page.locator('#kind').selectOption('');
        await page.locator('#search').fill('pilot_summary');
        expect(await visible()).toBe(1);
        expect(await page.locator('.finding:not(.hidden) .message').textContent()).toBe('view public.pilot_summary exists in live but no migration creates it');
        expect(await page.locator('#shown').textContent()).toBe(`1 of ${total} findings shown`);
        await page.locator('#search').fill('');

        await mkdir(SCREENSHOTS, { recursive: true });
        await page.screenshot({ path: join(SCREENSHOTS, 'html-report.png'), fullPage: true });
        expect(problems).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    60_000,
  );

  test.skipIf(CHROMIUM)('in a real Chromium (skipped: no Chromium here; apt-get install chromium, or set CHROMIUM_PATH)', () => {
    console.log('skipped: no Chromium at /usr/bin/chromium or CHROMIUM_PATH: the HTML report was not opened in a browser');
  });
});
