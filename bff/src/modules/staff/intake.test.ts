import { AuditListSchema, ComplaintSchema, IntakeQueueSchema, RegistryDetailSchema, RegistryListSchema, RevealResponseSchema } from '@zhuanyi/shared';
import { manualClock } from '../../security/clock';
import { signInAs } from '../../test-support/auth';
import { useTestDb } from '../../test-support/test-db';
import { NotificationModel } from '../../integrations/notify/notifier';
import { AuditModel } from '../audit/audit.model';
import { ComplaintModel } from '../complaints/complaint.model';
import { caseNoticeSender, createWorker, staffApp } from './staff-test-kit';

const db = useTestDb();
jest.setTimeout(60_000);
const DAY = 86_400_000;
let n = 0;
const key = () => `staff-test-${Date.now()}-${(n += 1)}`;

const filing = {
  caseType: 'construction',
  respondent: { kind: 'foreman', name: '赵包工头', phone: '13800005678' },
  project: { name: '科尔沁花园二期', regionCode: '150521', address: '甘旗卡镇建设路' },
  workPeriod: { from: '2026-01-05', to: '2026-05-20' },
  amountOwedYuan: '12000',
  coWorkersOwed: 12,
  demands: ['pay_wages'],
};

describe('green-channel intake', () => {
  it('when a case waits past 5 days it is overdue; accepted, arbitrated, extended with approval, awarded and closed, the worker sees every step and is notified', async () => {
    const clock = manualClock('2026-06-01T02:00:00Z'); // Monday 10:00 in Shanghai
    const { http } = staffApp(db.database, clock);
    const worker = await signInAs('worker', { clock });
    const filed = ComplaintSchema.parse((await http().post('/api/v1/complaints').set(worker.header).set('Idempotency-Key', key()).send(filing).expect(201)).body);

    clock.advance(6 * DAY);
    const again = await signInAs('intake', { regionScope: '150521', clock });
    const queue = IntakeQueueSchema.parse((await http().get('/api/v1/intake/queue').set(again.header).expect(200)).body);
    expect(queue.counts.overdue).toBe(1);
    const item = queue.items[0];
    expect(item).toMatchObject({ id: filed.id, urgency: 'overdue', clock: { kind: 'acceptance', state: 'overdue' } });
    expect(item?.priority.reasons).toEqual(['group_case']);

    // Tokens are short-lived: sign in again on the moved clock for each step.
    const fresh = async () => (await signInAs('intake', { regionScope: '150521', clock })).header;
    const act = async (body: object, status = 200) =>
      (await http().post(`/api/v1/intake/cases/${filed.id}/actions`).set(await fresh()).send(body).expect(status)).body as unknown;
    const accepted = ComplaintSchema.parse(await act({ action: 'accept' }));
    expect(accepted.clocks.map((c) => [c.kind, c.state])).toEqual([
      ['acceptance', 'late'],
      ['award', 'running'],
    ]);
    expect(accepted.intake?.greenChannelMet).toBe(false);
    expect(accepted.timeline.at(-1)?.note).toContain('容缺受理');

    const arb = ComplaintSchema.parse(await act({ action: 'arbitrate', hearingAt: '2026-06-20T01:30:00Z' }));
    expect(arb.intake).toMatchObject({ procedure: 'simplified', finalAward: true });

    clock.advance(40 * DAY);
    await act({ action: 'extend', days: 15, reason: '案情复杂需要调查', approvedBy: '仲裁委主任王某' });
    const awardAt = ComplaintSchema.parse((await http().get(`/api/v1/intake/cases/${filed.id}`).set(await fresh()).expect(200)).body);
    const award = awardAt.clocks.find((c) => c.kind === 'award');
    expect(award).toMatchObject({ extensionDays: 15, state: 'running' });
    expect(awardAt.intake?.extensionApproval?.approvedBy).toBe('仲裁委主任王某');

    await act({ action: 'advance_execution', amountYuan: '6000' });
    const awarded = ComplaintSchema.parse(await act({ action: 'award', amountYuan: '12000', summary: '被申请人支付拖欠工资' }));
    expect(awarded.clocks.find((c) => c.kind === 'award')?.state).toBe('met');
    expect(awarded.intake?.award).toMatchObject({ amountFen: 1_200_000, final: true });
    const closed = ComplaintSchema.parse(await act({ action: 'close', outcome: 'paid', amountRecoveredYuan: '12000' }));
    expect(closed.status).toBe('closed');
    expect(closed.intake?.amountRecoveredFen).toBe(1_200_000);

    const workerNow = await signInAs('worker', { clock });
    await ComplaintModel.updateOne({ _id: filed.id }, { $set: { filedBy: workerNow.subjectId } });
    const mine = ComplaintSchema.parse((await http().get(`/api/v1/complaints/${filed.id}`).set(workerNow.header).expect(200)).body);
    const notes = mine.timeline.map((e) => e.note ?? '').join('\n');
    expect(notes).toContain('简易程序');
    expect(notes).toContain('先予执行');
    expect(notes).toContain('终局裁决');
    expect(notes).toContain('追回金额 12000');
    expect(mine.status).toBe('closed');
    // Each step queued its notice; the background sender delivers them.
    await caseNoticeSender(clock).sweep();
    const notices = await NotificationModel.find({ complaintId: filed.id }).lean().exec();
    expect(notices.length).toBe(6); // accept, arbitrate, extend, 先予执行, award, close
    expect(notices.every((x) => x.channel === 'log' && x.ok)).toBe(true);
  });

  it('when intake refuses with a reason, then the worker sees the reason on the case', async () => {
    const clock = manualClock();
    const { http } = staffApp(db.database, clock);
    const worker = await signInAs('worker', { clock });
    const intake = await signInAs('intake', { regionScope: '150521', clock });
    const filed = ComplaintSchema.parse((await http().post('/api/v1/complaints').set(worker.header).set('Idempotency-Key', key()).send(filing).expect(201)).body);
    await http().post(`/api/v1/intake/cases/${filed.id}/actions`).set(intake.header).send({ action: 'reject', reason: 'x' }).expect(400);
    await http().post(`/api/v1/intake/cases/${filed.id}/actions`).set(intake.header).send({ action: 'reject', reason: '已超过仲裁时效，请向法院起诉' }).expect(200);
    const seen = ComplaintSchema.parse((await http().get(`/api/v1/complaints/${filed.id}`).set(worker.header).expect(200)).body);
    expect(seen.status).toBe('rejected');
    expect(seen.rejectionReason).toBe('已超过仲裁时效，请向法院起诉');
    expect(seen.timeline.at(-1)?.note).toBe('已超过仲裁时效，请向法院起诉');
  });

  it('when staff file for a caller, then the oral record is kept, the case is in the queue, and the worker confirms it after signing in with that phone', async () => {
    const clock = manualClock();
    const { http } = staffApp(db.database, clock);
    const intake = await signInAs('intake', { regionScope: '150521', clock });
    const res = await http()
      .post('/api/v1/intake/cases')
      .set(intake.header)
      .send({ channel: 'phone', workerName: '巴图', workerPhone: '13912345678', oralRecord: '来电称在工地干了三个月没拿到工资', complaint: { caseType: 'construction', respondent: { kind: 'foreman', name: '钱老板' } } })
      .expect(201);
    const c = ComplaintSchema.parse(res.body);
    expect(c.intake).toMatchObject({ channel: 'phone', oralRecord: '来电称在工地干了三个月没拿到工资', workerConfirmedAt: null });
    expect(c.missingItems.length).toBeGreaterThan(3);
    const worker = await signInAs('worker', { clock, phone: '13912345678' });
    const list = (await http().get('/api/v1/intake/confirmations').set(worker.header).expect(200)).body as { items: Array<{ id: string }> };
    expect(list.items.map((i) => i.id)).toEqual([c.id]);
    await http().post(`/api/v1/intake/confirmations/${c.id}`).set(worker.header).expect(200);
    const mine = ComplaintSchema.parse((await http().get(`/api/v1/complaints/${c.id}`).set(worker.header).expect(200)).body);
    expect(mine.timeline.map((e) => e.note)).toContain('本人已确认投诉内容');
  });

  it('when staff of one county ask for another county’s people or cases, then 404; in their own county they can, and every reveal is audited with its reason', async () => {
    const clock = manualClock();
    const { http } = staffApp(db.database, clock);
    const mine = await createWorker({ village: '150521100201' });
    const theirs = await createWorker({ village: '150522100201' });
    const staff = await signInAs('staff', { regionScope: '150521', clock });
    await http().get(`/api/v1/registry/workers/${theirs._id.toHexString()}`).set(staff.header).expect(404);
    await http().post(`/api/v1/registry/workers/${theirs._id.toHexString()}/reveal`).set(staff.header).send({ reason: '核对身份信息' }).expect(404);
    await http().get('/api/v1/registry/workers').query({ regionCode: '150522' }).set(staff.header).expect(404);
    const list = RegistryListSchema.parse((await http().get('/api/v1/registry/workers').set(staff.header).expect(200)).body);
    expect(list.items.map((p) => p.id)).toEqual([mine._id.toHexString()]);
    expect(list.items[0]?.idNumberMasked).toContain('****');

    const other = await ComplaintModel.create({
      caseNumber: '150522-20260601-0001', filedBy: 'x', intakeRegionCode: '150522', intakeRegionPath: ['15', '1505', '150522'],
      caseType: 'construction', respondent: { kind: 'foreman', name: '某' }, receivedAt: clock(), timeline: [],
    });
    const intake = await signInAs('intake', { regionScope: '150521', clock });
    await http().get(`/api/v1/intake/cases/${other._id.toHexString()}`).set(intake.header).expect(404);
    await http().post(`/api/v1/intake/cases/${other._id.toHexString()}/actions`).set(intake.header).send({ action: 'accept' }).expect(404);

    await http().post(`/api/v1/registry/workers/${mine._id.toHexString()}/reveal`).set(staff.header).send({}).expect(400);
    const full = RevealResponseSchema.parse((await http().post(`/api/v1/registry/workers/${mine._id.toHexString()}/reveal`).set(staff.header).send({ reason: '办理社保补贴核对身份' }).expect(200)).body);
    expect(full.idNumber).toMatch(/^150521\d{11}[\dX]$/);
    await http().post(`/api/v1/registry/workers/${mine._id.toHexString()}/reveal`).set(staff.header).send({ reason: '电话回访核对手机号' }).expect(200);
    const admin = await signInAs('admin', { clock });
    const audit = AuditListSchema.parse((await http().get('/api/v1/audit').query({ action: 'reveal' }).set(admin.header).expect(200)).body);
    expect(audit.items.map((e) => [e.actorId, e.targetId, e.reason])).toEqual([
      [staff.subjectId, mine._id.toHexString(), '电话回访核对手机号'],
      [staff.subjectId, mine._id.toHexString(), '办理社保补贴核对身份'],
    ]);
    await http().get('/api/v1/audit').set(staff.header).expect(403);
    await expect(AuditModel.updateOne({}, { $set: { reason: 'changed' } }).exec()).rejects.toThrow('append-only');
  });

  it('when staff record a service and push a job, then the person’s service level counts them', async () => {
    const clock = manualClock();
    const { http } = staffApp(db.database, clock);
    const p = await createWorker({ keyGroups: ['lifted_from_poverty'] });
    const staff = await signInAs('staff', { regionScope: '150521', clock });
    await http().post(`/api/v1/registry/workers/${p._id.toHexString()}/services`).set(staff.header).send({ kind: 'guidance', note: '就业指导' }).expect(201);
    const { buildJob } = await import('../../test-support/factories');
    const job = await buildJob({ trade: '电焊工' });
    const pushed = (await http().post(`/api/v1/staff/jobs/${job._id.toHexString()}/push`).set(staff.header).send({}).expect(200)).body as { pushed: number };
    expect(pushed.pushed).toBe(1);
    const again = (await http().post(`/api/v1/staff/jobs/${job._id.toHexString()}/push`).set(staff.header).send({}).expect(200)).body as { pushed: number };
    expect(again.pushed).toBe(0);
    // The push counts once its notice is delivered (the log channel here: no WeChat or SMS configured).
    await caseNoticeSender(clock).sweep();
    const d = RegistryDetailSchema.parse((await http().get(`/api/v1/registry/workers/${p._id.toHexString()}`).set(staff.header).expect(200)).body);
    expect(d.serviceLevel.jobInfosThisMonth).toMatchObject({ count: 1, target: 10, met: false });
    expect(d.serviceLevel.recommendations).toMatchObject({ count: 1, target: 3, applies: true, met: false });
    expect(d.serviceLevel.needsPackage).toMatchObject({ applies: true, guidance: 1, jobInfos: 1, training: 0, met: false });
  });
});
