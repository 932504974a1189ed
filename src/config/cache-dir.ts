import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where pgparity keeps what is safe to reuse between runs: `$PGPARITY_CACHE_DIR`, else `$XDG_CACHE_HOME/pgparity`, else `~/.cache/pgparity`. */
export function cacheDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return env.PGPARITY_CACHE_DIR ?? join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'pgparity');
}
