import { readFileSync } from 'node:fs';

/** The package's own name and version, as JSON reports and caches record them. */
export const TOOL: { readonly name: string; readonly version: string } = (() => {
  // Both src/ and dist/ sit one level below package.json.
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
  return { name: pkg.name, version: pkg.version };
})();
