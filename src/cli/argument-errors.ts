import { closest } from '../text/closest.js';

/**
 * yargs' validation messages, reworded so one line names the option, the value given and what
 * is accepted: `--format xml: expected one of text, json, junit, markdown`.
 */
export function argumentError(message: string, args: readonly string[], commands: string): string {
  const lines = message
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const first = lines[0] ?? message;
  if (first.startsWith('Invalid values:')) {
    const problems = lines.slice(1).map((line) => {
      const m = /^Argument: (\S+), Given: (.*), Choices: (.*)$/.exec(line);
      if (!m) return line;
      const choices = (m[3] ?? '').split(', ').map(unquote).join(', ');
      return `--${m[1]} ${m[2]}: expected one of ${choices}`;
    });
    return problems.join('; ');
  }
  const unknown = /^Unknown arguments?: (.*)$/.exec(first);
  if (unknown) return unknownArguments((unknown[1] ?? '').split(', '), args, commands);
  const missing = /^Missing required arguments?: (.*)$/.exec(first);
  if (missing) return `missing ${(missing[1] ?? '').split(', ').map(optionName).join(', ')}: see pgparity --help`;
  const following = /^Not enough arguments following: (.*)$/.exec(first);
  if (following) return `${optionName(following[1] ?? '')} needs a value`;
  const positional = /^Not enough non-option arguments: got (\d+), need at least (\d+)$/.exec(first);
  if (positional)
    return `the ${args[0] ?? ''} command needs ${positional[2]} argument${positional[2] === '1' ? '' : 's'} (got ${positional[1]}): see pgparity ${args[0] ?? ''} --help`;
  if (first.startsWith('give a command')) {
    const stray = args.find((a) => a.startsWith('-') && !/^(--?(h|help|version|debug|no-debug))(=|$)/.test(a));
    if (stray) return `unknown option ${stray.replace(/=.*$/, '')}: give a command first (${commands}), see pgparity --help`;
  }
  // Our own words (a coerce callback's: `--statement-timeout "abc": …`) are complete as they are.
  return first.startsWith('--') ? first : `${first} (pgparity --help)`;
}

/**
 * yargs names unknown options and stray words alike (`bogus` for `--bogus`); the arguments tell
 * them apart: a word in the command's place is an unknown command, another one a stray argument.
 */
function unknownArguments(names: readonly string[], args: readonly string[], commands: string): string {
  const command = args[0];
  const known = commands.split(/, | or /);
  if (command !== undefined && names.includes(command) && !command.startsWith('-') && !known.includes(command)) {
    const near = closest(command, known);
    return `unknown command ${command}${near ? ` (did you mean ${near}?)` : ''}: give one of ${commands}`;
  }
  const stray = names.filter((n) => !n.startsWith('-') && args.includes(n));
  if (stray.length > 0)
    return `unexpected argument${stray.length === 1 ? '' : 's'} ${stray.join(', ')}: see pgparity ${command} --help for what ${command} takes`;
  return `unknown option ${names.map((n) => asTyped(n, args)).join(', ')}: see pgparity --help for the options`;
}

/** An unknown option as it was typed: yargs names `--no-cache` as `cache`. */
function asTyped(name: string, args: readonly string[]): string {
  const option = optionName(name);
  const negated = `--no-${name}`;
  return !args.some((a) => a === option || a.startsWith(`${option}=`)) && args.some((a) => a === negated || a.startsWith(`${negated}=`)) ? negated : option;
}

function optionName(name: string): string {
  if (name.startsWith('-')) return name;
  return name.length === 1 ? `-${name}` : `--${name}`;
}

function unquote(text: string): string {
  return text.replace(/^"(.*)"$/, '$1');
}
