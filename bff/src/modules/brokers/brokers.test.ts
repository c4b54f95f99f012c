import request from 'supertest';
import {
  BrokerPeopleSchema,
  BrokerProfileSchema,
  TokenPairSchema,
  WorkerRegistrationResultSchema,
  t,
} from '@zhuanyi/shared';
import { createApp } from '../../app';
import { testConfig } from '../../config/env';
import { createLogger } from '../../logging/logger';
import { manualClock } from '../../security/clock';
import { seedAreaCodes } from '../../seed/seed';
import { signInAs, type TestSubject } from '../../test-support/auth';
import { idNumberOf, registrationOf as registrationIn, villagesOf } from '../../test-support/broker-rows';
import { useTestDb } from '../../test-support/test-db';
import { Account } from '../accounts/account.model';
import { AuditModel } from '../audit/audit.model';

const db = useTestDb();
const clock = manualClock('2026-06-01T02:00:00Z');
const http = () => request(createApp({ config: testConfig(), logger: createLogger({ level: 'silent' }), db: db.database, clock }).callback());
let key = 0;
const newKey = () => `brokers-test-${(key += 1)}-${Date.now()}`;
let township = '';
let village = '';

const registrationOf = (i: number) => registrationIn(i, village);

beforeAll(() => {
  const area = seedAreaCodes()[0];
  if (!area) throw new Error('no seed area');
  township = area.township;
  village = villagesOf(township)[0] ?? '';
});

async function enrol(broker: TestSubject, i: number) {
  return http()
    .post('/api/v1/brokers/me/people')
    .set(broker.header)
    .set('Idempotency-Key', newKey())
    .send({ consent: { given: true, method: 'in_person' }, registration: registrationOf(i) });
}

describe('becoming a broker', () => {
  it('when a worker applies and staff of the region certify, suspend and revoke with reasons, then the broker may enroll only while certified and every change is audited', async () => {
    const worker = await signInAs('worker', { clock });
    const application = {
      name: '包·巴雅尔',
      idNumber: idNumberOf(9000),
      phone: '13847509000',
      villageCode: village,
      serviceAreaCode: township,
      experience: '组织本村劳务输出五年，带队去过天津、上海的建筑工地。',
      username: 'bayar_broker',
      password: 'long-enough-pass',
    };
    const applied = await http().post('/api/v1/brokers/applications').set(worker.header).send(application).expect(201);
    const profile = BrokerProfileSchema.parse(applied.body);
    expect(profile).toMatchObject({ status: 'applied', certified: false, idNumberMasked: expect.stringMatching(/^150521\*{8}\d{3}[\dX]$/) as unknown as string });
    await http().post('/api/v1/brokers/applications').set(worker.header).send(application).expect(409);
    expect((await http().get('/api/v1/brokers/applications/me').set(worker.header).expect(200)).body.status).toBe('applied');

    const elsewhere = await signInAs('staff', { regionScope: '540329', clock });
    await http().post(`/api/v1/brokers/${profile.id}/decisions`).set(elsewhere.header).send({ action: 'certify', reason: '材料齐全' }).expect(404);
    const staff = await signInAs('staff', { regionScope: '150521', clock });
    const noReason = await http().post(`/api/v1/brokers/${profile.id}/decisions`).set(staff.header).send({ action: 'certify', reason: '' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields.reason).toBe(t('validation.reasonRequired'));
    const listed = await http().get('/api/v1/brokers?status=applied').set(staff.header).expect(200);
    expect(listed.body.items.map((p: { id: string }) => p.id)).toEqual([profile.id]);
    const certified = await http().post(`/api/v1/brokers/${profile.id}/decisions`).set(staff.header).send({ action: 'certify', reason: '村委会推荐，经历属实' }).expect(200);
    expect(certified.body).toMatchObject({ status: 'certified', certified: true });

    // The new broker signs in with the password chosen in the application and enrolls someone.
    const signIn = await http().post('/api/v1/auth/password').send({ username: 'bayar_broker', password: 'long-enough-pass' });
    expect(signIn.status).toBe(200);
    const tokens = TokenPairSchema.parse(signIn.body);
    const broker = { header: { Authorization: `Bearer ${tokens.accessToken}` } } as TestSubject;
    expect((await enrol(broker, 1)).status).toBe(200);

    await http().post(`/api/v1/brokers/${profile.id}/decisions`).set(staff.header).send({ action: 'suspend', reason: '收取务工人员费用，暂停核查' }).expect(200);
    const refused = await enrol(broker, 2);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe(t('error.brokerNotCertified'));
    // Direct entry through the registration API is refused too: there is one registration path.
    const direct = await http().post('/api/v1/workers').set(broker.header).set('Idempotency-Key', newKey()).send(registrationOf(2));
    expect(direct.status).toBe(403);

    const revoked = await http().post(`/api/v1/brokers/${profile.id}/decisions`).set(staff.header).send({ action: 'revoke', reason: '核查属实，取消资格' }).expect(200);
    expect(revoked.body.history.map((h: { status: string; reason: string }) => [h.status, h.reason])).toEqual([
      ['applied', ''],
      ['certified', '村委会推荐，经历属实'],
      ['suspended', '收取务工人员费用，暂停核查'],
      ['revoked', '核查属实，取消资格'],
    ]);
    await http().post(`/api/v1/brokers/${profile.id}/decisions`).set(staff.header).send({ action: 'suspend', reason: '重复操作' }).expect(409);

    const audit = await AuditModel.find({ targetType: 'broker', targetId: profile.id }).sort({ at: 1, _id: 1 }).lean().exec();
    expect(audit.map((a) => [a.actorId, a.action, a.reason, a.detail])).toEqual([
      [staff.subjectId, 'decide', '村委会推荐，经历属实', 'applied → certified'],
      [staff.subjectId, 'decide', '收取务工人员费用，暂停核查', 'certified → suspended'],
      [staff.subjectId, 'decide', '核查属实，取消资格', 'suspended → revoked'],
    ]);
  });
});

describe('a broker application with a username staff already use', () => {
  it('when a worker applies with an existing staff username, then the answer is the same as for a free one; the clash is shown to staff at certification', async () => {
    await Account.create({ username: 'wang_staff', displayName: '王晓梅', role: 'staff', regionScope: '150521', passwordHash: 'x', active: true });
    const application = (name: string, i: number) => ({
      name: '包·巴雅尔',
      idNumber: idNumberOf(9100 + i),
      phone: `1384750910${i}`,
      villageCode: village,
      serviceAreaCode: township,
      experience: '组织本村劳务输出五年。',
      username: name,
      password: 'long-enough-pass',
    });
    const taken = await http().post('/api/v1/brokers/applications').set((await signInAs('worker', { clock })).header).send(application('wang_staff', 1));
    const free = await http().post('/api/v1/brokers/applications').set((await signInAs('worker', { clock })).header).send(application('nobody_uses_this', 2));
    expect([taken.status, free.status]).toEqual([201, 201]);
    expect(Object.keys(taken.body as object).sort()).toEqual(Object.keys(free.body as object).sort());

    const staff = await signInAs('staff', { regionScope: '150521', clock });
    const clash = await http().post(`/api/v1/brokers/${BrokerProfileSchema.parse(taken.body).id}/decisions`).set(staff.header).send({ action: 'certify', reason: '材料齐全' }).expect(409);
    expect(clash.body.error.message).toBe(t('error.brokerUsernameTaken'));
  });
});

describe("a broker's people", () => {
  it('when a broker enrolls with consent, then the person is listed masked; another broker reading them gets 404', async () => {
    const broker = await signInAs('broker', { regionScope: township, clock });
    const res = await enrol(broker, 7);
    expect(res.status).toBe(200);
    const result = WorkerRegistrationResultSchema.parse(res.body);
    expect(result.outcome).toBe('created');
    const consentless = await http()
      .post('/api/v1/brokers/me/people')
      .set(broker.header)
      .set('Idempotency-Key', newKey())
      .send({ consent: { given: false, method: 'in_person' }, registration: registrationOf(8) });
    expect(consentless.status).toBe(400);

    const people = BrokerPeopleSchema.parse((await http().get('/api/v1/brokers/me/people').set(broker.header).expect(200)).body);
    expect(people.items).toEqual([
      expect.objectContaining({ workerId: result.worker.id, idNumberMasked: result.worker.idNumberMasked, phoneMasked: '138****0007', claimed: false }),
    ]);
    expect(JSON.stringify(people)).not.toContain(idNumberOf(7));
    await http().get(`/api/v1/brokers/me/people/${result.worker.id}`).set(broker.header).expect(200);

    const other = await signInAs('broker', { regionScope: township, clock });
    const hidden = await http().get(`/api/v1/brokers/me/people/${result.worker.id}`).set(other.header);
    expect(hidden.status).toBe(404);
    await http().get(`/api/v1/workers/${result.worker.id}`).set(other.header).expect(404);
    expect((await http().get('/api/v1/brokers/me/people').set(other.header).expect(200)).body.items).toEqual([]);
    // Nor may the other broker overwrite the record by entering the same ID number.
    expect((await enrol(other, 7)).status).toBe(409);
  });
});
