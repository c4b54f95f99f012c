/**
 * Job alerts over HTTP with the fake WeChat/SMS endpoints on 127.0.0.1: matching by trade and
 * place, at most one notice a day per worker, through the notice outbox (retried, never twice),
 * and the staff push as a real notice counted in the service level once delivered.
 */
import { randomUUID } from 'node:crypto';
import { ErrorBodySchema, MyJobAlertSchema, RegistryDetailSchema } from '@zhuanyi/shared';
import { fakeJobRecord } from '../../integrations/pes/fake-pes-server';
import { applyUpstreamRecord } from '../../integrations/pes/upstream-records';
import { startFakeNotify, type FakeNotify } from '../../integrations/notify/fake-notify';
import { JOB_NOTICE_TEMPLATE_ID, NotificationRetryModel, Notifier, RETRY_BACKOFF_MS } from '../../integrations/notify/notifier';
import { createLogger } from '../../logging/logger';
import { manualClock, type ManualClock } from '../../security/clock';
import { FieldCrypto } from '../../security/field-crypto';
import { signInAs, type TestSubject } from '../../test-support/auth';
import { buildJob } from '../../test-support/factories';
import { useTestDb } from '../../test-support/test-db';
import { CaseNoticeSender } from '../complaints/case-notices';
import { createWorker, staffApp } from '../staff/staff-test-kit';
import { JobAlertSweep } from './job-alert-sweep';
import { JobAlertModel } from './job-alert.model';

const db = useTestDb();
jest.setTimeout(60_000);
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

describe('job alerts', () => {
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
  });

  function world(clock: ManualClock) {
    const channels = {
      wechat: { appId: fake.appId, secret: fake.secret, baseUrl: fake.baseUrl },
      sms: { baseUrl: fake.baseUrl, apiKey: fake.apiKey, signName: '转移就业服务' },
    };
    const app = staffApp(db.database, clock, channels);
    // The background sender and sweep, driven by the test (they do not run under NODE_ENV=test).
    const sender = new CaseNoticeSender({
      notifier: new Notifier({ ...channels, logger: createLogger({ level: 'silent' }), clock, timeoutMs: 5_000 }),
      crypto: new FieldCrypto(app.config.fieldEncryptionKey),
      background: false,
    });
    const sweep = new JobAlertSweep({ clock, wakeSender: () => undefined });
    return { ...app, sweep, deliver: () => sender.sweep() };
  }

  const subscribe = (w: ReturnType<typeof world>, worker: TestSubject, body: object, key = randomUUID()) =>
    w.http().put('/api/v1/job-alerts/me').set(worker.header).set('Idempotency-Key', key).send(body);
  const alertOf = async (w: ReturnType<typeof world>, worker: TestSubject) => MyJobAlertSchema.parse((await w.http().get('/api/v1/job-alerts/me').set(worker.header).expect(200)).body).alert;
  const smsTo = (phone: string) => fake.sent.filter((s) => s.channel === 'sms' && s.to === phone);

  it('when new jobs of the watched trades and places appear, then each worker gets one SMS about theirs, and older or other jobs are not sent', async () => {
    const clock = manualClock();
    const w = world(clock);
    const welder = await signInAs('worker', { clock, phone: '13900006001' });
    const cook = await signInAs('worker', { clock, phone: '13900006002' });
    await buildJob({ trade: '电焊工', regionCode: '150521', title: '订阅前的电焊工', createdAt: new Date(clock().getTime() - MINUTE) });
    await subscribe(w, welder, { trades: ['电焊工'], regionCodes: ['150521'] }).expect(200);
    await subscribe(w, cook, { trades: ['厨师'], regionCodes: [] }).expect(200);

    clock.advance(10 * MINUTE);
    const near = await buildJob({ trade: '电焊工', regionCode: '150521100', title: '保康镇电焊工', createdAt: clock() });
    await buildJob({ trade: '电焊工', regionCode: '310115', title: '上海电焊工', createdAt: clock() });
    await buildJob({ trade: '厨师', regionCode: '310115', title: '上海食堂厨师', createdAt: clock() });
    await buildJob({ trade: '厨师', regionCode: '150521', title: '已关闭的厨师', status: 'closed', createdAt: clock() });

    expect(await w.sweep.run()).toEqual({ checked: 2, queued: 2 });
    await w.deliver();
    expect(smsTo('13900006001').map((s) => s.body)).toEqual([
      { to: '13900006001', signName: '转移就业服务', template: 'JOB_NOTICE', params: { title: '保康镇电焊工', text: '有新岗位：保康镇电焊工' } },
    ]);
    expect(smsTo('13900006002').map((s) => (s.body.params as { text: string }).text)).toEqual(['有新岗位：上海食堂厨师']);
    // Not subscribed to WeChat messages: no WeChat message although the login has an openid.
    expect(fake.sent.filter((s) => s.channel === 'wechat')).toEqual([]);
    const mine = await alertOf(w, welder);
    expect(mine).toMatchObject({ trades: ['电焊工'], places: [{ code: '150521', name: expect.stringContaining('科尔沁左翼中旗') as unknown as string }], channel: 'sms' });
    expect(mine?.lastNotice).toMatchObject({ text: '有新岗位：保康镇电焊工', delivered: true });
    const page = (await NotificationRetryModel.findOne({ subjectId: welder.subjectId }).lean().exec())?.page;
    expect(page).toBe(`pages/job-detail/index?id=${near._id.toHexString()}`);
  });

  it('when more matching jobs appear the same day, then nothing more is sent until the next day, which sends one notice for them all', async () => {
    const clock = manualClock('2026-06-01T02:00:00Z');
    const w = world(clock);
    const worker = await signInAs('worker', { clock, phone: '13900006003' });
    await subscribe(w, worker, { trades: ['电焊工'] }).expect(200);
    clock.advance(MINUTE);
    await buildJob({ trade: '电焊工', title: '第一个', createdAt: clock() });
    expect((await w.sweep.run()).queued).toBe(1);

    clock.advance(MINUTE);
    await buildJob({ trade: '电焊工', title: '第二个', createdAt: clock() });
    await buildJob({ trade: '电焊工', title: '第三个', createdAt: clock() });
    // Two sweeps at once (two instances, a timer and a publish) and later ones the same day: no second notice.
    const runs = await Promise.all([w.sweep.run(), w.sweep.run()]);
    expect(runs.map((r) => r.queued)).toEqual([0, 0]);
    clock.advance(12 * 60 * MINUTE); // 2026-06-01 22:00 Shanghai: still the same day
    expect((await w.sweep.run()).queued).toBe(0);
    await w.deliver();
    expect(smsTo('13900006003')).toHaveLength(1);

    clock.advance(DAY);
    const both = await Promise.all([w.sweep.run(), w.sweep.run()]);
    expect(both.map((r) => r.queued).sort()).toEqual([0, 1]);
    await w.deliver();
    expect(smsTo('13900006003').map((s) => (s.body.params as { text: string }).text)).toEqual(['有新岗位：第一个', '有2个新岗位，如：第三个']);
  });

  it('when the SMS provider is down, then the notice is retried after the wait and arrives once; a repeated subscribe sends nothing again', async () => {
    const clock = manualClock();
    const w = world(clock);
    const worker = await signInAs('worker', { clock, phone: '13900006004' });
    const key = randomUUID();
    await subscribe(w, worker, { trades: ['电焊工'] }, key).expect(200);
    await subscribe(w, worker, { trades: ['电焊工'] }, key).expect(200);
    expect(await JobAlertModel.countDocuments({ subjectId: worker.subjectId })).toBe(1);
    clock.advance(MINUTE);
    await buildJob({ trade: '电焊工', title: '重试的岗位', createdAt: clock() });
    await w.sweep.run();

    fake.setSmsFailing(true);
    await w.deliver();
    expect(smsTo('13900006004')).toEqual([]);
    expect((await alertOf(w, worker))?.lastNotice?.delivered).toBe(false);
    fake.setSmsFailing(false);
    await w.deliver(); // not due yet
    expect(smsTo('13900006004')).toEqual([]);
    clock.advance(RETRY_BACKOFF_MS[0] + 1000);
    await Promise.all([w.deliver(), w.deliver()]);
    await w.deliver();
    expect(smsTo('13900006004')).toHaveLength(1);

    // Subscribing again the same day keeps the once-a-day mark.
    await subscribe(w, worker, { trades: ['电焊工', '钢筋工'] }).expect(200);
    await buildJob({ trade: '钢筋工', title: '又一个', createdAt: clock() });
    expect((await w.sweep.run()).queued).toBe(0);
    expect((await alertOf(w, worker))?.lastNotice?.delivered).toBe(true);
  });

  it('when the worker allowed WeChat messages, then the alert goes as a WeChat subscribe message; a job synced from the PES counts as new', async () => {
    const clock = manualClock();
    const w = world(clock);
    const worker = await signInAs('worker', { clock, phone: '13900006005' });
    await subscribe(w, worker, { trades: ['钢筋工'], regionCodes: ['1505'], wechatAccepted: true }).expect(200);
    expect(await applyUpstreamRecord('job', fakeJobRecord('PES-ALERT-1'), 'pull', clock())).toBe('created');

    expect((await w.sweep.run()).queued).toBe(1);
    await w.deliver();
    expect(fake.sent.map((s) => [s.channel, s.to])).toEqual([['wechat', expect.stringMatching(/^test-openid-/)]]);
    expect(fake.sent[0]?.body).toMatchObject({ template_id: JOB_NOTICE_TEMPLATE_ID, data: { thing1: { value: expect.stringContaining('钢筋工') as unknown as string } } });
  });

  it('when a registered worker subscribes without choosing, then their wished trades and home county are used; with nothing wished, a plain reason', async () => {
    const clock = manualClock();
    const w = world(clock);
    const record = await createWorker({ jobIntention: { wantsJob: true, trades: ['电焊工', '砌筑工'], locations: ['in_county'], expectedMonthlyPayFen: null } });
    const registered = await signInAs('worker', { clock, workerId: record._id.toHexString(), phone: '13900006006' });
    const saved = MyJobAlertSchema.parse((await subscribe(w, registered, {}).expect(200)).body).alert;
    expect(saved).toMatchObject({ trades: ['电焊工', '砌筑工'], places: [{ code: '150521' }], channel: 'sms' });

    const unregistered = await signInAs('worker', { clock });
    const refused = await subscribe(w, unregistered, {}).expect(400);
    expect(ErrorBodySchema.parse(refused.body).error.fields?.trades).toBe('请先选择想做的工种');
  });

  it('when the worker stops alerts, then nothing more is sent, not even a notice already queued', async () => {
    const clock = manualClock();
    const w = world(clock);
    const worker = await signInAs('worker', { clock, phone: '13900006007' });
    await subscribe(w, worker, { trades: ['电焊工'] }).expect(200);
    clock.advance(MINUTE);
    await buildJob({ trade: '电焊工', createdAt: clock() });
    await w.sweep.run();
    expect(MyJobAlertSchema.parse((await w.http().delete('/api/v1/job-alerts/me').set(worker.header).expect(200)).body).alert).toBeNull();
    expect(await alertOf(w, worker)).toBeNull();
    await w.deliver();
    clock.advance(DAY);
    await buildJob({ trade: '电焊工', createdAt: clock() });
    expect((await w.sweep.run()).checked).toBe(0);
    expect(smsTo('13900006007')).toEqual([]);
  });

  it('when staff push a job to a person, then the person gets a real notice, and the service level counts the push only once it is delivered', async () => {
    const clock = manualClock();
    const w = world(clock);
    const person = await createWorker({ keyGroups: ['lifted_from_poverty'], phone: '13900006008' });
    const staff = await signInAs('staff', { regionScope: '150521', clock });
    const job = await buildJob({ trade: '电焊工', title: '推送的电焊工岗位' });
    fake.setSmsFailing(true);
    expect((await w.http().post(`/api/v1/staff/jobs/${job._id.toHexString()}/push`).set(staff.header).send({}).expect(200)).body).toMatchObject({ pushed: 1 });
    await w.deliver();
    const level = async () => RegistryDetailSchema.parse((await w.http().get(`/api/v1/registry/workers/${person._id.toHexString()}`).set(staff.header).expect(200)).body).serviceLevel;
    // Pressed, not delivered: not counted.
    expect((await level()).recommendations.count).toBe(0);

    fake.setSmsFailing(false);
    clock.advance(RETRY_BACKOFF_MS[0] + 1000);
    await w.deliver();
    expect(smsTo('13900006008').map((s) => s.body.params)).toEqual([{ title: '推送的电焊工岗位', text: expect.stringContaining('工作人员为您推荐岗位：推送的电焊工岗位') as unknown as string }]);
    expect((await level()).recommendations.count).toBe(1);
    expect((await level()).jobInfosThisMonth.count).toBe(1);
    // Pushing again sends nothing more.
    await w.http().post(`/api/v1/staff/jobs/${job._id.toHexString()}/push`).set(staff.header).send({}).expect(200);
    await w.deliver();
    expect(smsTo('13900006008')).toHaveLength(1);
  });
});
