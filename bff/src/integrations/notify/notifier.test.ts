/**
 * The worker notifier over real HTTP: the app is configured with the fake WeChat subscribe-message
 * and SMS endpoints on 127.0.0.1, and intake steps taken through the API must reach them.
 */
import { ComplaintSchema, NotificationRetryListSchema, NotificationRetryRunSchema } from '@zhuanyi/shared';
import { manualClock, type ManualClock } from '../../security/clock';
import { signInAs, type TestSubject } from '../../test-support/auth';
import { useTestDb } from '../../test-support/test-db';
import { staffApp } from '../../modules/staff/staff-test-kit';
import { Types } from 'mongoose';
import { createLogger } from '../../logging/logger';
import { referenceOf, workerNotifier } from '../../modules/applications/worker-notice';
import { FieldCrypto } from '../../security/field-crypto';
import { CASE_PROGRESS_TEMPLATE_ID, NotificationModel, NotificationRetryModel, Notifier, RETRY_BACKOFF_MS } from './notifier';
import { startFakeNotify, type FakeNotify } from './fake-notify';
import { CaseNoticeSender } from '../../modules/complaints/case-notices';

const db = useTestDb();
jest.setTimeout(60_000);
let n = 0;
const key = () => `notify-test-${Date.now()}-${(n += 1)}`;
const filing = { caseType: 'non_construction', respondent: { kind: 'employer', name: '科尔沁牧业有限公司' }, project: { regionCode: '150521', address: '保康镇' }, amountOwedYuan: '3600', demands: ['pay_wages'] };

describe('case notifications to the worker over HTTP', () => {
  let fake: FakeNotify;
  beforeAll(async () => {
    fake = await startFakeNotify();
  });
  afterAll(async () => {
    await fake.stop();
  });
  beforeEach(() => {
    fake.sent.length = 0;
    fake.setSmsFailing(false);
    fake.setHanging(false);
  });

  // A short timeout only where the test makes the fake hang; elsewhere a loaded CI machine must not turn a slow WeChat answer into an SMS fallback.
  function world(clock: ManualClock, timeoutMs = 5_000) {
    const app = staffApp(db.database, clock, {
      wechat: { appId: fake.appId, secret: fake.secret, baseUrl: fake.baseUrl },
      sms: { baseUrl: fake.baseUrl, apiKey: fake.apiKey, signName: '转移就业服务' },
    });
    // The background sender, driven by the test (the app's own does not run under NODE_ENV=test).
    const sender = new CaseNoticeSender({
      notifier: new Notifier({
        wechat: { appId: fake.appId, secret: fake.secret, baseUrl: fake.baseUrl },
        sms: { baseUrl: fake.baseUrl, apiKey: fake.apiKey, signName: '转移就业服务' },
        logger: createLogger({ level: 'silent' }),
        clock,
        timeoutMs,
      }),
      crypto: new FieldCrypto(app.config.fieldEncryptionKey),
      background: false,
    });
    return { ...app, send: () => sender.sweep() };
  }

  /** A worker (WeChat login with a phone) files a complaint; answers the worker and the case. */
  async function filed(http: ReturnType<typeof world>['http'], clock: ManualClock, phone: string): Promise<{ worker: TestSubject; id: string; caseNumber: string }> {
    const worker = await signInAs('worker', { clock, phone });
    const c = ComplaintSchema.parse((await http().post('/api/v1/complaints').set(worker.header).set('Idempotency-Key', key()).send(filing).expect(201)).body);
    return { worker, id: c.id, caseNumber: c.caseNumber };
  }
  const intake = async (clock: ManualClock) => (await signInAs('intake', { regionScope: '150521', clock })).header;

  it('when the officer accepts a case, then the worker gets a WeChat subscribe message with the case number and step, and no SMS', async () => {
    const clock = manualClock();
    const { http, send } = world(clock);
    const { worker, id, caseNumber } = await filed(http, clock, '13900001111');
    const openid = await openidOf(worker.subjectId);

    await http().post(`/api/v1/intake/cases/${id}/actions`).set(await intake(clock)).send({ action: 'accept' }).expect(200);
    // Queued with the step; the sender delivers it.
    expect(fake.sent).toEqual([]);
    expect(await NotificationRetryModel.countDocuments({ complaintId: id, state: 'pending' })).toBe(1);
    await send();

    expect(fake.sent.map((s) => [s.channel, s.to])).toEqual([['wechat', openid]]);
    const body = fake.sent[0]?.body as { template_id: string; page: string; data: { character_string1: { value: string }; thing2: { value: string } } };
    expect(body.template_id).toBe(CASE_PROGRESS_TEMPLATE_ID);
    expect(body.page).toBe(`pages/complaint-case/index?id=${id}`);
    expect(body.data.character_string1.value).toBe(caseNumber);
    expect(body.data.thing2.value.length).toBeLessThanOrEqual(20);
    const kept = await NotificationModel.find({ complaintId: id }).lean().exec();
    expect(kept.map((k) => [k.channel, k.ok])).toEqual([['wechat', true]]);
  });

  it('when WeChat refuses (43101, not subscribed), then the same step goes out by SMS to the worker’s phone', async () => {
    const clock = manualClock();
    const { http, send } = world(clock);
    const { worker, id, caseNumber } = await filed(http, clock, '13900002222');
    fake.refuseOpenid(await openidOf(worker.subjectId));

    await http().post(`/api/v1/intake/cases/${id}/actions`).set(await intake(clock)).send({ action: 'reject', reason: '不属于劳动争议，请向法院起诉' }).expect(200);
    await send();

    expect(fake.sent.map((s) => [s.channel, s.to])).toEqual([['sms', '13900002222']]);
    expect(fake.sent[0]?.body).toMatchObject({ template: 'CASE_UPDATE', signName: '转移就业服务', params: { caseNumber } });
    const kept = await NotificationModel.find({ complaintId: id }).sort({ at: 1, _id: 1 }).lean().exec();
    expect(kept.map((k) => [k.channel, k.ok, k.error])).toEqual([
      ['wechat', false, 'subscribe/send errcode 43101'],
      ['sms', true, null],
    ]);
    expect(await NotificationRetryModel.find({ complaintId: id }).lean().exec()).toMatchObject([{ state: 'delivered', channel: 'sms', attempts: 0 }]);
  });

  it('when WeChat refuses and SMS is down, then the step still succeeds, the notice is queued and sent once SMS is back, and an admin can see it', async () => {
    const clock = manualClock();
    const { http, send } = world(clock);
    const { worker, id } = await filed(http, clock, '13900003333');
    fake.refuseOpenid(await openidOf(worker.subjectId));
    fake.setSmsFailing(true);

    const accepted = ComplaintSchema.parse((await http().post(`/api/v1/intake/cases/${id}/actions`).set(await intake(clock)).send({ action: 'accept' }).expect(200)).body);
    expect(accepted.status).toBe('accepted');
    await send();
    expect(fake.sent).toEqual([]);
    const kept = await NotificationModel.find({ complaintId: id }).lean().exec();
    expect(kept.map((k) => [k.channel, k.ok])).toEqual([
      ['wechat', false],
      ['sms', false],
    ]);

    const admin = await signInAs('admin', { clock });
    const pending = NotificationRetryListSchema.parse((await http().get('/api/v1/staff/notifications').query({ state: 'pending' }).set(admin.header).expect(200)).body);
    expect(pending.items.filter((i) => i.complaintId === id).map((i) => [i.state, i.attempts, i.lastError])).toEqual([['pending', 0, 'sms answered 503']]);
    await http().get('/api/v1/staff/notifications').set(await intake(clock)).expect(403);

    // Not due yet: the next step's sweep leaves it alone; that step's own notice goes out by SMS.
    fake.setSmsFailing(false);
    fake.sent.length = 0;
    await http().post(`/api/v1/intake/cases/${id}/actions`).set(await intake(clock)).send({ action: 'mediate' }).expect(200);
    await send();
    expect(fake.sent.map((s) => s.channel)).toEqual(['sms']);
    expect(await NotificationRetryModel.countDocuments({ complaintId: id, state: 'pending' })).toBe(1);

    // Due after the first wait: an admin's retry sends it by SMS, once.
    clock.advance(RETRY_BACKOFF_MS[0] + 1000);
    fake.sent.length = 0;
    const run = NotificationRetryRunSchema.parse((await http().post('/api/v1/staff/notifications/retry').set((await signInAs('admin', { clock })).header).expect(200)).body);
    expect(run).toMatchObject({ delivered: 1, gaveUp: 0 });
    expect(fake.sent.map((s) => [s.channel, s.to])).toEqual([['sms', '13900003333']]);
    const done = await NotificationRetryModel.findOne({ complaintId: id }).sort({ createdAt: 1, _id: 1 }).lean().exec();
    expect(done).toMatchObject({ state: 'delivered', attempts: 1, channel: 'sms' });
    const again = NotificationRetryRunSchema.parse((await http().post('/api/v1/staff/notifications/retry').set((await signInAs('admin', { clock })).header).expect(200)).body);
    expect(again.tried).toBe(0);
    expect(fake.sent).toHaveLength(1);
  });

  it('when both channels keep failing, then each due notice is retried by the next step’s sweep and given up after the last wait, recorded as failed', async () => {
    const clock = manualClock();
    const { http, send } = world(clock);
    const first = await filed(http, clock, '13900004444');
    const other = await filed(http, clock, '13900005555');
    fake.refuseOpenid(await openidOf(first.worker.subjectId));
    fake.setSmsFailing(true);
    await http().post(`/api/v1/intake/cases/${first.id}/actions`).set(await intake(clock)).send({ action: 'accept' }).expect(200);
    await send();
    expect(await NotificationRetryModel.countDocuments({ complaintId: first.id, state: 'pending' })).toBe(1);

    // Steps on another case (whose worker gets WeChat) sweep the due retries of the first.
    const steps = [{ action: 'accept' }, { action: 'mediate' }, { action: 'arbitrate' }, { action: 'hearing', hearingAt: '2026-07-01T01:00:00Z' }, { action: 'hearing', hearingAt: '2026-07-02T01:00:00Z' }];
    for (const [i, wait] of RETRY_BACKOFF_MS.entries()) {
      clock.advance(wait + 1000);
      await http().post(`/api/v1/intake/cases/${other.id}/actions`).set(await intake(clock)).send(steps[i]).expect(200);
      await send();
      const r = await NotificationRetryModel.findOne({ complaintId: first.id }).lean().exec();
      expect(r?.attempts).toBe(i + 1);
    }
    const gaveUp = await NotificationRetryModel.findOne({ complaintId: first.id }).lean().exec();
    expect(gaveUp).toMatchObject({ state: 'failed', attempts: RETRY_BACKOFF_MS.length, nextAt: null, lastError: 'sms answered 503' });
    const tries = await NotificationModel.countDocuments({ complaintId: first.id, channel: 'sms', ok: false });
    expect(tries).toBe(1 + RETRY_BACKOFF_MS.length);
    expect(fake.sent.filter((s) => s.channel === 'sms')).toEqual([]);
    expect(fake.sent.filter((s) => s.channel === 'wechat')).toHaveLength(steps.length);
  });

  it('when WeChat and SMS are both down (no answer), then intake steps answer at once, the notices wait in the outbox with the step, and the sender records the failures for retry', async () => {
    const clock = manualClock();
    const { http, send } = world(clock, 300);
    const { id } = await filed(http, clock, '13900007777');
    fake.setHanging(true);

    // The notifier would wait 5 s per channel for an answer; the step must not.
    const officer = await intake(clock);
    const started = performance.now();
    const accepted = ComplaintSchema.parse((await http().post(`/api/v1/intake/cases/${id}/actions`).set(officer).send({ action: 'accept' }).expect(200)).body);
    const tookMs = performance.now() - started;
    expect(accepted.status).toBe('accepted');
    expect(tookMs).toBeLessThan(1000);
    // Stored with the step (same transaction): pending and not tried yet.
    expect(await NotificationRetryModel.find({ complaintId: id }).lean().exec()).toMatchObject([{ state: 'pending', attempts: 0, fresh: true, lastError: null }]);

    // The sender tries both channels (they time out) and schedules a retry.
    await send();
    const queued = await NotificationRetryModel.findOne({ complaintId: id }).lean().exec();
    expect(queued).toMatchObject({ state: 'pending', attempts: 0, fresh: false });
    expect(queued?.lastError).toMatch(/timeout|abort|sms/i);
    expect(queued?.nextAt?.getTime()).toBe(clock().getTime() + RETRY_BACKOFF_MS[0]);
    expect(fake.sent).toEqual([]);

    // Both back: the due retry goes out once.
    fake.setHanging(false);
    clock.advance(RETRY_BACKOFF_MS[0] + 1000);
    await send();
    expect(fake.sent.map((s) => s.channel)).toEqual(['wechat']);
    expect(await NotificationRetryModel.findOne({ complaintId: id }).lean().exec()).toMatchObject({ state: 'delivered', channel: 'wechat' });
  });

  it('when a notice about a job application fails on both channels, then the retry finds the worker by their login and delivers it', async () => {
    const clock = manualClock();
    const { http, config } = world(clock);
    const worker = await signInAs('worker', { clock, phone: '13900006666' });
    fake.refuseOpenid(await openidOf(worker.subjectId));
    fake.setSmsFailing(true);
    const notifier = new Notifier({
      wechat: { appId: fake.appId, secret: fake.secret, baseUrl: fake.baseUrl },
      sms: { baseUrl: fake.baseUrl, apiKey: fake.apiKey, signName: '转移就业服务' },
      logger: createLogger({ level: 'silent' }),
      clock,
    });
    const applicationId = new Types.ObjectId().toHexString();
    await workerNotifier({ notifier, crypto: new FieldCrypto(config.fieldEncryptionKey) })(worker.subjectId, {
      refId: applicationId,
      reference: referenceOf('GW', applicationId),
      text: '你报名的岗位：已录用',
      page: 'pages/applications/index',
    });
    expect(await NotificationRetryModel.countDocuments({ complaintId: applicationId, state: 'pending' })).toBe(1);

    fake.setSmsFailing(false);
    fake.sent.length = 0;
    clock.advance(RETRY_BACKOFF_MS[0] + 1000);
    const run = NotificationRetryRunSchema.parse((await http().post('/api/v1/staff/notifications/retry').set((await signInAs('admin', { clock })).header).expect(200)).body);
    expect(run).toMatchObject({ delivered: 1, gaveUp: 0 });
    expect(fake.sent.map((s) => [s.channel, s.to])).toEqual([['sms', '13900006666']]);
    expect(await NotificationRetryModel.findOne({ complaintId: applicationId }).lean().exec()).toMatchObject({ state: 'delivered', channel: 'sms' });
  });
});

async function openidOf(loginId: string): Promise<string> {
  const { WorkerLogin } = await import('../../modules/auth/worker-login.model');
  const login = await WorkerLogin.findById(loginId).lean().exec();
  if (!login?.openid) throw new Error('no openid');
  return login.openid;
}
