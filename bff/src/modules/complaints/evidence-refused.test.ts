import { ComplaintSchema, ErrorBodySchema } from '@zhuanyi/shared';
import { signInAs } from '../../test-support/auth';
import { testApp } from '../../test-support/test-app';
import { useTestDb } from '../../test-support/test-db';

const db = useTestDb();
const http = () => testApp(db.database).http();
let keyNo = 0;

// Larger than a GridFS chunk (255 KB): chunk writes are still in flight when the request is refused.
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(900 * 1024, 3)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(600 * 1024, 7)]);
const TEXT = Buffer.from('这不是图片，是一段文字。'.repeat(2000));

const count = async (name: string) => (await db.database.connection.db?.collection(name).countDocuments()) ?? -1;

async function caseWithEvidence(files: number) {
  const worker = await signInAs('worker');
  const filed = await http()
    .post('/api/v1/complaints')
    .set(worker.header)
    .set('Idempotency-Key', `refused-${(keyNo += 1)}`)
    .send({ caseType: 'construction', respondent: { kind: 'foreman', name: '张包工头' } })
    .expect(201);
  const id = ComplaintSchema.parse(filed.body).id;
  if (files > 0) {
    let req = http().post(`/api/v1/complaints/${id}/evidence`).set(worker.header);
    for (let i = 0; i < files; i += 1) req = req.attach('files', JPEG.subarray(0, 3000), `first-${i}.jpg`);
    await req.expect(201);
  }
  return { worker, id };
}

describe('evidence uploads that are refused part-way', () => {
  it('when 12 large files go to a case with room for 8, then 400, the 8 already streamed are removed and no chunk is left', async () => {
    const { worker, id } = await caseWithEvidence(1);
    const before = { files: await count('evidence.files'), chunks: await count('evidence.chunks') };
    for (const photo of [JPEG, JPEG.subarray(0, 3000), JPEG]) {
      let req = http().post(`/api/v1/complaints/${id}/evidence`).set(worker.header);
      for (let i = 0; i < 12; i += 1) req = req.attach('files', photo, `photo-${i}.jpg`);
      const res = await req.expect(400);
      expect(ErrorBodySchema.parse(res.body).error.fields).toHaveProperty('files');
    }
    expect(await count('evidence.files')).toBe(before.files);
    expect(await count('evidence.chunks')).toBe(before.chunks);
    const c = ComplaintSchema.parse((await http().get(`/api/v1/complaints/${id}`).set(worker.header).expect(200)).body);
    expect(c.evidence).toHaveLength(1);
  });

  it('when a PNG and a text file come in one request, then 415 and neither is kept, three times over', async () => {
    const { worker, id } = await caseWithEvidence(0);
    for (const photo of [PNG.subarray(0, 2000), PNG, PNG.subarray(0, 2000)]) {
      const res = await http()
        .post(`/api/v1/complaints/${id}/evidence`)
        .set(worker.header)
        .attach('files', photo, 'photo.png')
        .attach('files', TEXT, { filename: 'note.png', contentType: 'image/png' })
        .expect(415);
      expect(ErrorBodySchema.parse(res.body).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    expect(await count('evidence.files')).toBe(0);
    expect(await count('evidence.chunks')).toBe(0);
  });
});
