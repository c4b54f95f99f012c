import net from 'node:net';
import { crc32 } from 'node:zlib';
import { deserialize, serialize, type Document } from 'bson';
import { useEngine } from './helpers';

const engine = useEngine();

/** Sends raw bytes and resolves with the first complete reply message (or null if the socket closes). */
function roundTrip(port: number, bytes: Buffer): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(bytes));
    let got = Buffer.alloc(0);
    socket.on('data', (d: Buffer) => {
      got = Buffer.concat([got, d]);
      if (got.length >= 4 && got.length >= got.readInt32LE(0)) {
        socket.destroy();
        resolve(got.subarray(0, got.readInt32LE(0)));
      }
    });
    socket.on('close', () => resolve(null));
    socket.on('error', reject);
  });
}

function opMsg(doc: Document, opts: { checksum?: boolean; sequences?: [string, Document[]][] } = {}): Buffer {
  const parts: Buffer[] = [Buffer.from([0]), Buffer.from(serialize(doc))];
  for (const [id, docs] of opts.sequences ?? []) {
    const body = Buffer.concat([Buffer.from(`${id}\0`), ...docs.map((d) => Buffer.from(serialize(d)))]);
    const size = Buffer.alloc(4);
    size.writeInt32LE(body.length + 4);
    parts.push(Buffer.from([1]), size, body);
  }
  const payload = Buffer.concat(parts);
  const header = Buffer.alloc(20);
  const length = 20 + payload.length + (opts.checksum ? 4 : 0);
  header.writeInt32LE(length, 0);
  header.writeInt32LE(7, 4);
  header.writeInt32LE(0, 8);
  header.writeInt32LE(2013, 12);
  header.writeUInt32LE(opts.checksum ? 1 : 0, 16);
  const msg = Buffer.concat([header, payload]);
  if (!opts.checksum) return msg;
  const sum = Buffer.alloc(4);
  sum.writeUInt32LE(crc32(msg) >>> 0);
  return Buffer.concat([msg, sum]);
}

function replyBody(reply: Buffer | null): Document {
  if (!reply) throw new Error('no reply');
  const opCode = reply.readInt32LE(12);
  return deserialize(opCode === 1 ? reply.subarray(36) : reply.subarray(21));
}

describe('wire protocol', () => {
  it('answers the legacy OP_QUERY isMaster handshake with OP_REPLY', async () => {
    const query = Buffer.from(serialize({ isMaster: 1, helloOk: true }));
    const name = Buffer.from('admin.$cmd\0');
    const header = Buffer.alloc(20);
    const tail = Buffer.alloc(8);
    tail.writeInt32LE(0, 0);
    tail.writeInt32LE(-1, 4);
    const msg = Buffer.concat([header, name, tail, query]);
    msg.writeInt32LE(msg.length, 0);
    msg.writeInt32LE(1, 4);
    msg.writeInt32LE(2004, 12);
    msg.writeInt32LE(0, 16);
    const reply = await roundTrip(engine.server().port, msg);
    expect(reply?.readInt32LE(12)).toBe(1);
    expect(replyBody(reply)).toMatchObject({ ismaster: true, setName: 'rs0', helloOk: true, maxWireVersion: 25, ok: 1 });
  });

  it('accepts OP_MSG with a checksum and with document sequences', async () => {
    const port = engine.server().port;
    expect(replyBody(await roundTrip(port, opMsg({ ping: 1, $db: 'admin' }, { checksum: true })))).toMatchObject({ ok: 1 });
    const insert = await roundTrip(port, opMsg({ insert: 'seq', $db: 'wire' }, { sequences: [['documents', [{ _id: 1 }, { _id: 2 }]]] }));
    expect(replyBody(insert)).toMatchObject({ n: 2, ok: 1 });
  });

  it('rejects malformed messages with an error and keeps serving', async () => {
    const port = engine.server().port;
    const bad = opMsg({ ping: 1, $db: 'admin' });
    bad.writeInt32LE(9999, 21); // BSON length past the end
    expect(replyBody(await roundTrip(port, bad))).toMatchObject({ ok: 0, code: 9 });
    const badSum = opMsg({ ping: 1, $db: 'admin' }, { checksum: true });
    badSum.writeUInt32LE(0, badSum.length - 4);
    expect(replyBody(await roundTrip(port, badSum))).toMatchObject({ ok: 0 });
    const noDb = await roundTrip(port, opMsg({ ping: 1 }));
    expect(replyBody(noDb)).toMatchObject({ ok: 0 });
    const garbage = Buffer.alloc(64, 0xff);
    garbage.writeInt32LE(64, 0);
    expect(replyBody(await roundTrip(port, garbage))).toMatchObject({ ok: 0 });
    const negative = Buffer.alloc(16);
    negative.writeInt32LE(-5, 0);
    expect(await roundTrip(port, negative)).toBeNull();
    expect(await engine.client().db('admin').command({ ping: 1 })).toMatchObject({ ok: 1 });
  });

  it('answers bad commands with mongod error codes', async () => {
    const db = engine.client().db('bad');
    await expect(db.command({ find: 'x', filter: { a: { $nope: 1 } } })).rejects.toMatchObject({ ok: 0, code: 2 });
    await expect(db.command({ find: 'x', filter: 5 })).rejects.toMatchObject({ ok: 0, codeName: 'TypeMismatch' });
    await expect(db.collection('x').updateOne({}, { $bogus: { a: 1 } })).rejects.toMatchObject({ code: 9 });
    await expect(db.command({ aggregate: 'x', pipeline: [{ $nope: {} }], cursor: {} })).rejects.toMatchObject({ ok: 0 });
    await expect(db.command({ getMore: 12345 as never, collection: 'x' })).rejects.toMatchObject({ code: 43 });
    await expect(db.command({ Find: 'x' })).rejects.toMatchObject({ code: 59, codeName: 'CommandNotFound' });
    await db.collection('x').insertOne({ _id: 1 as never });
    await expect(db.collection('x').updateOne({ _id: 1 as never }, { $set: { _id: 2 } })).rejects.toMatchObject({ code: 66 });
    await expect(db.createCollection('x')).rejects.toMatchObject({ code: 48, codeName: 'NamespaceExists' });
    expect(await db.command({ ping: 1 })).toMatchObject({ ok: 1 });
  });
});

describe('admin commands', () => {
  it('reports build info, parameters, databases, collections and stats', async () => {
    const client = engine.client();
    const admin = client.db('admin');
    expect(await admin.command({ buildInfo: 1 })).toMatchObject({ version: '8.0.0', ok: 1 });
    expect(await admin.command({ getParameter: 1, featureCompatibilityVersion: 1 })).toMatchObject({ featureCompatibilityVersion: { version: '8.0' } });
    const db = client.db('adm');
    await db.collection('a').insertMany([{ x: 1 }, { x: 2 }]);
    await db.createCollection('b');
    const dbs = await admin.admin().listDatabases();
    expect(dbs.databases.map((d) => d.name)).toContain('adm');
    const names = (await db.listCollections().toArray()).map((c) => c.name).sort();
    expect(names).toEqual(['a', 'b']);
    expect((await db.listCollections({ name: 'a' }).toArray())[0]).toMatchObject({ name: 'a', type: 'collection', info: { readOnly: false } });
    expect(await db.command({ dbStats: 1 })).toMatchObject({ db: 'adm', collections: 2, objects: 2, ok: 1 });
    expect(await db.command({ collStats: 'a' })).toMatchObject({ ns: 'adm.a', count: 2, nindexes: 1, ok: 1 });
    await db.collection('a').rename('c');
    expect((await db.listCollections().toArray()).map((c) => c.name).sort()).toEqual(['b', 'c']);
    expect(await db.collection('b').drop()).toBe(true);
    await db.dropDatabase();
    expect((await admin.admin().listDatabases()).databases.map((d) => d.name)).not.toContain('adm');
  });
});
