import { constants } from 'node:fs';
import { access, statfs } from 'node:fs/promises';
import { tmpdir } from 'node:os';

/** Memory-backed and large enough for a scratch cluster of tens of thousands of tables (and its WAL). */
const SHM = '/dev/shm';
const MIN_FREE_BYTES = 4 * 1024 ** 3;

/**
 * Where embedded scratch servers keep their data directory: `$PGPARITY_SCRATCH_DIR`; else, when
 * `TMPDIR` is set, there (the user chose); else `/dev/shm` when it is a large writable tmpfs,
 * because a throwaway cluster never needs a disk and creating thousands of relation files is
 * much cheaper in memory; else the OS temp directory.
 */
export async function scratchRoot(env: Readonly<Record<string, string | undefined>> = process.env): Promise<string> {
  if (env.PGPARITY_SCRATCH_DIR) return env.PGPARITY_SCRATCH_DIR;
  if (env.TMPDIR || process.platform !== 'linux') return tmpdir();
  try {
    await access(SHM, constants.W_OK);
    const fs = await statfs(SHM);
    if (fs.bavail * fs.bsize >= MIN_FREE_BYTES) return SHM;
  } catch {
    // No /dev/shm, or not ours to write.
  }
  return tmpdir();
}
