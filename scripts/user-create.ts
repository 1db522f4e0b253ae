/**
 * `npm run user:create -- --email E --role admin|owner|editor|caseworker [--org ID] [--password-stdin]`
 * The password is read from a hidden prompt, or from standard input with --password-stdin;
 * never from the command line (it would land in shell history and `ps`).
 */
import { createInterface } from 'node:readline';
import { ZodError } from 'zod';
import { AccountError, createAccount } from '../app/accounts/accounts.server';
import { ConfigError, loadConfig } from '../app/config/config.server';
import { createDatabase } from '../db/index';
import { migrateToLatest } from '../db/migrate';
import { EXIT_USAGE, exitWith, parseCli } from './lib/cli';

async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return text.replace(/\r?\n$/, '');
}

function prompt(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    // Hide what is typed: echo nothing after the question.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
      if (s.startsWith(question)) process.stdout.write(question);
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
  });
}

function fail(message: string): never {
  return exitWith('user:create', message);
}

const { values } = parseCli({
  command: 'user:create',
  summary:
    'Creates a staff account. The password is read from a hidden prompt, or from standard input with --password-stdin; never from the command line.',
  options: {
    email: { type: 'string', value: 'EMAIL', help: "the account's email address (required)" },
    role: { type: 'string', value: 'ROLE', help: 'admin, owner, editor or caseworker (required)' },
    org: {
      type: 'string',
      value: 'ID',
      help: 'the organization (required for owner, editor and caseworker)',
    },
    name: { type: 'string', value: 'NAME', help: 'display name' },
    'password-stdin': { type: 'boolean', default: false, help: 'read the password from standard input' },
  },
});
if (!values.email || !values.role)
  exitWith('user:create', 'missing --email or --role (see --help)', EXIT_USAGE);

let password: string;
if (values['password-stdin']) password = await readStdin();
else if (process.stdin.isTTY) password = await prompt('Password: ');
else fail('no terminal for the password prompt: pipe it in with --password-stdin.');

try {
  const config = loadConfig();
  const handle = await createDatabase({ databaseUrl: config.DATABASE_URL, pgliteDir: config.PGLITE_DIR });
  try {
    await migrateToLatest(handle.db);
    const account = await createAccount(handle.db, {
      email: values.email,
      password,
      role: values.role as never,
      organizationId: values.org,
      displayName: values.name,
    });
    process.stdout.write(`Created ${account.role} ${account.email} (${account.id})\n`);
  } finally {
    await handle.close();
  }
} catch (error) {
  if (error instanceof ZodError) fail(error.issues.map((issue) => issue.message).join(' '));
  if (error instanceof AccountError || error instanceof ConfigError) fail(error.message);
  throw error;
}
