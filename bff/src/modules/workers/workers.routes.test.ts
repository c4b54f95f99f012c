import request from 'supertest';
import mongoose from 'mongoose';
import {
  ClaimableRecordListSchema,
  ErrorBodySchema,
  idNumberCheckChar,
  OwnershipConflictListSchema,
  WorkerRegistrationResultSchema,
  WorkerRegistrationSchema,
  type WorkerRegistrationInput,
} from '@zhuanyi/shared';
import { createApp } from '../../app';
import { testConfig } from '../../config/env';
import { createLogger } from '../../logging/logger';
import { useTestDb } from '../../test-support/test-db';
import { signInAs } from '../../test-support/auth';
import { manualClock } from '../../security/clock';
import { Worker } from './worker.model';
import { WorkerLogin } from '../auth/worker-login.model';

const db = useTestDb();
const config = testConfig();
const clock = manualClock('2026-06-01T02:00:00Z');

function http() {
  return request(createApp({ config, logger: createLogger({ level: 'silent' }), db: db.database, clock }).callback());
}

/** A valid 身份证号 for the 17 digits given. */
const withCheck = (first17: string) => first17 + idNumberCheckChar(first17);
const ID_A = withCheck('15052119880315123'); // male, born 1988-03-15
const ID_B = withCheck('65042119950720002'); // female

let keySeq = 0;
const newKey = () => `test-key-${Date.now()}-${(keySeq += 1)}`;

function buildRegistration(overrides: Partial<WorkerRegistrationInput> = {}): WorkerRegistrationInput {
  return {
    name: '包金山',
    idNumber: ID_A,
    ethnicity: '蒙古族',
    phone: '13847501234',
    education: 'junior',
    householdRegionCode: '150521100201',
    householdGroup: '三组',
    keyGroups: ['lifted_from_poverty'],
    mobility: 'can_travel_far',
    skills: [{ trade: '电焊工', level: 'level4' }],
    certificates: [{ name: '焊工职业技能等级证书', issuedOn: '2021-05-10' }],
    jobIntention: { wantsJob: true, trades: ['电焊工'], locations: ['out_of_province'], expectedMonthlyPayFen: 600_000 },
    trainingIntention: { wantsTraining: true, trades: ['钢筋工'] },
    employment: { status: 'unemployed', destination: null },
    entrepreneurship: { active: false },
    ...overrides,
  };
}

async function putMine(header: { Authorization: string }, body: unknown, key: string | null = newKey()) {
  const req = http().put('/api/v1/workers/me').set(header);
  if (key) req.set('Idempotency-Key', key);
  return req.send(body as object);
}

async function ok(pending: ReturnType<typeof putMine>) {
  const res = await pending;
  expect(res.status).toBe(200);
  return res;
}

describe('worker self-registration (实名登记)', () => {
  it('when a worker registers, then the record is created with birth date, age and sex derived, and ID number and phone masked', async () => {
    const worker = await signInAs('worker', { config, clock });
    const res = await putMine(worker.header, buildRegistration());
    expect(res.status).toBe(200);
    const { outcome, worker: w } = WorkerRegistrationResultSchema.parse(res.body);
    expect(outcome).toBe('created');
    expect(w).toMatchObject({
      name: '包金山',
      idNumberMasked: `150521********${ID_A.slice(-4)}`,
      birthDate: '1988-03-15',
      age: 38,
      sex: 'male',
      phoneMasked: '138****1234',
      household: { regionCode: '150521100201', group: '三组' },
      source: 'worker',
      claimed: true,
    });
    expect(w.household.regionName).toContain('保南村');
    expect(JSON.stringify(res.body)).not.toContain(ID_A);
    expect(JSON.stringify(res.body)).not.toContain('13847501234');

    const mine = await http().get('/api/v1/workers/me').set(worker.header);
    expect(mine.status).toBe(200);
    expect(WorkerRegistrationSchema.parse(mine.body).id).toBe(w.id);
    const me = await http().get('/api/v1/auth/me').set(worker.header);
    expect(me.body.workerId).toBe(w.id);
  });

  it('when the record is stored, then the database holds no clear ID number or phone', async () => {
    const worker = await signInAs('worker', { config, clock });
    await putMine(worker.header, buildRegistration());
    const raw = await mongoose.connection.collection('workers').findOne({});
    const text = JSON.stringify(raw);
    expect(text).not.toContain(ID_A);
    expect(text).not.toContain('13847501234');
  });

  it('when the ID number checksum is wrong, then 400 with the idNumber field message in Chinese', async () => {
    const worker = await signInAs('worker', { config, clock });
    const bad = ID_A.slice(0, 17) + (ID_A.endsWith('1') ? '2' : '1');
    const res = await putMine(worker.header, buildRegistration({ idNumber: bad }));
    expect(res.status).toBe(400);
    const body = ErrorBodySchema.parse(res.body);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.fields?.idNumber).toBe('身份证号校验位不对，请核对后重新填写');
    expect(await Worker.countDocuments({})).toBe(0);
  });

  it('when the name has a middle dot (阿卜杜热合曼·买买提艾力), then it is accepted as written', async () => {
    const worker = await signInAs('worker', { config, clock });
    const res = await putMine(
      worker.header,
      buildRegistration({ name: '阿卜杜热合曼•买买提艾力', idNumber: ID_B, ethnicity: '维吾尔族', householdRegionCode: '650421100001' }),
    );
    expect(res.status).toBe(200);
    expect(res.body.worker.name).toBe('阿卜杜热合曼·买买提艾力');
    expect(res.body.worker.sex).toBe('female');
  });

  it('when fields are wrong in several places, then each field gets its own Chinese message', async () => {
    const worker = await signInAs('worker', { config, clock });
    const res = await putMine(worker.header, {
      ...buildRegistration({ name: 'Zhang San', phone: '12345', householdRegionCode: '150521100' }),
      mobility: 'somewhere',
      jobIntention: { wantsJob: true, trades: [], locations: ['in_county', 'in_county'], expectedMonthlyPayFen: 12.5 },
      employment: { status: 'employed', destination: null },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toMatchObject({
      name: '姓名只能包含汉字，少数民族姓名可用“·”分隔',
      phone: '手机号码应为11位数字',
      householdRegionCode: '请选择到村（嘎查、社区）',
      mobility: '请从给定的选项中选择',
      'jobIntention.locations': '有重复的选项',
      'jobIntention.expectedMonthlyPayFen': '请填写整数',
      'employment.destination': '已就业请填写务工去向',
    });
  });

  it('when the village code has the right shape but does not exist, then 400 on householdRegionCode', async () => {
    const worker = await signInAs('worker', { config, clock });
    const res = await putMine(worker.header, buildRegistration({ householdRegionCode: '150521100999' }));
    expect(res.status).toBe(400);
    expect(res.body.error.fields.householdRegionCode).toBe('没有找到这个村，请重新选择');
  });

  it('when the person is under 16, then 400 on idNumber', async () => {
    const worker = await signInAs('worker', { config, clock });
    const res = await putMine(worker.header, buildRegistration({ idNumber: withCheck('15052120120101123') }));
    expect(res.status).toBe(400);
    expect(res.body.error.fields.idNumber).toBe('未满16周岁，不能登记务工');
  });

  it('when the worker registers again with changes, then it is an update of the same record', async () => {
    const worker = await signInAs('worker', { config, clock });
    const first = WorkerRegistrationResultSchema.parse((await putMine(worker.header, buildRegistration())).body);
    const second = await putMine(worker.header, buildRegistration({ mobility: 'nearby_only', keyGroups: ['veteran', 'disabled'] }));
    expect(second.status).toBe(200);
    const result = WorkerRegistrationResultSchema.parse(second.body);
    expect(result.outcome).toBe('updated');
    expect(result.worker.id).toBe(first.worker.id);
    expect(result.worker.mobility).toBe('nearby_only');
    expect(result.worker.keyGroups).toEqual(['veteran', 'disabled']);
    expect(await Worker.countDocuments({})).toBe(1);
  });

  it('when the same request is retried with its Idempotency-Key, then there is one record and the same answer', async () => {
    const worker = await signInAs('worker', { config, clock });
    const key = newKey();
    const body = buildRegistration();
    const first = await putMine(worker.header, body, key);
    const retry = await putMine(worker.header, body, key);
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body.outcome).toBe('created');
    expect(await Worker.countDocuments({})).toBe(1);
  });

  it('when duplicates with the same Idempotency-Key arrive together, then the handler runs once and both get the same answer', async () => {
    const worker = await signInAs('worker', { config, clock });
    const key = newKey();
    const body = buildRegistration();
    const answers = await Promise.all([1, 2, 3].map(() => putMine(worker.header, body, key)));
    for (const a of answers) expect(a.status).toBe(200);
    expect(answers.map((a) => a.body.outcome)).toEqual(['created', 'created', 'created']);
    expect(new Set(answers.map((a) => a.body.worker.id)).size).toBe(1);
    expect(await Worker.countDocuments({})).toBe(1);
  });

  it('when the same Idempotency-Key comes with a different body, then 409', async () => {
    const worker = await signInAs('worker', { config, clock });
    const key = newKey();
    expect((await putMine(worker.header, buildRegistration(), key)).status).toBe(200);
    const other = await putMine(worker.header, buildRegistration({ householdGroup: '五组' }), key);
    expect(other.status).toBe(409);
    expect(other.body.error.message).toBe('这次提交和之前的提交不一致，请刷新后重新提交');
  });

  it('when another worker uses the same Idempotency-Key, then it is their own request', async () => {
    const a = await signInAs('worker', { config, clock });
    const b = await signInAs('worker', { config, clock });
    const key = newKey();
    expect((await putMine(a.header, buildRegistration(), key)).body.outcome).toBe('created');
    const res = await putMine(b.header, buildRegistration({ idNumber: ID_B, name: '古丽', ethnicity: '维吾尔族' }), key);
    expect(res.status).toBe(200);
    expect(res.body.outcome).toBe('created');
    expect(await Worker.countDocuments({})).toBe(2);
  });

  it('when the Idempotency-Key is missing, then 400', async () => {
    const worker = await signInAs('worker', { config, clock });
    const res = await putMine(worker.header, buildRegistration(), null);
    expect(res.status).toBe(400);
    expect(res.body.error.fields['Idempotency-Key']).toBe('缺少请求编号（Idempotency-Key）');
  });

  it('when another login already holds the ID number, then the answer looks like a fresh registration and the holder’s record is untouched', async () => {
    const squatter = await signInAs('worker', { config, clock, phone: '13900000001' });
    const owner = await signInAs('worker', { config, clock, phone: '13847501234' });
    const stranger = await signInAs('worker', { config, clock });
    await ok(putMine(squatter.header, buildRegistration({ phone: '13900000001' })));
    const res = await putMine(owner.header, buildRegistration({ householdGroup: '九组' }));
    const fresh = await putMine(stranger.header, buildRegistration({ idNumber: ID_B, householdGroup: '九组' }));
    expect(res.status).toBe(fresh.status);
    const answer = WorkerRegistrationResultSchema.parse(res.body);
    expect(answer.outcome).toBe(WorkerRegistrationResultSchema.parse(fresh.body).outcome);
    expect(Object.keys(answer.worker).sort()).toEqual(Object.keys(WorkerRegistrationResultSchema.parse(fresh.body).worker).sort());
    expect(answer.worker).toMatchObject({ household: expect.objectContaining({ group: '九组' }), phoneMasked: '138****1234' });
    // It reads back as submitted; the holder's record is as it was.
    expect((await http().get('/api/v1/workers/me').set(owner.header).expect(200)).body.household.group).toBe('九组');
    expect((await http().get('/api/v1/workers/me').set(squatter.header).expect(200)).body.household.group).toBe('三组');
    expect(await Worker.countDocuments()).toBe(2);
  });

  it('when the real owner proved the phone on a squatted record at sign-in, then registering takes the record back at once', async () => {
    const squatter = await signInAs('worker', { config, clock });
    const owner = await signInAs('worker', { config, clock, phone: '13847501234' });
    await ok(putMine(squatter.header, buildRegistration())); // typed the owner's phone, not proven by the squatter
    const res = await ok(putMine(owner.header, buildRegistration({ householdGroup: '五组' })));
    expect(WorkerRegistrationResultSchema.parse(res.body).outcome).toBe('claimed');
    expect((await http().get('/api/v1/workers/me').set(owner.header).expect(200)).body.household.group).toBe('五组');
    await http().get('/api/v1/workers/me').set(squatter.header).expect(404);
  });

  it('when staff check the owner in person, then they see the conflict in their queue, give the record back, and it is audited; other counties see nothing', async () => {
    const squatter = await signInAs('worker', { config, clock, phone: '13900000001' });
    const owner = await signInAs('worker', { config, clock, phone: '13847501234' });
    const staff = await signInAs('staff', { config, clock, regionScope: '150521' });
    const otherStaff = await signInAs('staff', { config, clock, regionScope: '652101' });
    const admin = await signInAs('admin', { config, clock });
    await ok(putMine(squatter.header, buildRegistration({ phone: '13900000001' })));
    await ok(putMine(owner.header, buildRegistration({ householdGroup: '九组' })));
    await ok(putMine(owner.header, buildRegistration({ householdGroup: '八组' }))); // a resubmission refreshes, never duplicates
    const queue = OwnershipConflictListSchema.parse((await http().get('/api/v1/staff/ownership-conflicts').set(staff.header).expect(200)).body);
    expect(queue.items).toHaveLength(1);
    expect(queue.items[0]).toMatchObject({ current: { phoneMasked: '139****0001' }, claimant: { phoneMasked: '138****1234' }, state: 'open' });
    expect(queue.items[0]?.idNumberMasked).toBe(`${ID_A.slice(0, 6)}********${ID_A.slice(-4)}`);
    expect(OwnershipConflictListSchema.parse((await http().get('/api/v1/staff/ownership-conflicts').set(otherStaff.header).expect(200)).body).items).toEqual([]);
    const id = queue.items[0]?.id ?? '';
    await http().post(`/api/v1/staff/ownership-conflicts/${id}/decision`).set(otherStaff.header).send({ action: 'grant', reason: '核验身份证' }).expect(404);
    await http().post(`/api/v1/staff/ownership-conflicts/${id}/decision`).set(owner.header).send({ action: 'grant', reason: '核验身份证' }).expect(403);
    const granted = await http().post(`/api/v1/staff/ownership-conflicts/${id}/decision`).set(staff.header).send({ action: 'grant', reason: '本人持身份证到站核验' }).expect(200);
    expect(granted.body.state).toBe('granted');
    expect((await http().get('/api/v1/workers/me').set(owner.header).expect(200)).body.household.group).toBe('八组');
    await http().get('/api/v1/workers/me').set(squatter.header).expect(404);
    await http().post(`/api/v1/staff/ownership-conflicts/${id}/decision`).set(staff.header).send({ action: 'refuse', reason: '重复处理' }).expect(409);
    const audit = await http().get('/api/v1/audit').query({ action: 'verify', targetType: 'worker' }).set(admin.header).expect(200);
    expect(JSON.stringify(audit.body)).toContain('本人持身份证到站核验');
  });

  it('when the worker has not registered, then GET my registration is 404 with a plain message', async () => {
    const worker = await signInAs('worker', { config, clock });
    const res = await http().get('/api/v1/workers/me').set(worker.header);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe('还没有实名登记，请先填写登记表');
  });

  it('when the OpenAPI document is read, then PUT my registration shows worker-only auth and the required Idempotency-Key header', async () => {
    const res = await http().get('/api/openapi.json');
    expect(res.status).toBe(200);
    const put = res.body.paths['/api/v1/workers/me'].put;
    expect(put['x-auth']).toEqual({ roles: ['worker'] });
    expect(put['x-idempotency-key']).toBe('required');
    expect(put.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ in: 'header', name: 'Idempotency-Key', required: true })]));
    expect(Object.keys(put.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '409']));
  });

  it('when staff call a worker-only route, then 403; without a token, 401', async () => {
    const staff = await signInAs('staff', { config, clock });
    expect((await putMine(staff.header, buildRegistration())).status).toBe(403);
    expect((await http().get('/api/v1/workers/me')).status).toBe(401);
    expect((await http().put('/api/v1/workers/me').send({})).status).toBe(401);
  });
});

describe('records entered by a broker, claimed by the person', () => {
  async function brokerEnters(overrides: Partial<WorkerRegistrationInput> = {}) {
    const broker = await signInAs('broker', { config, clock, regionScope: '150521' });
    const res = await http().post('/api/v1/workers').set(broker.header).set('Idempotency-Key', newKey()).send(buildRegistration(overrides));
    expect(res.status).toBe(200);
    return { broker, result: WorkerRegistrationResultSchema.parse(res.body) };
  }

  it('when a broker enters a person, then the record says so and is not yet claimed', async () => {
    const { result } = await brokerEnters();
    expect(result).toMatchObject({ outcome: 'created', worker: { source: 'broker', claimed: false } });
  });

  it('when the person signs in with the phone on the record and registers, then the record is claimed and updated, not duplicated', async () => {
    const { result } = await brokerEnters();
    const worker = await signInAs('worker', { config, clock, phone: '13847501234' });
    const res = await putMine(worker.header, buildRegistration({ householdGroup: '四组' }));
    expect(res.status).toBe(200);
    const claimed = WorkerRegistrationResultSchema.parse(res.body);
    expect(claimed.outcome).toBe('claimed');
    expect(claimed.worker).toMatchObject({ id: result.worker.id, source: 'broker', claimed: true, household: { group: '四组' } });
    expect(await Worker.countDocuments({})).toBe(1);
    const login = await WorkerLogin.findById(worker.subjectId).lean();
    expect(login?.workerId?.toHexString()).toBe(result.worker.id);
  });

  it('when the person has not proven the phone on the record, then registering is refused with how to claim', async () => {
    await brokerEnters();
    const stranger = await signInAs('worker', { config, clock, phone: '13900009999' });
    const res = await putMine(stranger.header, buildRegistration({ phone: '13900009999' }));
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('用登记时留的手机号验证登录后认领');
    expect(await Worker.countDocuments({ ownerLoginId: { $exists: true } })).toBe(0);
  });

  it('when the person claims with ID number and phone, then the record becomes theirs; a wrong phone gets the same answer as an unknown number', async () => {
    const { result } = await brokerEnters();
    const worker = await signInAs('worker', { config, clock, phone: '13847501234' });
    const wrongPhone = await http().post('/api/v1/workers/me/claim').set(worker.header).send({ idNumber: ID_A, phone: '13847509999' });
    const unknown = await http().post('/api/v1/workers/me/claim').set(worker.header).send({ idNumber: ID_B, phone: '13847501234' });
    expect(wrongPhone.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(wrongPhone.body.error.message).toBe(unknown.body.error.message);
    const ok = await http().post('/api/v1/workers/me/claim').set(worker.header).send({ idNumber: ID_A, phone: '13847501234' });
    expect(ok.status).toBe(200);
    expect(WorkerRegistrationResultSchema.parse(ok.body)).toMatchObject({ outcome: 'claimed', worker: { id: result.worker.id, claimed: true } });
  });

  it('when the person signs in with the phone on the record, then 我的 finds it (masked) and a claim with only the ID number takes it; afterwards nothing is left to find', async () => {
    const { result } = await brokerEnters();
    const stranger = await signInAs('worker', { config, clock, phone: '13900009999' });
    expect(ClaimableRecordListSchema.parse((await http().get('/api/v1/workers/me/claimable').set(stranger.header).expect(200)).body).items).toEqual([]);
    // Without a phone the stranger's own proven phone is checked: the same answer as a wrong number.
    const strangerClaim = await http().post('/api/v1/workers/me/claim').set(stranger.header).send({ idNumber: ID_A });
    expect(strangerClaim.status).toBe(404);

    const worker = await signInAs('worker', { config, clock, phone: '13847501234' });
    const found = ClaimableRecordListSchema.parse((await http().get('/api/v1/workers/me/claimable').set(worker.header).expect(200)).body);
    expect(found.items).toEqual([{ nameMasked: '包**', householdRegionCode: expect.stringMatching(/^150521\d{6}$/) as string, householdRegionName: expect.stringContaining('科尔沁左翼中旗') as string, source: 'broker', createdAt: expect.any(String) as string }]);
    expect(JSON.stringify(found)).not.toContain('包金山');

    const wrongId = await http().post('/api/v1/workers/me/claim').set(worker.header).send({ idNumber: ID_B });
    expect(wrongId.status).toBe(404);
    const ok = await http().post('/api/v1/workers/me/claim').set(worker.header).send({ idNumber: ID_A });
    expect(ok.status).toBe(200);
    expect(WorkerRegistrationResultSchema.parse(ok.body)).toMatchObject({ outcome: 'claimed', worker: { id: result.worker.id, claimed: true, source: 'broker' } });
    expect(ClaimableRecordListSchema.parse((await http().get('/api/v1/workers/me/claimable').set(worker.header).expect(200)).body).items).toEqual([]);
    expect((await http().get('/api/v1/workers/me').set(worker.header).expect(200)).body).toMatchObject({ id: result.worker.id, name: '包金山' });
  });

  it('when the same broker enters the same person again, then it is an update; another broker gets 409', async () => {
    const { broker, result } = await brokerEnters();
    const again = await http()
      .post('/api/v1/workers')
      .set(broker.header)
      .set('Idempotency-Key', newKey())
      .send(buildRegistration({ mobility: 'cannot_leave' }));
    expect(again.body).toMatchObject({ outcome: 'updated', worker: { id: result.worker.id, mobility: 'cannot_leave' } });
    const other = await signInAs('broker', { config, clock, regionScope: '150521' });
    const res = await http().post('/api/v1/workers').set(other.header).set('Idempotency-Key', newKey()).send(buildRegistration());
    expect(res.status).toBe(409);
    expect(await Worker.countDocuments({})).toBe(1);
  });

  it('when a broker enters someone outside their region, then 403', async () => {
    const broker = await signInAs('broker', { config, clock, regionScope: '152223' });
    const res = await http().post('/api/v1/workers').set(broker.header).set('Idempotency-Key', newKey()).send(buildRegistration());
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('该人员户籍不在您负责的地区');
  });

  it('when staff of the county read the record, then they see it masked; staff of another county get 404', async () => {
    const { result } = await brokerEnters();
    const local = await signInAs('staff', { config, clock, regionScope: '150521' });
    const far = await signInAs('staff', { config, clock, regionScope: '650421' });
    const seen = await http().get(`/api/v1/workers/${result.worker.id}`).set(local.header);
    expect(seen.status).toBe(200);
    expect(seen.body.idNumberMasked).toMatch(/^150521\*{8}/);
    expect((await http().get(`/api/v1/workers/${result.worker.id}`).set(far.header)).status).toBe(404);
  });
});
