import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { EmbeddedMongo, EmbeddedMongoOptions } from './index';

export interface EmbeddedProcessOptions extends EmbeddedMongoOptions {
  /** Called when the engine process ends without stop() (a crash): the database is gone. */
  onUnexpectedExit?: (reason: string) => void;
}

const LISTENING = 'embedded MongoDB-compatible engine listening';

/**
 * The embedded engine in a process of its own (cli.ts), as mongod runs beside an application: its
 * work does not share the application's event loop. Answers once it listens; stop() ends it.
 * It ends by itself when this process dies (its stdin closes), and it is in a process group of its
 * own, so a terminal's Ctrl-C reaches the application, which stops it after closing its connections.
 */
export function startEmbeddedMongoProcess(opts: EmbeddedProcessOptions = {}): Promise<EmbeddedMongo> {
  // A private socket (directory 0700, socket 0600) needs no logins; the driver lower-cases host names,
  // so the path is lower case.
  const socketDir = join(tmpdir(), `zhuanyi-engine-${randomBytes(8).toString('hex')}`);
  fs.mkdirSync(socketDir, { mode: 0o700 });
  const cleanup = (): void => fs.rmSync(socketDir, { recursive: true, force: true });
  const args = ['--import', 'tsx', join(__dirname, 'cli.ts'), '--socket', join(socketDir, 'mongod.sock'), '--exit-with-parent'];
  if (opts.dbPath === null) args.push('--inMemory');
  else if (opts.dbPath !== undefined) args.push('--dbpath', opts.dbPath);
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  let stopping = false;
  let lastError = '';
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      cleanup();
      resolve();
    }),
  );
  createInterface({ input: child.stderr }).on('line', (line) => {
    if (line.startsWith(LISTENING)) return;
    lastError = line;
    process.stderr.write(`[embedded engine] ${line}\n`);
  });
  return new Promise((resolve, reject) => {
    let listening = false;
    const stdout = createInterface({ input: child.stdout });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      const reason = lastError || `embedded engine process exited with ${code ?? signal}`;
      if (!listening) reject(new Error(reason));
      else if (!stopping) opts.onUnexpectedExit?.(reason);
    });
    stdout.once('line', (uri) => {
      listening = true;
      stdout.close();
      child.stdout.resume();
      resolve({
        uri,
        port: Number(new URL(uri).port),
        pid: child.pid,
        async stop() {
          stopping = true;
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    });
  });
}
