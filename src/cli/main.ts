#!/usr/bin/env node
import type { CommandModule } from 'yargs';
import { redactConnectionString } from '../db/conninfo.js';
import { ConfigError, ReplayError } from '../model/errors.js';
import { escapeControl } from '../model/escape.js';
import { cleanupAll, interrupted } from '../scratch/cleanup.js';
import { TOOL } from '../version.js';
import { argumentError } from './argument-errors.js';
import { checkCommand } from './check.js';
import { cleanupCommand } from './cleanup.js';
import { clearProgress } from './console.js';
import { demoCommand } from './demo.js';
import { diffCommand } from './diff.js';
import { EXIT, exitCodeForError } from '../exit-codes.js';
import { historyCommand } from './history.js';
import { rehearseCommand } from './rehearse.js';
import { preflightCommand } from './preflight.js';
import { snapshotCommand } from './snapshot.js';
import { stampCommand } from './stamp.js';
import { verifyCommand } from './verify.js';
import { fingerprintCommand } from './fingerprint.js';
import { mergeCommand } from './merge.js';

/**
 * Every command, in the order `--help` lists them. Each module holds only its yargs definition and loads its
 * handler (and with it pg, libpg-query, zod, the reports…) when it runs: `--help` and `--version` stay fast.
 */
// biome-ignore lint/suspicious/noExplicitAny: each module's own argument type; yargs takes them one by one.
const COMMANDS: readonly CommandModule<object, any>[] = [
  checkCommand,
  diffCommand,
  snapshotCommand,
  historyCommand,
  preflightCommand,
  stampCommand,
  verifyCommand,
  rehearseCommand,
  fingerprintCommand,
  mergeCommand,
  demoCommand,
  cleanupCommand,
];
/** `check, diff, … or cleanup`: what the messages that ask for a command name. */
const COMMAND_NAMES = COMMANDS.map((c) => String(c.command).split(' ')[0]);
const COMMAND_LIST = `${COMMAND_NAMES.slice(0, -1).join(', ')} or ${COMMAND_NAMES.at(-1)}`;

/** Wires the commands; decides what is printed for a failure and with which exit code. */
export async function main(args: readonly string[]): Promise<number> {
  // What yargs would print, without loading it (about half of the start-up time).
  if (args.length === 1 && args[0] === '--version') {
    process.stdout.write(`${TOOL.version}\n`);
    return EXIT.parity;
  }
  const debug = args.includes('--debug');
  try {
    const { default: yargs } = await import('../vendor/yargs.js');
    let cli = yargs([...args])
      .scriptName('pgparity')
      // Every message of ours is English: yargs' own words (help headings, validation) must be too, whatever
      // LANG says, and argumentError reads them.
      .locale('en')
      .usage('$0 <command> [options]\n\nDoes the live database have exactly the schema your migrations produce?');
    for (const command of COMMANDS) cli = cli.command(command);
    await cli
      .option('debug', { type: 'boolean', default: false, describe: 'print stack traces' })
      .demandCommand(1, `give a command: ${COMMAND_LIST}`)
      .strict()
      .version(TOOL.version)
      .help()
      .alias('h', 'help')
      .wrap(Math.min(110, process.stdout.columns || 100))
      .epilogue(
        'Exit codes: 0 parity · 1 drift at or above --fail-on · 2 usage/configuration error · 3 cannot connect or start the scratch server · 4 a migration failed · 70 internal error',
      )
      .fail((message, error) => {
        // yargs' own YError also carries a coerce callback's ConfigError message.
        if (error && error.name !== 'YError') throw error;
        throw new ConfigError(argumentError(error?.message ?? message, args, COMMAND_LIST));
      })
      .parseAsync();
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.parity;
  } catch (error) {
    clearProgress();
    // Ctrl-C: the failure is the interruption's doing (its cleanup drops what was in use); the signal handler exits.
    const signal = interrupted();
    if (signal) return signal.code;
    const code = exitCodeForError(error);
    const message = error instanceof Error ? error.message : String(error);
    // A connection string given where none belongs (as the command, a stray argument) is echoed without its password.
    const line = escapeControl(redactConnectionString(message.split('\n')[0] ?? ''));
    process.stderr.write(`pgparity: ${code === EXIT.internal ? 'internal error: ' : ''}${line}\n`);
    if (error instanceof ReplayError && error.excerpt) process.stderr.write(`${escapeControl(error.excerpt, '\n\t')}\n`);
    if (debug && error instanceof Error && error.stack) process.stderr.write(`${redactConnectionString(error.stack)}\n`);
    else if (code === EXIT.internal) process.stderr.write('(run with --debug for the stack trace, and please report it)\n');
    return code;
  } finally {
    await cleanupAll();
  }
}

process.exitCode = await main(process.argv.slice(2));
