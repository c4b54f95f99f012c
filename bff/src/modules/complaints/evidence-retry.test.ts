import { ComplaintSchema } from '@zhuanyi/shared';
import { signInAs } from '../../test-support/auth';
import { testApp } from '../../test-support/test-app';
import { useTestDb } from '../../test-support/test-db';

const db = useTestDb();
const http = () => testApp(db.database).http();
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(2000, 7)]);
const storedFiles = async () => (await db.database.connection.db?.collection('evidence.files').countDocuments()) ?? -1;

describe('evidence upload retried by a phone that lost the answer', () => {
  it('when the same file is sent again with its Idempotency-Key, then it is stored once and the first answer is given again; another key stores another file', async () => {
    const worker = await signInAs('worker');
    const filed = await http().post('/api/v1/complaints').set(worker.header).set('Idempotency-Key', 'draft-key-evidence-1').send({ caseType: 'construction', respondent: { kind: 'foreman', name: '张包工头' } }).expect(201);
    const again = await http().post('/api/v1/complaints').set(worker.header).set('Idempotency-Key', 'draft-key-evidence-1').send({ caseType: 'construction', respondent: { kind: 'foreman', name: '张包工头' } }).expect(201);
    const id = ComplaintSchema.parse(filed.body).id;
    expect(ComplaintSchema.parse(again.body).id).toBe(id);

    const upload = (key: string) => http().post(`/api/v1/complaints/${id}/evidence`).set(worker.header).set('Idempotency-Key', key).attach('files', JPEG, 'wage-slip.jpg');
    const first = ComplaintSchema.parse((await upload('evidence-file-key-1').expect(201)).body);
    const retried = await upload('evidence-file-key-1').expect(201);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect(ComplaintSchema.parse(retried.body).evidence.map((e) => e.id)).toEqual(first.evidence.map((e) => e.id));
    expect(await storedFiles()).toBe(1);
    const mine = ComplaintSchema.parse((await http().get(`/api/v1/complaints/${id}`).set(worker.header).expect(200)).body);
    expect(mine.evidence).toHaveLength(1);

    await upload('evidence-file-key-2').expect(201);
    expect(await storedFiles()).toBe(2);
    expect(await db.database.connection.db?.collection('complaints').countDocuments()).toBe(1);
  });
});
