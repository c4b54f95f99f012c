import { MongoClient, type ObjectId } from 'mongodb';
import { startEmbeddedMongo, type EmbeddedMongo } from '..';

/** Starts a memory-only engine and a connected driver client for one test file. */
export function useEngine(): { server: () => EmbeddedMongo; client: () => MongoClient } {
  let server: EmbeddedMongo | undefined;
  let client: MongoClient | undefined;
  beforeAll(async () => {
    server = await startEmbeddedMongo({ dbPath: null, port: 0 });
    client = await MongoClient.connect(server.uri);
  });
  afterAll(async () => {
    await client?.close();
    await server?.stop();
  });
  return {
    server: () => {
      if (!server) throw new Error('engine not started');
      return server;
    },
    client: () => {
      if (!client) throw new Error('client not connected');
      return client;
    },
  };
}

/** A schemaless document whose _id may be any BSON value. */
export interface AnyDoc {
  _id?: string | number | ObjectId;
  [key: string]: unknown;
}

/** A document with a numeric counter, for $inc in typed driver calls. */
export interface Counter {
  _id: string | number;
  n?: number;
  v?: number;
}
