/**
 * Jurisdiction end to end over the API: a case belongs to the worksite county; unknown worksite →
 * the home county's triage; transfers keep the first receipt; the home county follows read-only;
 * a third county sees nothing. Also the officer's case page (complainant, audited phone reveal,
 * evidence) and priority for online cases.
 */
import { AuditListSchema, ComplaintListResponseSchema, ComplaintSchema, IntakeQueueSchema, MonthlyReportSchema, PhoneRevealResponseSchema } from '@zhuanyi/shared';
import { manualClock, type ManualClock } from '../../security/clock';
import { TokenService } from '../../security/tokens';
import { testConfig } from '../../config/env';
import { signInAs } from '../../test-support/auth';
import { useTestDb } from '../../test-support/test-db';
import { createWorker, staffApp } from '../staff/staff-test-kit';
import { ComplaintModel } from './complaint.model';

const db = useTestDb();
jest.setTimeout(180_000);
const DAY = 86_400_000;
let n = 0;
const key = () => `jurisdiction-${Date.now()}-${(n += 1)}`;

const TURPAN_VILLAGE = '650402100201'; // 高昌区
const TURPAN = '650402';
const KZZQ = '150521'; // 科尔沁左翼中旗
const KZHQ = '150522'; // 科尔沁左翼后旗
const KAILU = '150523'; // 开鲁县: a third county
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(2000, 7)]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');

const atWorksite = (regionCode?: string) => ({
  caseType: 'construction',
  respondent: { kind: 'foreman', name: '赵包工头', phone: '13800005678' },
  project: { name: '保康镇安置房', address: '保康镇建设路', ...(regionCode ? { regionCode } : {}) },
  mainContractor: '通辽某建工集团',
  workPeriod: { from: '2026-03-01', to: '2026-05-20' },
  amountOwedYuan: '8600',
  coWorkersOwed: 3,
  demands: ['pay_wages'],
  demandNote: '干了两个多月，老板一直说下个月给，后来电话不接了',
});

/** A worker registered in Turpan (高昌区), signed in with a phone; answers their token. */
async function turpanWorker(clock: ManualClock, extra: Parameters<typeof createWorker>[0] = {}) {
  const phone = `139${String(10_000_000 + Math.floor(Math.random() * 89_999_999)).slice(-8)}`;
  const login = await signInAs('worker', { clock, phone });
  const w = await createWorker({ village: TURPAN_VILLAGE, phone, name: '艾力·吐尔逊', ...extra });
  const { Worker } = await import('../workers/worker.model');
  await Worker.updateOne({ _id: w._id }, { $set: { ownerLoginId: login.subjectId } });
  return { login, worker: w, phone };
}

function world(clock: ManualClock) {
  const { http } = staffApp(db.database, clock);
  const intake = async (scope: string) => (await signInAs('intake', { regionScope: scope, clock })).header;
  const file = async (header: { Authorization: string }, body: object) =>
    ComplaintSchema.parse((await http().post('/api/v1/complaints').set(header).set('Idempotency-Key', key()).send(body).expect(201)).body);
  const queue = async (scope: string, view: 'mine' | 'following' = 'mine') =>
    IntakeQueueSchema.parse((await http().get('/api/v1/intake/queue').query({ view }).set(await intake(scope)).expect(200)).body);
  return { http, intake, file, queue };
}

describe('where a wage complaint belongs', () => {
  it('when a Turpan worker files about a worksite in 科左中旗, then 科左中旗 handles and reports it, Turpan follows it read-only, a third county sees nothing, and the worker sees where it went', async () => {
    const clock = manualClock('2026-06-01T02:00:00Z');
    const { http, intake, file, queue } = world(clock);
    const { login } = await turpanWorker(clock);

    const c = await file(login.header, atWorksite('150521100'));
    expect(c.caseNumber.startsWith(`${KZZQ}-`)).toBe(true);
    expect(c.jurisdiction).toEqual({
      regionCode: KZZQ,
      regionName: '科尔沁左翼中旗',
      office: '科尔沁左翼中旗 劳动保障监察/仲裁院',
      officeRef: { kind: 'labor_dispute', regionCode: KZZQ, regionName: '科尔沁左翼中旗' },
      needsJurisdiction: false,
      transferred: false,
    });
    expect(c.timeline[0]?.note).toContain('科尔沁左翼中旗 劳动保障监察/仲裁院');
    // The note's office is a code too: kind + county, named in each reader's language by the client.
    expect(c.timeline[0]?.notes).toEqual([{ code: 'complaint.step.routed', params: { office: { office: 'labor_dispute', region: KZZQ, name: '科尔沁左翼中旗' } } }]);

    expect((await queue(KZZQ)).items.map((i) => [i.id, i.access, i.needsJurisdiction])).toEqual([[c.id, 'act', false]]);
    expect((await queue(TURPAN)).items).toEqual([]);
    expect((await queue(TURPAN, 'following')).items.map((i) => [i.id, i.access, i.regionName])).toEqual([[c.id, 'read', '科尔沁左翼中旗']]);
    expect((await queue(KAILU)).items).toEqual([]);
    expect((await queue(KAILU, 'following')).items).toEqual([]);

    // Home county: read-only follow-up; acting is refused.
    const followed = ComplaintSchema.parse((await http().get(`/api/v1/intake/cases/${c.id}`).set(await intake(TURPAN)).expect(200)).body);
    expect(followed.intake?.access).toBe('read');
    await http().post(`/api/v1/intake/cases/${c.id}/actions`).set(await intake(TURPAN)).send({ action: 'accept' }).expect(403);
    // Third county: as if the case did not exist.
    await http().get(`/api/v1/intake/cases/${c.id}`).set(await intake(KAILU)).expect(404);
    await http().post(`/api/v1/intake/cases/${c.id}/actions`).set(await intake(KAILU)).send({ action: 'accept' }).expect(404);
    await http().post(`/api/v1/intake/cases/${c.id}/reveal-phone`).set(await intake(KAILU)).send({ reason: '联系申请人核实' }).expect(404);

    // The monthly report counts the case where the work was done.
    const admin = await signInAs('admin', { clock });
    const report = async (regionCode: string) =>
      MonthlyReportSchema.parse((await http().get('/api/v1/reports/monthly').query({ month: '2026-06', regionCode }).set(admin.header).expect(200)).body);
    expect((await report(KZZQ)).complaints.received).toBe(1);
    expect((await report(TURPAN)).complaints.received).toBe(0);

    // The worker's list says which office has it.
    const mine = ComplaintListResponseSchema.parse((await http().get('/api/v1/complaints').set(login.header).expect(200)).body);
    expect(mine.items.map((i) => [i.office, i.officeRef])).toEqual([['科尔沁左翼中旗 劳动保障监察/仲裁院', { kind: 'labor_dispute', regionCode: KZZQ, regionName: '科尔沁左翼中旗' }]]);
  });

  it('when the worker does not know where the worksite was, then the case lands in the home county triage with 需确定管辖', async () => {
    const clock = manualClock('2026-06-01T02:00:00Z');
    const { file, queue } = world(clock);
    const { login } = await turpanWorker(clock);

    const c = await file(login.header, atWorksite());
    expect(c.jurisdiction).toMatchObject({ regionCode: TURPAN, needsJurisdiction: true });
    expect(c.timeline[0]?.note).toContain('确定管辖');
    expect((await queue(TURPAN)).items.map((i) => [i.id, i.needsJurisdiction, i.access])).toEqual([[c.id, true, 'act']]);
    expect((await queue(KZZQ)).items).toEqual([]);
  });

  it('when a case is transferred to another county, then it keeps its original received time and clocks, says so in the timeline, the new county acts on it, the old one no longer sees it, and the home county still follows it', async () => {
    const clock = manualClock('2026-06-01T02:00:00Z'); // Monday
    const { http, intake, file, queue } = world(clock);
    const { login } = await turpanWorker(clock);
    const c = await file(login.header, atWorksite(KZZQ));
    const receivedAt = c.timeline[0]?.at;
    const dueBefore = c.clocks.find((k) => k.kind === 'acceptance')?.dueAt;

    clock.advance(2 * DAY);
    await http().post(`/api/v1/intake/cases/${c.id}/actions`).set(await intake(KZZQ)).send({ action: 'transfer', toRegionCode: '999999', reason: '不存在的地区' }).expect(400);
    const moved = ComplaintSchema.parse(
      (await http().post(`/api/v1/intake/cases/${c.id}/actions`).set(await intake(KZZQ)).send({ action: 'transfer', toRegionCode: KZHQ, reason: '工地实际在科左后旗境内' }).expect(200)).body,
    );
    expect(moved.status).toBe('submitted');
    expect(moved.jurisdiction).toMatchObject({ regionCode: KZHQ, office: '科尔沁左翼后旗 劳动保障监察/仲裁院', officeRef: { kind: 'labor_dispute', regionCode: KZHQ }, transferred: true });
    expect(moved.timeline.at(-1)?.notes?.[0]?.params.office).toEqual({ office: 'labor_dispute', region: KZHQ, name: '科尔沁左翼后旗' });
    const acceptance = moved.clocks.find((k) => k.kind === 'acceptance');
    expect(acceptance?.startedAt).toBe(receivedAt);
    expect(acceptance?.dueAt).toBe(dueBefore);
    const note = moved.timeline.at(-1)?.note ?? '';
    expect(note).toContain('已转至 科尔沁左翼后旗 劳动保障监察/仲裁院');
    expect(note).toContain('工地实际在科左后旗境内');
    expect(note).toContain('首次收到');
    expect(moved.intake?.transfers).toMatchObject([{ fromRegionCode: KZZQ, toRegionCode: KZHQ, reason: '工地实际在科左后旗境内' }]);
    const stored = await ComplaintModel.findById(c.id).lean().exec();
    expect(stored?.receivedAt.toISOString()).toBe(receivedAt);

    expect((await queue(KZHQ)).items.map((i) => [i.id, i.clock?.startedAt])).toEqual([[c.id, receivedAt]]);
    await http().get(`/api/v1/intake/cases/${c.id}`).set(await intake(KZZQ)).expect(404);
    expect((await queue(KZZQ)).items).toEqual([]);
    expect((await queue(TURPAN, 'following')).items.map((i) => i.id)).toEqual([c.id]);
    // The worker sees where it went.
    await http().get(`/api/v1/complaints/${c.id}`).set((await signInAs('worker', { clock })).header).expect(404);
    // Access tokens are short-lived: a fresh one for the same worker on the moved clock.
    const fresh = await new TokenService({ secret: testConfig().jwtSecret, clock }).issue({ subjectId: login.subjectId, role: 'worker' });
    const own = ComplaintSchema.parse((await http().get(`/api/v1/complaints/${c.id}`).set({ Authorization: `Bearer ${fresh.accessToken}` }).expect(200)).body);
    expect(own.jurisdiction.office).toBe('科尔沁左翼后旗 劳动保障监察/仲裁院');
    expect(own.timeline.map((e) => e.note ?? '').join('\n')).toContain('已转至 科尔沁左翼后旗');
    // The receiving county acts at once.
    await http().post(`/api/v1/intake/cases/${c.id}/actions`).set(await intake(KZHQ)).send({ action: 'accept' }).expect(200);
  });

  it('when staff file for a walk-in without a worksite, then the case is triaged at the office’s county and can be transferred', async () => {
    const clock = manualClock('2026-06-01T02:00:00Z');
    const { http, intake, queue } = world(clock);
    const body = { channel: 'walk_in', workerName: '王某', workerPhone: '13900112233', oralRecord: '在外地工地干活被拖欠工资', complaint: atWorksite() };
    const c = ComplaintSchema.parse((await http().post('/api/v1/intake/cases').set(await intake(TURPAN)).send(body).expect(201)).body);
    expect(c.jurisdiction).toMatchObject({ regionCode: TURPAN, needsJurisdiction: true });
    expect((await queue(TURPAN)).items.map((i) => i.needsJurisdiction)).toEqual([true]);
  });
});

describe('the officer’s case page and priority of online cases', () => {
  it('when an officer opens an online case, then they see the complainant (masked), key groups, the case facts and evidence; the full phone needs a reason and is audited', async () => {
    const clock = manualClock('2026-06-01T02:00:00Z');
    const { http, intake, file } = world(clock);
    const { login, phone } = await turpanWorker(clock, { birthDate: '1960-02-01', keyGroups: ['lifted_from_poverty', 'disabled'] });
    const c = await file(login.header, atWorksite(KZZQ));
    await http().post(`/api/v1/complaints/${c.id}/evidence`).set(login.header).attach('files', JPEG, 'wage-slip.jpg').attach('files', PDF, 'iou.pdf').expect(201);

    const officer = await intake(KZZQ);
    const page = ComplaintSchema.parse((await http().get(`/api/v1/intake/cases/${c.id}`).set(officer).expect(200)).body);
    expect(page.intake?.complainant).toMatchObject({
      name: '艾力·吐尔逊',
      phoneMasked: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
      age: 66,
      olderWorker: true,
      keyGroups: ['lifted_from_poverty', 'disabled'],
    });
    expect(page.intake?.complainant.idMasked).toMatch(/^650402\*+\w{4}$/);
    expect(page).toMatchObject({
      respondent: { kind: 'foreman', name: '赵包工头' },
      mainContractor: '通辽某建工集团',
      project: { name: '保康镇安置房', address: '保康镇建设路', regionCode: KZZQ },
      workPeriod: { from: '2026-03-01', to: '2026-05-20' },
      amountOwedFen: 860_000,
      coWorkersOwed: 3,
      demandNote: '干了两个多月，老板一直说下个月给，后来电话不接了',
    });
    expect(page.evidence.map((e) => e.contentType)).toEqual(['image/jpeg', 'application/pdf']);
    const img = await http().get(`/api/v1/complaints/${c.id}/evidence/${page.evidence[0]?.id ?? ''}`).set(officer).buffer(true).expect(200);
    expect(img.headers['content-type']).toBe('image/jpeg');
    expect(img.headers['content-disposition']).toContain('inline');
    expect(page.clocks.map((k) => k.kind)).toContain('acceptance');

    await http().post(`/api/v1/intake/cases/${c.id}/reveal-phone`).set(officer).send({}).expect(400);
    const revealed = PhoneRevealResponseSchema.parse((await http().post(`/api/v1/intake/cases/${c.id}/reveal-phone`).set(officer).send({ reason: '电话联系申请人补充材料' }).expect(200)).body);
    expect(revealed.phone).toBe(phone);
    const admin = await signInAs('admin', { clock });
    const audit = AuditListSchema.parse((await http().get('/api/v1/audit').query({ targetType: 'complaint', targetId: c.id, action: 'reveal' }).set(admin.header).expect(200)).body);
    expect(audit.items.map((a) => [a.action, a.reason])).toEqual([['reveal', '电话联系申请人补充材料']]);
  });

  it('when cases are filed online, then priority rules apply as for staff-filed ones and the queue sorts by them with reasons', async () => {
    const clock = manualClock('2026-06-01T02:00:00Z');
    const { file, queue } = world(clock);
    const plain = await turpanWorker(clock, { birthDate: '1990-01-01' });
    const keyGroup = await turpanWorker(clock, { birthDate: '1958-01-01', keyGroups: ['rural_low_income'] });
    const a = await file(plain.login.header, atWorksite(KZZQ));
    const b = await file(keyGroup.login.header, atWorksite(KZZQ));
    const group = await file(plain.login.header, { ...atWorksite(KZZQ), coWorkersOwed: 14 });

    const items = (await queue(KZZQ)).items;
    expect(items.map((i) => i.id)).toEqual([b.id, group.id, a.id]);
    expect(items.find((i) => i.id === b.id)?.priority.reasons).toEqual(['key_group', 'older_worker']);
    expect(items.find((i) => i.id === group.id)?.priority.reasons).toEqual(['group_case']);
    expect(items.find((i) => i.id === a.id)?.priority.reasons).toEqual([]);

    // Near the acceptance deadline: the reason shows and the case moves up.
    clock.advance(4 * DAY);
    const later = (await queue(KZZQ)).items;
    expect(later.every((i) => i.priority.reasons.includes('near_deadline'))).toBe(true);
  });

  it('when a case is handed off to public security with a due date, then the worker sees it, it turns overdue on the queue without an answer, and the answer clears it', async () => {
    const clock = manualClock('2026-06-01T02:00:00Z'); // Monday
    const { http, intake, file, queue } = world(clock);
    const { login } = await turpanWorker(clock);
    const c = await file(login.header, atWorksite(KZZQ));
    const act = async (body: object, status = 200) => (await http().post(`/api/v1/intake/cases/${c.id}/actions`).set(await intake(KZZQ)).send(body).expect(status)).body as unknown;
    await act({ action: 'accept' });
    const referred = ComplaintSchema.parse(await act({ action: 'refer', to: 'public_security', office: '科左中旗公安局经侦大队', dueDate: '2026-06-05', note: '包工头失联，涉嫌拒不支付劳动报酬' }));
    expect(referred.intake?.referral).toMatchObject({ to: 'public_security', office: '科左中旗公安局经侦大队', dueAt: '2026-06-05T15:59:59.000Z', answer: null, overdue: false });
    const own = ComplaintSchema.parse((await http().get(`/api/v1/complaints/${c.id}`).set(login.header).expect(200)).body);
    expect(own.timeline.at(-1)?.note).toContain('科左中旗公安局经侦大队，2026/6/5 前答复');
    // The worker's client gets the same as codes, to render in the worker's language.
    expect(own.timeline.at(-1)?.notes).toEqual([
      { code: 'complaint.step.handoffDue', params: { step: { key: 'complaint.step.referPolice' }, office: '科左中旗公安局经侦大队', date: { day: '2026-06-05T15:59:59.000Z' } } },
    ]);

    clock.advance(5 * DAY);
    const late = (await queue(KZZQ)).items.find((i) => i.id === c.id);
    expect(late).toMatchObject({ handoffOverdue: true, urgency: 'overdue' });
    const answered = ComplaintSchema.parse(await act({ action: 'handoff_answer', answer: '已立案侦查' }));
    expect(answered.intake?.referral).toMatchObject({ answer: '已立案侦查', overdue: false });
    expect(answered.timeline.at(-1)?.note).toBe('科左中旗公安局经侦大队答复：已立案侦查');
    expect((await queue(KZZQ)).items.find((i) => i.id === c.id)?.handoffOverdue).toBe(false);
    await act({ action: 'handoff_answer', answer: '再次答复' }, 409);
  });
});
