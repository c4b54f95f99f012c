import { Engine } from './engine';
import { WireServer } from './server';
import { startMonitors } from './monitors';
import { expireDocuments } from './ttl';
import { Store, type StoreOptions } from './storage/store';
import path from 'node:path';
import { ScramServer } from './auth/scram';
import type { UserStore } from './auth/users';

export interface EmbeddedMongoOptions {
  /** Data directory; null keeps everything in memory. Defaults to ./data/db. */
  dbPath?: string | null;
  /** TCP port on 127.0.0.1; 0 picks a free one. Defaults to 0. */
  port?: number;
  /** Seams and limits of the durable store (tests slow or fail fsync, inject compaction crashes). */
  storage?: StoreOptions;
  /**
   * Called once if the store fails (a journal write or fsync): the engine has then stopped serving
   * and closed its connections; a process should exit.
   */
  onFatal?: (err: Error) => void;
  /** Serve on this Unix socket (mode 0600; put it in a private directory) instead of TCP. */
  socketPath?: string;
  /** Require SCRAM-SHA-256 logins of these users (`npm run db -- user add`). */
  users?: UserStore;
}

export interface EmbeddedMongo {
  uri: string;
  port: number;
  /** The engine's process, when it runs in one of its own. */
  pid?: number;
  stop(): Promise<void>;
}

export async function startEmbeddedMongo(opts: EmbeddedMongoOptions = {}): Promise<EmbeddedMongo> {
  const engine = new Engine();
  const dbPath = opts.dbPath === undefined ? path.resolve('data/db') : opts.dbPath;
  let server: WireServer | null = null;
  const onFatal = (err: Error): void => {
    void server?.close();
    opts.onFatal?.(err);
  };
  const store = dbPath === null ? null : new Store(dbPath, engine, { ...opts.storage, onFatal });
  server = new WireServer({
    engine,
    host: '127.0.0.1',
    port: opts.port ?? 0,
    sync: () => (store ? store.sync() : Promise.resolve()),
    failed: () => store?.failed ?? null,
    auth: opts.users ? new ScramServer(opts.users) : undefined,
    socketPath: opts.socketPath,
  });
  let port: number;
  try {
    port = await server.listen();
  } catch (err) {
    await store?.close();
    throw err;
  }
  const monitors = startMonitors(engine, () => {
    if (expireDocuments(engine) > 0) void store?.sync().catch(() => undefined);
  });
  let stopped = false;
  return {
    uri: opts.socketPath ? `mongodb://${encodeURIComponent(opts.socketPath)}/?replicaSet=rs0` : `mongodb://127.0.0.1:${port}/?replicaSet=rs0`,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      monitors.stop();
      await server?.close();
      await store?.close();
    },
  };
}
