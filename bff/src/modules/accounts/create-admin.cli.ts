/**
 * `npm run admin:create -- --username x [--name 显示名]`: creates an admin in the configured
 * database (MONGODB_URI or the embedded engine in DATA_DIR). The password is read from stdin: typed
 * twice (not shown) at a terminal, or the first line of what is piped in.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../../config/env';
import { connectDatabase, DatabaseUnavailableError } from '../../db/connection';
import { AdminCreationError, createFirstAdmin } from './first-admin';

/** One line from a terminal without echoing it. */
function askHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const out = rl as unknown as { _writeToOutput: (s: string) => void };
    let asked = false;
    out._writeToOutput = (s: string) => {
      if (!asked) process.stdout.write(s);
      asked = true;
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
  });
}

async function pipedLine(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text.split(/\r?\n/)[0] ?? '';
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) return pipedLine();
  const first = await askHidden('Password for the new admin: ');
  const again = await askHidden('Same password again: ');
  if (first !== again) throw new AdminCreationError('Refused: the two passwords differ.');
  return first;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { username: { type: 'string' }, name: { type: 'string' } } });
  if (!values.username) throw new AdminCreationError('Usage: npm run admin:create -- --username <name> [--name <display name>] (password on stdin)');
  const password = await readPassword();
  const config = loadConfig();
  const db = await connectDatabase({ ...config, embeddedDbProcess: false });
  try {
    const admin = await createFirstAdmin({ username: values.username, password, displayName: values.name }, () => new Date());
    process.stdout.write(`Admin account created: ${admin.username} (${admin.id}). Sign in at the staff console.\n`);
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  const known = err instanceof ConfigError || err instanceof DatabaseUnavailableError || err instanceof AdminCreationError;
  process.stderr.write(`${known ? err.message : `admin:create failed: ${err instanceof Error ? err.message : String(err)}`}\n`);
  process.exit(1);
});
