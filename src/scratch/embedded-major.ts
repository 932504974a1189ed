import { ConnectionError } from '../model/errors.js';
import type { ScratchChoice } from '../model/report.js';
import { embeddedDefaultMajor, embeddedInstalled } from './embedded.js';
import type { ScratchSpec } from './provider.js';
import { EMBEDDED_RELEASES, installServer, ServerInstallError, serverDirectory } from './server-install.js';

/** What decides the major of an `embedded` scratch server: the live database's major, when one side is live. */
export interface MajorWish {
  readonly major: number;
  /** The side whose major it is, as the report names it (`live`, `the --from database`). */
  readonly side: string;
}

/**
 * The embedded server to run and why. `embedded` (the default) runs `wish`'s major, installing it
 * on demand; when that cannot be done it says so through `notice` and runs the default major
 * (differences between majors are then folded). `embedded:N` runs N or fails with exit 3.
 */
export async function chooseEmbeddedMajor(
  spec: Extract<ScratchSpec, { type: 'embedded' }>,
  wish: MajorWish | undefined,
  notice: (line: string) => void,
): Promise<{ spec: ScratchSpec; choice: ScratchChoice }> {
  if (spec.major !== undefined) {
    const major = spec.major;
    try {
      await provide(major, notice);
    } catch (error) {
      if (!(error instanceof ServerInstallError)) throw error;
      throw new ConnectionError(
        `cannot install embedded PostgreSQL ${major}: ${error.message}; pre-install it (see docs/scratch.md) or use --scratch docker:postgres:${major}`,
      );
    }
    return { spec, choice: { major, reason: `--scratch embedded:${major}` } };
  }
  const fallback = await embeddedDefaultMajor();
  if (wish === undefined) return { spec, choice: { major: fallback, reason: 'the default major: neither side is a live database' } };
  if (wish.major === fallback) return { spec, choice: { major: fallback, reason: `${wish.side}'s major` } };
  try {
    await provide(wish.major, notice);
    return { spec: { type: 'embedded', major: wish.major }, choice: { major: wish.major, reason: `${wish.side}'s major` } };
  } catch (error) {
    if (!(error instanceof ServerInstallError)) throw error;
    notice(
      `cannot install embedded PostgreSQL ${wish.major} (${error.message}): replaying on PostgreSQL ${fallback}, differences between the majors are folded`,
    );
    return { spec, choice: { major: fallback, reason: `the default major: ${wish.side}'s major ${wish.major} could not be provided (${error.message})` } };
  }
}

/** Make sure embedded PostgreSQL `major` can start: installed with pgparity, or installed on demand. */
async function provide(major: number, notice: (line: string) => void): Promise<void> {
  if (await embeddedInstalled(major)) return;
  if (EMBEDDED_RELEASES[major] === undefined) {
    throw new ServerInstallError(`pgparity has no embedded PostgreSQL ${major}; it has ${Object.keys(EMBEDDED_RELEASES).join(', ')}`);
  }
  await installServer(major, notice);
  if (!(await embeddedInstalled(major))) throw new ServerInstallError(`the install into ${serverDirectory(major)} is incomplete`);
}
