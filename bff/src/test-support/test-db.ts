/**
 * A database for BFF tests: MONGODB_URI when set (a fresh database per test file, dropped
 * at the end), else the embedded engine in memory. Same test code either way.
 *
 *   const db = useTestDb();           // in a describe or at file level
 *   createApp({ ..., db: db.database })
 */
import { randomBytes } from 'node:crypto';
import { testConfig, testDatabaseUri } from '../config/env';
import { connectDatabase, ensureIndexes, type Database } from '../db/connection';

export interface TestDb {
  database: Database;
  /** Deletes every document in every collection (indexes stay). */
  clear(): Promise<void>;
  stop(): Promise<void>;
}

export async function startTestDb(): Promise<TestDb> {
  const uri = testDatabaseUri();
  const dbName = `zhuanyi_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const database = await connectDatabase({
    ...testConfig(),
    mongodbUri: uri,
    embeddedDbPath: null,
    dbName,
  });
  await ensureIndexes();
  return {
    database,
    clear: async () => {
      const db = database.connection.db;
      if (!db) return;
      for (const c of await db.listCollections({}, { nameOnly: true }).toArray()) {
        if (!c.name.startsWith('system.')) await db.collection(c.name).deleteMany({});
      }
    },
    stop: async () => {
      if (uri) await database.connection.db?.dropDatabase().catch(() => undefined);
      await database.close();
    },
  };
}

export interface UseTestDbOptions {
  /** Clear all collections before each test (default true). */
  clearBetweenTests?: boolean;
}

/** Registers Jest hooks: start before all, clear before each, stop after all. */
export function useTestDb(options: UseTestDbOptions = {}): { readonly current: TestDb; readonly database: Database } {
  let db: TestDb | undefined;
  beforeAll(async () => {
    db = await startTestDb();
  }, 60_000);
  if (options.clearBetweenTests ?? true) {
    beforeEach(async () => {
      await db?.clear();
    });
  }
  afterAll(async () => {
    await db?.stop();
  });
  const get = (): TestDb => {
    if (!db) throw new Error('useTestDb: the database is not started yet (use it inside tests or hooks)');
    return db;
  };
  return {
    get current() {
      return get();
    },
    get database() {
      return get().database;
    },
  };
}

