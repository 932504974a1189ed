// Preloaded by test/startup.test.ts (`node --import`): appends the URL of every module the process
// loads to $PGPARITY_MODULE_LOG. ES modules are seen by the resolve hook below (which runs on the
// loader's own thread); CommonJS ones are in require.cache when the process exits.
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { isMainThread } from 'node:worker_threads';

const LOG = process.env.PGPARITY_MODULE_LOG;

if (isMainThread) {
  register(import.meta.url);
  const cache = createRequire(import.meta.url).cache;
  process.on('exit', () =>
    appendFileSync(
      LOG,
      Object.keys(cache)
        .map((file) => `${pathToFileURL(file).href}\n`)
        .join(''),
    ),
  );
}

export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(LOG, `${resolved.url}\n`);
  return resolved;
}
