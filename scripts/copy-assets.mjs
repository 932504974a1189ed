// What the built package needs beside the compiled code; tsc copies neither.
import { cpSync, existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

// Catalog queries live as .sql files beside their mappers.
cpSync('src/catalog/sql', 'dist/catalog/sql', { recursive: true });
cpSync('src/preflight/sql', 'dist/preflight/sql', { recursive: true });

// `pgparity demo` runs the fixture scenarios marked `"demo": true`, from the installed package too.
rmSync('dist/demo', { recursive: true, force: true });
for (const entry of readdirSync('fixtures', { withFileTypes: true })) {
  const scenario = join('fixtures', entry.name, 'scenario.json');
  if (!entry.isDirectory() || !existsSync(scenario) || JSON.parse(readFileSync(scenario, 'utf8')).demo !== true) continue;
  cpSync(join('fixtures', entry.name), join('dist/demo', entry.name), { recursive: true });
}
