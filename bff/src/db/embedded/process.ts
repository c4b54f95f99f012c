import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { EmbeddedMongo, EmbeddedMongoOptions } from './index';

/**
 * The embedded engine in a process of its own (cli.ts), as mongod runs beside an application: its
 * work does not share the application's event loop. Answers once it listens; stop() ends it.
 */
export function startEmbeddedMongoProcess(opts: EmbeddedMongoOptions = {}): Promise<EmbeddedMongo> {
  const args = ['--import', 'tsx', join(__dirname, 'cli.ts'), '--port', String(opts.port ?? 0)];
  if (opts.dbPath === null) args.push('--inMemory');
  else if (opts.dbPath !== undefined) args.push('--dbpath', opts.dbPath);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    child.once('exit', (code) => reject(new Error(`embedded engine process exited with ${code ?? 'a signal'} before listening`)));
    lines.once('line', (uri) => {
      lines.close();
      child.stdout.resume();
      const port = Number(new URL(uri).port);
      resolve({
        uri,
        port,
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    });
  });
}
