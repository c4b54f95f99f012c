import { MongoClient } from 'mongodb';
import { startEmbeddedMongoProcess } from '../process';

describe('embedded engine in a process of its own', () => {
  it('when started, then the driver writes and reads through it, and stop() ends the process so the port refuses', async () => {
    const engine = await startEmbeddedMongoProcess({ dbPath: null, port: 0 });
    const client = new MongoClient(engine.uri, { serverSelectionTimeoutMS: 2000 });
    try {
      await client.connect();
      const jobs = client.db('t').collection('jobs');
      await jobs.insertOne({ title: '电焊工', payMinFen: 500000 });
      expect(await jobs.findOne({ title: '电焊工' }, { projection: { _id: 0 } })).toEqual({ title: '电焊工', payMinFen: 500000 });
    } finally {
      await client.close();
      await engine.stop();
    }
    const again = new MongoClient(engine.uri, { serverSelectionTimeoutMS: 500 });
    await expect(again.connect()).rejects.toThrow();
    await again.close();
  }, 30_000);
});
