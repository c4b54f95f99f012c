import path from 'node:path';
import { startEmbeddedMongo } from './index';

/** `npm run db -- --port 27017 --dbpath ./data/db`: serves until SIGINT or SIGTERM. */
function parseArgs(argv: string[]): { port: number; dbPath: string | null; exitWithParent: boolean } {
  let port = 27017;
  let exitWithParent = false;
  let dbPath: string | null = path.resolve('data/db');
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.includes('=') ? (arg.split('=', 2) as [string, string]) : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--port') port = Number(value());
    else if (flag === '--dbpath') dbPath = path.resolve(value());
    else if (flag === '--inMemory' || flag === '--nodb') dbPath = null;
    else if (flag === '--exit-with-parent') exitWithParent = true;
    else if (flag === '--bind_ip' || flag === '--replSet') value();
    else if (flag === '--help' || flag === '-h') {
      process.stdout.write('usage: npm run db -- [--port N] [--dbpath DIR] [--inMemory]\n');
      process.exit(0);
    } else throw new Error(`unknown option ${arg}`);
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --port ${String(port)}`);
  return { port, dbPath, exitWithParent };
}

async function main(): Promise<void> {
  const { port, dbPath, exitWithParent } = parseArgs(process.argv.slice(2));
  const db = await startEmbeddedMongo({ port, dbPath });
  process.stdout.write(`${db.uri}\n`);
  process.stderr.write(`embedded MongoDB-compatible engine listening on 127.0.0.1:${db.port} (${dbPath ?? 'memory only'})\n`);
  let stopping = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    db.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  if (exitWithParent) {
    // Started by an application (process.ts): its end, even by kill -9, closes our stdin.
    process.stdin.once('end', shutdown);
    process.stdin.once('close', shutdown);
    process.stdin.resume();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
