import { ComplaintListResponseSchema, ComplaintSchema, ErrorBodySchema } from '@zhuanyi/shared';
import { useTestDb } from '../../test-support/test-db';
import { testApp } from '../../test-support/test-app';
import { signInAs } from '../../test-support/auth';
import { ComplaintModel } from './complaint.model';

const db = useTestDb();
const http = () => testApp(db.database).http();
let keyNo = 0;
const idemKey = () => `test-complaint-${Date.now()}-${(keyNo += 1)}`;

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(2000, 7)]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00', 'latin1'), Buffer.alloc(4000, 1)]);

const foremanOnly = { caseType: 'construction', respondent: { kind: 'foreman', name: '张包工头' } };
const complete = {
  caseType: 'non_construction',
  respondent: { kind: 'employer', name: '东莞华美制衣有限公司', phone: '13800005678' },
  project: { name: '', regionCode: '441900', address: '东莞市某工业园3号楼' },
  workPeriod: { from: '2026-01-05', to: '2026-05-31' },
  amountOwedYuan: '12,345.67',
  coWorkersOwed: 12,
  demands: ['pay_wages'],
  bankCard: { cardNumber: '6222 0212 3456 7890 123', bankName: '工商银行' },
};

function fileAs(header: { Authorization: string }, body: object) {
  return http().post('/api/v1/complaints').set(header).set('Idempotency-Key', idemKey()).send(body);
}

describe('wage-arrears complaints', () => {
  it('when a worker who only knows the foreman files, then the case is filed with a case number, a timeline, the acceptance clock and every missing item in one list', async () => {
    const worker = await signInAs('worker');
    const res = await fileAs(worker.header, foremanOnly).expect(201);
    const c = ComplaintSchema.parse(res.body);
    expect(c.caseNumber).toMatch(/^\d{6}-\d{8}-\d{4}$/);
    expect(c.status).toBe('submitted');
    expect(c.timeline.map((e) => e.status)).toEqual(['submitted']);
    expect(c.clocks).toHaveLength(1);
    expect(c.clocks[0]).toMatchObject({ kind: 'acceptance', state: 'running', daysLeft: 5 });
    expect(c.missingItems.map((m) => m.code)).toEqual(['respondentPhone', 'projectName', 'projectSite', 'mainContractor', 'workPeriod', 'amountOwed', 'bankCard', 'evidence']);
    expect(c.missingItems[0]?.message).toContain('电话');
  });

  it('when the form is complete, then yuan becomes fen, the card is masked and stored sealed, and ten co-workers make a group case', async () => {
    const worker = await signInAs('worker');
    const c = ComplaintSchema.parse((await fileAs(worker.header, complete).expect(201)).body);
    expect(c.amountOwedFen).toBe(1234567);
    expect(c.bankCard?.cardMasked).toBe('**** **** **** 0123');
    expect(c.groupCase).toBe(true);
    expect(c.respondent.phoneMasked).toBe('138****5678');
    expect(c.missingItems.map((m) => m.code)).toEqual(['evidence']);
    expect(JSON.stringify(c)).not.toContain('6222021234567890123');
    const stored = await ComplaintModel.findById(c.id).lean().exec();
    expect(stored?.bankCard?.numberEnc).toMatch(/^v1\./);
    expect(JSON.stringify(stored)).not.toContain('6222021234567890123');
  });

  it('when the amount is not a number of yuan, then the field says so in Chinese', async () => {
    const worker = await signInAs('worker');
    const res = await fileAs(worker.header, { ...foremanOnly, amountOwedYuan: '一万' }).expect(400);
    expect(ErrorBodySchema.parse(res.body).error.fields?.amountOwedYuan).toContain('金额');
  });

  it('when the same filing is retried with its Idempotency-Key, then one case exists', async () => {
    const worker = await signInAs('worker');
    const key = idemKey();
    const first = await http().post('/api/v1/complaints').set(worker.header).set('Idempotency-Key', key).send(foremanOnly).expect(201);
    const again = await http().post('/api/v1/complaints').set(worker.header).set('Idempotency-Key', key).send(foremanOnly).expect(201);
    expect(again.body.caseNumber).toBe(first.body.caseNumber);
    expect(await ComplaintModel.countDocuments({ filedBy: worker.subjectId })).toBe(1);
  });

  it("when another worker asks for someone's complaint or its evidence, then 404, while intake staff of the region see it", async () => {
    const owner = await signInAs('worker');
    const other = await signInAs('worker');
    const c = ComplaintSchema.parse((await fileAs(owner.header, complete).expect(201)).body);
    const up = ComplaintSchema.parse(
      (await http().post(`/api/v1/complaints/${c.id}/evidence`).set(owner.header).attach('files', JPEG, 'wage-slip.jpg').expect(201)).body,
    );
    const fileId = up.evidence[0]?.id ?? '';

    expect(ErrorBodySchema.parse((await http().get(`/api/v1/complaints/${c.id}`).set(other.header).expect(404)).body).error.code).toBe('NOT_FOUND');
    await http().get(`/api/v1/complaints/${c.id}/evidence/${fileId}`).set(other.header).expect(404);
    const othersList = ComplaintListResponseSchema.parse((await http().get('/api/v1/complaints').set(other.header).expect(200)).body);
    expect(othersList.items).toEqual([]);

    const elsewhere = await signInAs('intake', { regionScope: '150521' });
    await http().get(`/api/v1/complaints/${c.id}`).set(elsewhere.header).expect(404);
    const local = await signInAs('intake', { regionScope: '441900' });
    await http().get(`/api/v1/complaints/${c.id}`).set(local.header).expect(200);
    const file = await http().get(`/api/v1/complaints/${c.id}/evidence/${fileId}`).set(local.header).buffer(true).expect(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    expect(Buffer.compare(file.body as Buffer, JPEG)).toBe(0);
    const staff = await signInAs('staff', { regionScope: '441900' });
    await http().get(`/api/v1/complaints/${c.id}`).set(staff.header).expect(403);
  });

  it('when photos and a PDF are uploaded, then they are kept and evidence is no longer missing', async () => {
    const worker = await signInAs('worker');
    const c = ComplaintSchema.parse((await fileAs(worker.header, complete).expect(201)).body);
    const res = await http()
      .post(`/api/v1/complaints/${c.id}/evidence`)
      .set(worker.header)
      .attach('files', JPEG, 'photo.jpg')
      .attach('files', PDF, 'iou.pdf')
      .expect(201);
    const up = ComplaintSchema.parse(res.body);
    expect(up.evidence.map((e) => [e.contentType, e.filename])).toEqual([
      ['image/jpeg', 'photo.jpg'],
      ['application/pdf', 'iou.pdf'],
    ]);
    expect(up.missingItems).toEqual([]);
  });

  it('when an executable is renamed .jpg, then 415 and nothing is stored', async () => {
    const worker = await signInAs('worker');
    const c = ComplaintSchema.parse((await fileAs(worker.header, foremanOnly).expect(201)).body);
    const res = await http().post(`/api/v1/complaints/${c.id}/evidence`).set(worker.header).attach('files', EXE, { filename: 'photo.jpg', contentType: 'image/jpeg' }).expect(415);
    expect(ErrorBodySchema.parse(res.body).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(await db.database.connection.db?.collection('evidence.files').countDocuments()).toBe(0);
    expect(ComplaintSchema.parse((await http().get(`/api/v1/complaints/${c.id}`).set(worker.header).expect(200)).body).evidence).toEqual([]);
  });

  it('when a file is 11 MB, then 413 and no chunks are left behind', async () => {
    const worker = await signInAs('worker');
    const c = ComplaintSchema.parse((await fileAs(worker.header, foremanOnly).expect(201)).body);
    const big = Buffer.concat([JPEG, Buffer.alloc(11 * 1024 * 1024, 1)]);
    const res = await http().post(`/api/v1/complaints/${c.id}/evidence`).set(worker.header).attach('files', big, 'big.jpg').expect(413);
    expect(ErrorBodySchema.parse(res.body).error.code).toBe('PAYLOAD_TOO_LARGE');
    // The real limit, not the placeholder.
    expect(ErrorBodySchema.parse(res.body).error.message).toBe('每个文件不能超过 10 MB');
    expect(await db.database.connection.db?.collection('evidence.chunks').countDocuments()).toBe(0);
  });

  it('when a tenth file is added, then it is refused and nine stay', async () => {
    const worker = await signInAs('worker');
    const c = ComplaintSchema.parse((await fileAs(worker.header, foremanOnly).expect(201)).body);
    let req = http().post(`/api/v1/complaints/${c.id}/evidence`).set(worker.header);
    for (let i = 0; i < 9; i += 1) req = req.attach('files', JPEG, `p${i}.jpg`);
    expect(ComplaintSchema.parse((await req.expect(201)).body).evidence).toHaveLength(9);
    await http().post(`/api/v1/complaints/${c.id}/evidence`).set(worker.header).attach('files', JPEG, 'p9.jpg').expect(400);
    expect(await db.database.connection.db?.collection('evidence.files').countDocuments()).toBe(9);
  });

  it('when intake accepts, extends once and closes, then the timeline and clocks follow; a rejection needs a reason', async () => {
    const worker = await signInAs('worker');
    const intake = await signInAs('intake', { regionScope: '441900' });
    const c = ComplaintSchema.parse((await fileAs(worker.header, complete).expect(201)).body);
    const step = (body: object, status = 200) => http().post(`/api/v1/complaints/${c.id}/decisions`).set(intake.header).send(body).expect(status);

    await step({ action: 'close', outcome: 'paid' }, 409);
    const accepted = ComplaintSchema.parse((await step({ action: 'accept' })).body);
    expect(accepted.clocks.map((k) => [k.kind, k.state])).toEqual([
      ['acceptance', 'met'],
      ['award', 'running'],
    ]);
    expect(accepted.clocks[1]?.daysLeft).toBe(45);
    const extended = ComplaintSchema.parse((await step({ action: 'extend', days: 15, reason: '案情复杂' })).body);
    expect(extended.clocks[1]?.daysLeft).toBe(60);
    await step({ action: 'extend', days: 5, reason: '再次延长' }, 409);
    await step({ action: 'mediate' });
    const closed = ComplaintSchema.parse((await step({ action: 'close', outcome: 'mediated_settlement', note: '老板已付清' })).body);
    expect(closed.timeline.map((e) => e.status)).toEqual(['submitted', 'accepted', 'accepted', 'mediating', 'closed']);
    expect(closed.outcome).toBe('mediated_settlement');
    expect(closed.clocks.every((k) => k.state === 'met')).toBe(true);

    const other = ComplaintSchema.parse((await fileAs(worker.header, complete).expect(201)).body);
    await http().post(`/api/v1/complaints/${other.id}/decisions`).set(intake.header).send({ action: 'reject' }).expect(400);
    const rejected = ComplaintSchema.parse(
      (await http().post(`/api/v1/complaints/${other.id}/decisions`).set(intake.header).send({ action: 'reject', reason: '不属于劳动争议受理范围' }).expect(200)).body,
    );
    expect(rejected.status).toBe('rejected');
    expect(rejected.timeline.at(-1)?.note).toBe('不属于劳动争议受理范围');
    await http().post(`/api/v1/complaints/${c.id}/decisions`).set(worker.header).send({ action: 'accept' }).expect(403);
  });
});
