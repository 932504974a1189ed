import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import type { Rehearsal } from '../model/rehearsal.js';
import { renderRehearsalJson } from './rehearsal-json.js';
import { renderRehearsalJunit } from './rehearsal-junit.js';
import { renderRehearsalMarkdown } from './rehearsal-markdown.js';
import { renderRehearsalText } from './rehearsal-text.js';

/**
 * The rehearse reporters on the outcomes the rehearse fixtures commit (what `pgparity rehearse`
 * must report for them), with a fixed scratch side. Update the goldens with
 * `npx vitest run src/report -u` and read the diff before committing.
 */
const JUNIT_XSD = readFileSync(new URL('../../test/schemas/junit-10.xsd', import.meta.url), 'utf8');

function fixture(name: string): Rehearsal {
  const outcome = JSON.parse(readFileSync(new URL(`../../fixtures/rehearse/${name}/expected.json`, import.meta.url), 'utf8')) as Omit<
    Rehearsal,
    'source' | 'warnings'
  >;
  return { ...outcome, source: { source: `migrations:fixtures/rehearse/${name}/migrations`, serverVersion: '18.4', provider: 'embedded' }, warnings: [] };
}

describe.each(['golang-migrate', 'goose'])('rehearse reporters on %s', (name) => {
  test('text', async () => {
    await expect(renderRehearsalText(fixture(name), { color: false })).toMatchFileSnapshot(`./__golden__/rehearse-${name}.txt`);
  });

  test('json', async () => {
    await expect(renderRehearsalJson(fixture(name), { name: 'pgparity', version: '0.1.0' })).toMatchFileSnapshot(`./__golden__/rehearse-${name}.json`);
  });

  test('markdown', async () => {
    await expect(renderRehearsalMarkdown(fixture(name))).toMatchFileSnapshot(`./__golden__/rehearse-${name}.md`);
  });

  test('junit, valid against the JUnit XSD', async () => {
    const xml = renderRehearsalJunit(fixture(name));
    await expect(xml).toMatchFileSnapshot(`./__golden__/rehearse-${name}.junit.xml`);
    const result = await validateXML({ xml: [{ fileName: 'rehearse.xml', contents: xml }], schema: [{ fileName: 'junit-10.xsd', contents: JUNIT_XSD }] });
    expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
  });
});
