/** `npm run demo:remove`: removes the demo accounts and data from the configured database. */
import { ConfigError, loadConfig } from '../config/env';
import { connectDatabase, DatabaseUnavailableError } from '../db/connection';
import { removeDemoData } from './demo-removal';

async function main(): Promise<void> {
  const config = loadConfig();
  const db = await connectDatabase({ ...config, embeddedDbProcess: false });
  try {
    const removed = await removeDemoData();
    process.stdout.write(
      `Demo data removed: ${removed.accounts} accounts, ${removed.employers} employers, ${removed.jobs} jobs, ${removed.courses} courses.\n`,
    );
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  const known = err instanceof ConfigError || err instanceof DatabaseUnavailableError;
  process.stderr.write(`${known ? err.message : `demo:remove failed: ${err instanceof Error ? err.message : String(err)}`}\n`);
  process.exit(1);
});
