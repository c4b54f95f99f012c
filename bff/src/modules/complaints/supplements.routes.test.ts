/**
 * Supplementing after filing (容缺补正) over the API: the worker adds each missing item afterwards,
 * each addition lands on the timeline the officer sees, the bank card is sealed, a retried request
 * (same Idempotency-Key) adds nothing twice, and only the worker who filed may add.
 */
import { ComplaintSchema, type Complaint } from '@zhuanyi/shared';
import { manualClock } from '../../security/clock';
import { signInAs } from '../../test-support/auth';
import { useTestDb } from '../../test-support/test-db';
import { staffApp } from '../staff/staff-test-kit';
import { ComplaintModel } from './complaint.model';

const db = useTestDb();
jest.setTimeout(120_000);
let n = 0;
const key = () => `supplement-${Date.now()}-${(n += 1)}`;
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(2000, 7)]);

/** Only what the worker knew at first: the foreman's name, the worksite county. */
const sparse = { caseType: 'construction', respondent: { kind: 'foreman', name: '赵包工头' }, project: { regionCode: '150521' }, demands: ['pay_wages'] };

function world() {
  const clock = manualClock('2026-06-01T02:00:00Z');
  const { http } = staffApp(db.database, clock);
  const post = async (header: { Authorization: string }, id: string, body: object, idem = key()) =>
    http().post(`/api/v1/complaints/${id}/supplements`).set(header).set('Idempotency-Key', idem).send(body);
  return { clock, http, post };
}

const codes = (c: Complaint) => c.missingItems.map((m) => m.code);
const supplementNotes = (c: Complaint) => c.timeline.filter((e) => e.action === 'supplement' || e.action === 'evidence_added').map((e) => e.note);

describe('supplementing a filed complaint', () => {
  it('when the worker adds the bank card, site, phone, period, amount, project, contractor and a photo one by one, then nothing is missing, each addition is on the officer\'s timeline, and the card is sealed', async () => {
    const { clock, http, post } = world();
    const worker = await signInAs('worker', { clock });
    const filed = ComplaintSchema.parse((await http().post('/api/v1/complaints').set(worker.header).set('Idempotency-Key', key()).send(sparse).expect(201)).body);
    expect(codes(filed)).toEqual(['respondentPhone', 'projectName', 'projectSite', 'mainContractor', 'workPeriod', 'amountOwed', 'bankCard', 'evidence']);

    const card = ComplaintSchema.parse((await post(worker.header, filed.id, { item: 'bankCard', bankCard: { cardNumber: '6222 0212 3456 7890 123', bankName: '农业银行' } })).body);
    expect(card.bankCard).toEqual({ cardMasked: '**** **** **** 0123', bankName: '农业银行', holderName: null });
    expect(codes(card)).not.toContain('bankCard');
    const stored = await ComplaintModel.findById(filed.id).lean().exec();
    expect(JSON.stringify(stored)).not.toContain('6222021234567890123');

    const steps: object[] = [
      { item: 'projectSite', regionCode: '150521100', address: '保康镇建设路18号' },
      { item: 'respondentPhone', phone: '13800005678' },
      { item: 'workPeriod', from: '2026-03-01', to: '2026-05-20' },
      { item: 'amountOwed', amountOwedYuan: '8600' },
      { item: 'projectName', name: '保康镇安置房' },
      { item: 'mainContractor', name: '通辽某建工集团' },
    ];
    for (const body of steps) expect((await post(worker.header, filed.id, body)).status).toBe(201);
    await http().post(`/api/v1/complaints/${filed.id}/evidence`).set(worker.header).set('Idempotency-Key', key()).attach('files', JPEG, { filename: 'iou.jpg', contentType: 'image/jpeg' }).expect(201);

    const officer = await signInAs('intake', { regionScope: '150521', clock });
    const seen = ComplaintSchema.parse((await http().get(`/api/v1/intake/cases/${filed.id}`).set(officer.header).expect(200)).body);
    expect(seen.missingItems).toEqual([]);
    expect(seen.amountOwedFen).toBe(860_000);
    expect(seen.respondent.phoneMasked).toBe('138****5678');
    expect(seen.workPeriod).toEqual({ from: '2026-03-01', to: '2026-05-20' });
    expect(supplementNotes(seen)).toEqual([
      '补充了材料：收款银行卡（尾号 0123）',
      expect.stringMatching(/^补充了材料：干活的地点（地区和详细地址）（.*科尔沁左翼中旗.*）$/),
      '补充了材料：老板或包工头的电话（138****5678）',
      '补充了材料：干活的起止时间（2026-03-01 ~ 2026-05-20）',
      '补充了材料：被拖欠的工资金额（8600.00 元）',
      '补充了材料：工程项目名称（保康镇安置房）',
      '补充了材料：总包单位名称（知道的话）',
      '补充了证据材料 1 份',
    ]);
    // The worker sees the same entries on their own page.
    const mine = ComplaintSchema.parse((await http().get(`/api/v1/complaints/${filed.id}`).set(worker.header).expect(200)).body);
    expect(mine.timeline.filter((e) => e.note?.startsWith('补充了')).length).toBe(8);
    // …and as codes with parameters, which the worker's client renders in the worker's language.
    const notes = mine.timeline.flatMap((e) => e.notes ?? []).filter((x) => x.code !== 'complaint.step.routed');
    expect(notes).toEqual([
      { code: 'complaint.step.supplementedDetail', params: { item: { key: 'complaint.missing.bankCard' }, detail: { key: 'complaint.cardLast4', params: { last4: '0123' } } } },
      { code: 'complaint.step.supplementedDetail', params: { item: { key: 'complaint.missing.projectSite' }, detail: { region: '150521100', name: expect.stringContaining('科尔沁左翼中旗') } } },
      { code: 'complaint.step.supplementedDetail', params: { item: { key: 'complaint.missing.respondentPhone' }, detail: '138****5678' } },
      { code: 'complaint.step.supplementedDetail', params: { item: { key: 'complaint.missing.workPeriod' }, detail: '2026-03-01 ~ 2026-05-20' } },
      { code: 'complaint.step.supplementedDetail', params: { item: { key: 'complaint.missing.amountOwed' }, detail: { key: 'complaint.yuanAmount', params: { amount: '8600.00' } } } },
      { code: 'complaint.step.supplementedDetail', params: { item: { key: 'complaint.missing.projectName' }, detail: '保康镇安置房' } },
      { code: 'complaint.step.supplemented', params: { item: { key: 'complaint.missing.mainContractor' } } },
      { code: 'complaint.step.evidenceAdded', params: { count: 1 } },
    ]);
  });

  it('when a timeline entry was stored before notes travelled as codes, then it is still read as its stored text', async () => {
    const { clock, http } = world();
    const worker = await signInAs('worker', { clock });
    const filed = ComplaintSchema.parse((await http().post('/api/v1/complaints').set(worker.header).set('Idempotency-Key', key()).send(sparse).expect(201)).body);
    await ComplaintModel.updateOne({ _id: filed.id }, { $push: { timeline: { status: 'submitted', at: clock(), note: '补充了材料：工程项目名称（老工地）', by: 'old-version' } } });
    const mine = ComplaintSchema.parse((await http().get(`/api/v1/complaints/${filed.id}`).set(worker.header).expect(200)).body);
    const old = mine.timeline.at(-1);
    expect(old).toEqual({ status: 'submitted', at: clock().toISOString(), note: '补充了材料：工程项目名称（老工地）' });
    expect(mine.timeline[0]?.notes?.[0]?.code).toBe('complaint.step.routed');
  });

  it('when the phone retries an addition with the same Idempotency-Key, then the item is added once; adding an item already there is refused in plain words', async () => {
    const { clock, http, post } = world();
    const worker = await signInAs('worker', { clock });
    const filed = ComplaintSchema.parse((await http().post('/api/v1/complaints').set(worker.header).set('Idempotency-Key', key()).send(sparse).expect(201)).body);
    const idem = key();
    const body = { item: 'amountOwed', amountOwedYuan: '3200' };
    const [a, b] = await Promise.all([post(worker.header, filed.id, body, idem), post(worker.header, filed.id, body, idem)]);
    const again = await post(worker.header, filed.id, body, idem);
    for (const r of [a, b, again]) expect([201, 409]).toContain(r.status);
    expect([a, b, again].filter((r) => r.status === 201).length).toBeGreaterThanOrEqual(1);
    const after = await ComplaintModel.findById(filed.id).lean().exec();
    expect(after?.timeline.filter((e) => e.action === 'supplement')).toHaveLength(1);
    expect(after?.amountOwedFen).toBe(320_000);

    const twice = await post(worker.header, filed.id, { item: 'amountOwed', amountOwedYuan: '9999' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toBe('这一项已经填过了，不用再补');
  });

  it('when someone else adds to the case, or the case is closed, or the input is wrong, then it is refused', async () => {
    const { clock, http, post } = world();
    const worker = await signInAs('worker', { clock });
    const other = await signInAs('worker', { clock });
    const filed = ComplaintSchema.parse((await http().post('/api/v1/complaints').set(worker.header).set('Idempotency-Key', key()).send(sparse).expect(201)).body);
    expect((await post(other.header, filed.id, { item: 'projectName', name: '别人的工地' })).status).toBe(404);
    const officer = await signInAs('intake', { regionScope: '150521', clock });
    await http().post(`/api/v1/complaints/${filed.id}/supplements`).set(officer.header).set('Idempotency-Key', key()).send({ item: 'projectName', name: 'x' }).expect(403);

    const bad = await post(worker.header, filed.id, { item: 'workPeriod', from: '2026-05-01', to: '2026-03-01' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty('to');
    expect((await post(worker.header, filed.id, { item: 'bankCard', bankCard: { cardNumber: '12ab' } })).status).toBe(400);
    await http().post(`/api/v1/complaints/${filed.id}/supplements`).set(worker.header).send({ item: 'projectName', name: 'x' }).expect(400);

    await ComplaintModel.updateOne({ _id: filed.id }, { $set: { status: 'closed' } });
    const closed = await post(worker.header, filed.id, { item: 'projectName', name: '保康镇安置房' });
    expect(closed.status).toBe(409);
    expect(closed.body.error.message).toBe('这件投诉已经办结，不能再补充材料');
  });
});
