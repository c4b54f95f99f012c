import { Writable } from 'node:stream';
import request from 'supertest';
import { createApp } from '../app';
import { testConfig, type Config } from '../config/env';
import type { Database } from '../db/connection';
import { createLogger } from '../logging/logger';

/** Captured log lines (parsed JSON) of a test app. */
export class LogCapture extends Writable {
  readonly lines: Array<Record<string, unknown>> = [];
  readonly raw: string[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line) continue;
      this.raw.push(line);
      this.lines.push(JSON.parse(line) as Record<string, unknown>);
    }
    done();
  }
}

/** The app as tests drive it: supertest on app.callback(), logs captured in memory. */
export function testApp(db: Pick<Database, 'kind' | 'ping'>, overrides: Partial<Config> = {}) {
  const logs = new LogCapture();
  const config = testConfig({ logLevel: 'info', ...overrides });
  const app = createApp({ config, logger: createLogger({ level: config.logLevel, destination: logs }), db });
  const callback = app.callback();
  return { app, logs, http: () => request(callback) };
}
