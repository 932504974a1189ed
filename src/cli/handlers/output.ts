import { writeFile } from 'node:fs/promises';
import { ConfigError } from '../../model/errors.js';

/** `text` to the `--output` file when there is one (a one-line error when it cannot be written), else to stdout. */
export async function writeOutput(file: string | undefined, text: string): Promise<void> {
  if (!file) {
    process.stdout.write(text);
    return;
  }
  await writeFile(file, text).catch((error: NodeJS.ErrnoException) => {
    throw new ConfigError(`cannot write ${file}: ${error.code === 'ENOENT' ? 'its directory does not exist' : error.message}`);
  });
}
