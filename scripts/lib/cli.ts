/**
 * The one way Haven's CLIs read their arguments. `--help` (or `-h`) prints the usage and exits 0
 * before anything else runs; an unknown flag, a flag without its value or a wrong number of
 * arguments prints what is wrong and the usage, and exits 2. No stack trace for a user's error.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type ParseArgsOptionConfig = NonNullable<ParseArgsConfig['options']>[string];

export type CliOption = ParseArgsOptionConfig & {
  /** One line for the usage text. */
  help: string;
  /** The value's name in the usage text (string options), e.g. `FILE`. */
  value?: string;
};

export interface CliSpec<O extends Record<string, CliOption>> {
  /** The npm script, e.g. `db:import`. */
  command: string;
  /** What the command does, in one or two lines. */
  summary: string;
  /** Positional arguments, each required unless written in brackets, e.g. `['<dir>']`. */
  positionals?: string[];
  options: O;
}

/** Exit codes shared by the CLIs. */
export const EXIT_USAGE = 2;

export function usageText<O extends Record<string, CliOption>>(spec: CliSpec<O>): string {
  const args = [...(spec.positionals ?? []), ...(Object.keys(spec.options).length ? ['[options]'] : [])];
  const npm = spec.command === 'start' ? 'npm start' : `npm run ${spec.command}`;
  const lines = [
    `usage: ${npm}${args.length ? ` -- ${args.join(' ')}` : ''}`,
    '',
    spec.summary,
    '',
    'options:',
  ];
  const entries: Array<[string, string]> = Object.entries(spec.options).map(([name, option]) => {
    const flag = `${option.short ? `-${option.short}, ` : ''}--${name}${option.type === 'string' ? ` ${option.value ?? 'VALUE'}` : ''}`;
    const fallback =
      option.default === undefined || option.default === false ? '' : ` (default: ${String(option.default)})`;
    return [flag, `${option.help}${fallback}`];
  });
  entries.push(['-h, --help', 'print this help and exit']);
  const width = Math.max(...entries.map(([flag]) => flag.length));
  for (const [flag, help] of entries) lines.push(`  ${flag.padEnd(width)}  ${help}`);
  return `${lines.join('\n')}\n`;
}

function isRequired(positional: string) {
  return !positional.startsWith('[');
}

/**
 * Parses `argv` (default: this process's arguments) against the spec. Exits the process on
 * `--help` (0) and on a usage error (2); otherwise returns the typed values and positionals.
 */
export function parseCli<const O extends Record<string, CliOption>>(
  spec: CliSpec<O>,
  argv = process.argv.slice(2),
) {
  const usage = usageText(spec);
  const flags = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
  if (flags.some((arg) => arg === '--help' || arg === '-h')) {
    process.stdout.write(usage);
    process.exit(0);
  }
  const fail = (message: string): never => {
    process.stderr.write(`${spec.command}: ${message}\n\n${usage}`);
    process.exit(EXIT_USAGE);
  };
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: spec.options, allowPositionals: true, strict: true });
  } catch (error) {
    // Node's parse errors name the flag; keep their first sentence, drop the stack.
    return fail((error as Error).message.split(/\.\s/)[0]!.replace(/\.$/, ''));
  }
  const expected = spec.positionals ?? [];
  const required = expected.filter(isRequired).length;
  if (parsed.positionals.length < required) fail(`missing ${expected[parsed.positionals.length]}`);
  if (parsed.positionals.length > expected.length)
    fail(`unexpected argument ${JSON.stringify(parsed.positionals[expected.length])}`);
  return parsed;
}

/** Prints a user error (no stack) and exits with the given code. */
export function exitWith(command: string, message: string, code = 1): never {
  process.stderr.write(`${command}: ${message}\n`);
  process.exit(code);
}
