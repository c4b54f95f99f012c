import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { GridFSBucket } from 'mongodb';
import { useEngine } from './helpers';

const engine = useEngine();

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}

describe('GridFS', () => {
  it('stores, lists, streams and deletes files through GridFSBucket', async () => {
    const bucket = new GridFSBucket(engine.client().db('files'), { bucketName: 'evidence', chunkSizeBytes: 64 * 1024 });
    const data = randomBytes(300 * 1024 + 17);
    const upload = bucket.openUploadStream('photo.jpg', { metadata: { contentType: 'image/jpeg', owner: 'w1' } });
    await new Promise<void>((resolve, reject) => {
      Readable.from([data]).pipe(upload).on('finish', () => resolve()).on('error', reject);
    });
    const files = await bucket.find({ filename: 'photo.jpg' }).toArray();
    expect(files).toHaveLength(1);
    expect(files[0]?.length).toBe(data.length);
    expect(files[0]?.metadata).toEqual({ contentType: 'image/jpeg', owner: 'w1' });
    const back = await readAll(bucket.openDownloadStream(upload.id));
    expect(back.equals(data)).toBe(true);
    const ranged = await readAll(bucket.openDownloadStreamByName('photo.jpg', { start: 70_000, end: 140_000 }));
    expect(ranged.equals(data.subarray(70_000, 140_000))).toBe(true);
    const indexes = await engine.client().db('files').collection('evidence.chunks').listIndexes().toArray();
    expect(indexes.some((i) => i.unique === true && JSON.stringify(i.key) === '{"files_id":1,"n":1}')).toBe(true);
    await bucket.delete(upload.id);
    expect(await bucket.find({}).toArray()).toHaveLength(0);
    expect(await engine.client().db('files').collection('evidence.chunks').countDocuments()).toBe(0);
    await expect(readAll(bucket.openDownloadStream(upload.id))).rejects.toThrow(/FileNotFound|not found/i);
  });
});
