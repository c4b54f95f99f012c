import request from 'supertest';
import { EntitlementSchema, ReadyToPayListSchema, TeamSchema, WorkerGrantListSchema, WorkerGrantSchema } from '@zhuanyi/shared';
import { Types } from 'mongoose';
import { createApp } from '../../app';
import { testConfig } from '../../config/env';
import { createLogger } from '../../logging/logger';
import { manualClock } from '../../security/clock';
import { TokenService } from '../../security/tokens';
import { seedAreaCodes } from '../../seed/seed';
import { signInAs, type TestSubject } from '../../test-support/auth';
import { registrationOf, villagesOf } from '../../test-support/broker-rows';
import { buildJob } from '../../test-support/factories';
import { useTestDb } from '../../test-support/test-db';
import { AuditModel } from '../audit/audit.model';
import { Worker } from '../workers/worker.model';
import { ensureDefaultSubsidyRules } from './subsidies.service';

const db = useTestDb();
jest.setTimeout(60_000);
const clock = manualClock('2026-06-05T02:00:00Z');
let http: () => request.Agent;
let township = '';

beforeAll(() => {
  const cb = createApp({ config: testConfig(), logger: createLogger({ level: 'silent' }), db: db.database, clock }).callback();
  http = () => request.agent(cb);
  township = seedAreaCodes()[0]?.township ?? '';
});

async function headerOf(s: TestSubject) {
  const issued = await new TokenService({ secret: testConfig().jwtSecret, clock }).issue({ subjectId: s.subjectId, role: s.role });
  return { Authorization: `Bearer ${issued.accessToken}` };
}

describe('money to the right person', () => {
  it('when a poor laborer arrives through an organized team, then the broker sees only the 300 yuan fee, the worker sees and applies for the 2,000 yuan grant, and staff pay it without a claim only once the key group is verified; a changed key group clears the verification', async () => {
    await ensureDefaultSubsidyRules();
    const staff = await signInAs('staff', { regionScope: township.slice(0, 6), clock });
    const broker = await signInAs('broker', { regionScope: township, clock });
    const enrolled = await http()
      .post('/api/v1/brokers/me/people')
      .set(await headerOf(broker))
      .set('Idempotency-Key', `grants-${Date.now()}`)
      .send({ consent: { given: true, method: 'signed_form' }, registration: registrationOf(301, villagesOf(township)[0] ?? '', { keyGroups: ['lifted_from_poverty'] }) })
      .expect(200);
    const workerId = (enrolled.body as { worker: { id: string } }).worker.id;
    const job = await buildJob({ regionCode: '310115' });
    const team = TeamSchema.parse((await http().post('/api/v1/brokers/me/teams').set(await headerOf(broker)).send({ name: '联队', jobId: job._id.toHexString(), memberIds: [workerId] }).expect(201)).body);
    await http().post(`/api/v1/brokers/me/teams/${team.id}/application`).set(await headerOf(broker)).expect(200);
    for (const body of [
      { stage: 'departed', on: '2026-06-02', transport: 'organized_train' },
      { stage: 'arrived', on: '2026-06-04' },
    ]) {
      const t = TeamSchema.parse((await http().post(`/api/v1/brokers/me/teams/${team.id}/stages`).set(await headerOf(broker)).send(body).expect(201)).body);
      await http().post(`/api/v1/brokers/teams/${team.id}/stages/${t.stages[t.stages.length - 1]?.id ?? ''}/confirmation`).set(await headerOf(staff)).send({ note: '核实' }).expect(200);
    }

    // The broker's home and ledger: 300 yuan, not 2,300.
    const home = await http().get('/api/v1/brokers/me/home').set(await headerOf(broker)).expect(200);
    expect((home.body as { subsidies: { dueFen: number } }).subsidies.dueFen).toBe(30_000);

    // The worker (who claimed the record) sees the grant in 我的, with status; the key group is unverified, so they apply.
    const worker = await signInAs('worker', { clock });
    await Worker.updateOne({ _id: new Types.ObjectId(workerId) }, { $set: { ownerLoginId: new Types.ObjectId(worker.subjectId), claimedAt: clock() } }).exec();
    const mine = WorkerGrantListSchema.parse((await http().get('/api/v1/workers/me/grants').set(await headerOf(worker)).expect(200)).body);
    expect(mine.items.map((g) => [g.kind, g.amountFen, g.state, g.needsClaim, g.claimable])).toEqual([['job_seeking', 200_000, 'due', true, true]]);
    expect(mine.totalFen).toBe(200_000);
    const grantId = mine.items[0]?.id ?? '';
    // A broker cannot claim the worker's grant; a stranger worker cannot see it.
    await http().post(`/api/v1/brokers/me/subsidies/${grantId}/claim`).set(await headerOf(broker)).expect(404);
    const stranger = await signInAs('worker', { clock });
    expect(WorkerGrantListSchema.parse((await http().get('/api/v1/workers/me/grants').set(await headerOf(stranger)).expect(200)).body).items).toEqual([]);
    await http().post(`/api/v1/workers/me/grants/${grantId}/claim`).set(await headerOf(stranger)).expect(404);

    // Not verified: not on the ready-to-pay list, and not approvable.
    expect(ReadyToPayListSchema.parse((await http().get('/api/v1/subsidies/ready-to-pay').set(await headerOf(staff)).expect(200)).body).items).toEqual([]);
    await http().post(`/api/v1/subsidies/${grantId}/decisions`).set(await headerOf(staff)).send({ action: 'approve', reason: '数据齐全' }).expect(409);

    // Verified: ready to pay without a claim (免申即享); the worker no longer needs to apply.
    await http().post(`/api/v1/registry/workers/${workerId}/verify`).set(await headerOf(staff)).send({ note: '脱贫户档案核对' }).expect(200);
    const ready = ReadyToPayListSchema.parse((await http().get('/api/v1/subsidies/ready-to-pay').set(await headerOf(staff)).expect(200)).body);
    expect(ready.items.map((e) => [e.id, e.amountFen])).toEqual([[grantId, 200_000]]);
    expect(WorkerGrantListSchema.parse((await http().get('/api/v1/workers/me/grants').set(await headerOf(worker)).expect(200)).body).items[0]).toMatchObject({ needsClaim: false, claimable: false });
    const otherCounty = await signInAs('staff', { regionScope: '540329', clock });
    expect(ReadyToPayListSchema.parse((await http().get('/api/v1/subsidies/ready-to-pay').set(await headerOf(otherCounty)).expect(200)).body).items).toEqual([]);

    // The facts change (the key group is edited): the verification is cleared, the grant leaves the list and cannot be approved.
    await Worker.findOneAndUpdate({ _id: new Types.ObjectId(workerId) }, { $set: { keyGroups: ['at_risk_of_poverty'] } }).exec();
    expect((await Worker.findById(workerId).lean().exec())?.verifiedAt).toBeNull();
    expect(ReadyToPayListSchema.parse((await http().get('/api/v1/subsidies/ready-to-pay').set(await headerOf(staff)).expect(200)).body).items).toEqual([]);
    await http().post(`/api/v1/subsidies/${grantId}/decisions`).set(await headerOf(staff)).send({ action: 'approve', reason: '数据齐全' }).expect(409);

    // The worker applies (once, whatever the number of taps); verified again, staff approve and pay.
    const claims = await Promise.all(Array.from({ length: 4 }, async () => http().post(`/api/v1/workers/me/grants/${grantId}/claim`).set(await headerOf(worker))));
    expect(claims.map((c) => c.status).sort()).toEqual([200, 409, 409, 409]);
    expect(WorkerGrantSchema.parse(claims.find((c) => c.status === 200)?.body).state).toBe('claimed');
    // The application is in the audit trail once, under the worker.
    const applied = await AuditModel.find({ targetType: 'entitlement', targetId: grantId }).lean().exec();
    expect(applied.map((a) => [a.actorId, a.actorRole, a.action])).toEqual([[worker.subjectId, 'worker', 'update']]);
    await http().post(`/api/v1/registry/workers/${workerId}/verify`).set(await headerOf(staff)).send({ note: '边缘易致贫户核对' }).expect(200);
    await http().post(`/api/v1/subsidies/${grantId}/decisions`).set(await headerOf(staff)).send({ action: 'approve', reason: '核实无误' }).expect(200);
    const paid = EntitlementSchema.parse((await http().post(`/api/v1/subsidies/${grantId}/decisions`).set(await headerOf(staff)).send({ action: 'pay', reason: '已打卡发放' }).expect(200)).body);
    expect(paid.status).toBe('paid');
    expect(WorkerGrantListSchema.parse((await http().get('/api/v1/workers/me/grants').set(await headerOf(worker)).expect(200)).body).paidFen).toBe(200_000);
  });
});
