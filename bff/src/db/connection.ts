import { join } from 'node:path';
import mongoose from 'mongoose';
import type { Config } from '../config/env';
import { startEmbeddedMongo, type EmbeddedMongo } from './embedded';
import { startEmbeddedMongoProcess } from './embedded/process';

export type DatabaseKind = 'mongodb' | 'embedded';

export interface Database {
  kind: DatabaseKind;
  /** The URI with any password hidden, for logs. */
  displayUri: string;
  connection: mongoose.Connection;
  ping(): Promise<void>;
  /** Closes the connection and stops the embedded engine if we started one. */
  close(): Promise<void>;
}

/** Start-up could not reach the database; the message says what to fix. */
export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';
}

/** mongodb://user:secret@host → mongodb://user:***@host */
export function hidePassword(uri: string): string {
  return uri.replace(/^(mongodb(?:\+srv)?:\/\/[^:/@]+):[^@]*@/, '$1:***@');
}

export type DatabaseConfig = Pick<Config, 'mongodbUri' | 'dataDir' | 'mongodbConnectTimeoutMs'> & {
  /** Embedded engine only: null keeps data in memory (tests). Default DATA_DIR/db. */
  embeddedDbPath?: string | null;
  /** Embedded engine only: run it in a process of its own (npm start) rather than in this one (tests). */
  embeddedDbProcess?: boolean;
  /** Embedded engine in its own process only: it ended without being stopped. */
  onEmbeddedExit?: (reason: string) => void;
  /** Database name; default: the one in MONGODB_URI, or `zhuanyi` on the embedded engine. */
  dbName?: string;
};

async function connectMongoose(uri: string, timeoutMs: number, dbName: string | undefined): Promise<mongoose.Connection> {
  mongoose.set('strictQuery', true);
  await mongoose.connect(uri, {
    ...(dbName ? { dbName } : {}),
    serverSelectionTimeoutMS: timeoutMs,
    connectTimeoutMS: timeoutMs,
    // Indexes are built by ensureIndexes() at start-up, not behind the app's back.
    autoIndex: false,
  });
  return mongoose.connection;
}

async function ping(connection: mongoose.Connection): Promise<void> {
  const db = connection.db;
  if (!db || connection.readyState !== mongoose.ConnectionStates.connected) throw new Error('database not connected');
  await db.command({ ping: 1 });
}

/** MONGODB_URI when set, else the embedded engine under DATA_DIR/db. Uses mongoose's default connection. */
export async function connectDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.mongodbUri) {
    const displayUri = hidePassword(config.mongodbUri);
    let connection: mongoose.Connection;
    try {
      connection = await connectMongoose(config.mongodbUri, config.mongodbConnectTimeoutMs, config.dbName);
    } catch (err: unknown) {
      await mongoose.disconnect().catch(() => undefined);
      const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
      throw new DatabaseUnavailableError(
        `Cannot reach MongoDB at ${displayUri} (MONGODB_URI): ${reason}. Start that MongoDB, fix MONGODB_URI, or unset it to use the embedded engine.`,
      );
    }
    return {
      kind: 'mongodb',
      displayUri,
      connection,
      ping: () => ping(connection),
      close: async () => {
        await mongoose.disconnect();
      },
    };
  }

  const dbPath = config.embeddedDbPath === undefined ? join(config.dataDir, 'db') : config.embeddedDbPath;
  let engine: EmbeddedMongo;
  try {
    engine = config.embeddedDbProcess
      ? await startEngineProcess(dbPath, config.onEmbeddedExit)
      : await startEmbeddedMongo({ dbPath, port: 0 });
  } catch (err: unknown) {
    const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new DatabaseUnavailableError(
      `Cannot start the embedded database in ${dbPath ?? 'memory'}: ${reason}. Check DATA_DIR is writable and not used by another running BFF.`,
    );
  }
  try {
    const connection = await connectMongoose(engine.uri, config.mongodbConnectTimeoutMs, config.dbName ?? 'zhuanyi');
    return {
      kind: 'embedded',
      displayUri: engine.uri,
      connection,
      ping: () => ping(connection),
      close: async () => {
        try {
          await mongoose.disconnect();
        } finally {
          await engine.stop();
        }
      },
    };
  } catch (err: unknown) {
    await engine.stop().catch(() => undefined);
    throw err;
  }
}

const LOCK_WAIT_MS = 5000;

/**
 * The engine of a BFF that was just killed ends by itself as soon as it sees its parent gone, and
 * releases the data directory then: a restart waits a few seconds for that before it gives up.
 */
async function startEngineProcess(dbPath: string | null, onExit: ((reason: string) => void) | undefined): Promise<EmbeddedMongo> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      return await startEmbeddedMongoProcess({ dbPath, port: 0, onUnexpectedExit: onExit });
    } catch (err: unknown) {
      if (!(err instanceof Error && err.message.startsWith('DBPathInUse')) || Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** Builds every registered model's indexes (autoIndex is off). */
export async function ensureIndexes(): Promise<void> {
  for (const name of mongoose.modelNames()) await mongoose.model(name).createIndexes();
}
