import { Types } from 'mongoose';
import { ComplaintModel } from '../modules/complaints/complaint.model';
import { useTestDb } from '../test-support/test-db';
import { sweepUploads } from './upload-sweeper';

const db = useTestDb();
const HOUR = 3_600_000;
const now = new Date('2026-06-01T08:00:00Z');
const at = (msAgo: number) => new Date(now.getTime() - msAgo);
/** A fresh ObjectId whose time part is msAgo before now. */
const idAt = (msAgo: number) => new Types.ObjectId(Types.ObjectId.createFromTime(Math.floor(at(msAgo).getTime() / 1000)).toHexString().slice(0, 8) + new Types.ObjectId().toHexString().slice(8));
const coll = (name: string) => {
  const c = db.database.connection.db?.collection(name);
  if (!c) throw new Error('no database');
  return c;
};

async function storedFile(bucket: string, msAgo: number, withFilesDoc: boolean): Promise<Types.ObjectId> {
  const id = idAt(msAgo);
  await coll(`${bucket}.chunks`).insertMany([0, 1].map((n) => ({ _id: idAt(msAgo), files_id: id, n, data: Buffer.alloc(10, n) })));
  if (withFilesDoc) await coll(`${bucket}.files`).insertOne({ _id: id, length: 20, chunkSize: 10, uploadDate: at(msAgo), filename: 'x.jpg' });
  return id;
}

describe('sweep of GridFS leftovers', () => {
  it('when a killed upload left chunks and a file nothing refers to, then the sweep removes those and keeps attached files and uploads still in progress', async () => {
    await storedFile('evidence', 2 * HOUR, false); // chunks of a killed upload
    await storedFile('evidence', 2 * HOUR, true); // stored, never attached
    const attached = await storedFile('evidence', 2 * HOUR, true);
    const inProgress = await storedFile('evidence', 60_000, false);
    const justStored = await storedFile('evidence', 60_000, true);
    await storedFile('imports', 3 * HOUR, true); // a spreadsheet whose import was never made
    await ComplaintModel.collection.insertOne({ caseNumber: 'x', evidence: [{ fileId: attached, filename: 'a.jpg', contentType: 'image/jpeg', size: 20, uploadedAt: at(2 * HOUR) }] });

    const swept = await sweepUploads(now, HOUR);

    expect(swept).toEqual({ files: 2, chunkGroups: 1 });
    const left = async (bucket: string) => ({
      files: (await coll(`${bucket}.files`).find().toArray()).map((f) => String(f._id)).sort(),
      chunkOwners: [...new Set((await coll(`${bucket}.chunks`).find().toArray()).map((c) => String(c.files_id)))].sort(),
    });
    expect(await left('evidence')).toEqual({
      files: [attached, justStored].map(String).sort(),
      chunkOwners: [attached, inProgress, justStored].map(String).sort(),
    });
    expect(await left('imports')).toEqual({ files: [], chunkOwners: [] });
    // A second pass finds nothing more.
    expect(await sweepUploads(now, HOUR)).toEqual({ files: 0, chunkGroups: 0 });
  });
});
