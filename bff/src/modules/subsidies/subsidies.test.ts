import request from 'supertest';
import ExcelJS from 'exceljs';
import { EntitlementListSchema, TeamSchema, type SubsidyRuleInput, type Team } from '@zhuanyi/shared';
import { createApp } from '../../app';
import { testConfig } from '../../config/env';
import { createLogger } from '../../logging/logger';
import { manualClock } from '../../security/clock';
import { TokenService } from '../../security/tokens';
import { seedAreaCodes } from '../../seed/seed';
import { signInAs, type TestSubject } from '../../test-support/auth';
import { idNumberOf, registrationOf, villagesOf } from '../../test-support/broker-rows';
import { buildJob } from '../../test-support/factories';
import { useTestDb } from '../../test-support/test-db';
import { AuditModel } from '../audit/audit.model';
import { ensureDefaultSubsidyRules } from './subsidies.service';
import { EntitlementModel } from './subsidy.model';

const db = useTestDb();
const clock = manualClock('2026-06-01T02:00:00Z');
const app = () => createApp({ config: testConfig(), logger: createLogger({ level: 'silent' }), db: db.database, clock });
let callback: ReturnType<ReturnType<typeof app>['callback']>;
const http = () => request(callback);
let key = 0;
const newKey = () => `subsidy-test-${(key += 1)}-${Date.now()}`;
let township = '';

beforeAll(() => {
  callback = app().callback();
  const area = seedAreaCodes()[0];
  if (!area) throw new Error('no seed area');
  township = area.township;
});
beforeEach(() => clock.set('2026-06-01T02:00:00Z'));

/** The example of the issue: 200 / 500 yuan, half after one month of social insurance, half after 6 (200) or 3 (500) months. */
const INSTALLMENT_RULE: SubsidyRuleInput = {
  regionCode: '150521',
  name: '劳务经纪人分期服务补贴',
  beneficiary: 'broker',
  validFrom: '2026-01-01',
  validTo: null,
  tiers: [
    { keyGroups: ['lifted_from_poverty'], amountFen: 50_000, installments: [{ shareBp: 5000, stage: 'insured', delayMonths: 1 }, { shareBp: 5000, stage: 'insured', delayMonths: 3 }] },
    { keyGroups: [], amountFen: 20_000, installments: [{ shareBp: 5000, stage: 'insured', delayMonths: 1 }, { shareBp: 5000, stage: 'insured', delayMonths: 6 }] },
  ],
  limits: { oncePerPerson: false, oncePerPersonPerYear: true, oncePerPersonPerEmployer: true },
  exclusions: { laborDispatch: true },
  requires: { organizedTransport: false, outsideHomeCounty: false },
  active: true,
  source: '测试',
};

async function person(broker: TestSubject, i: number, poor = false): Promise<string> {
  const res = await http()
    .post('/api/v1/brokers/me/people')
    .set(await headerOf(broker))
    .set('Idempotency-Key', newKey())
    .send({ consent: { given: true, method: 'signed_form' }, registration: registrationOf(i, villagesOf(township)[0] ?? '', { keyGroups: poor ? ['lifted_from_poverty'] : [] }) });
  expect(res.status).toBe(200);
  return (res.body as { worker: { id: string } }).worker.id;
}

async function teamFor(broker: TestSubject, memberIds: string[], jobId: string): Promise<Team> {
  const created = await http().post('/api/v1/brokers/me/teams').set(await headerOf(broker)).send({ name: '巴彦塔拉务工联队', jobId, memberIds }).expect(201);
  const team = TeamSchema.parse(created.body);
  await http().post(`/api/v1/brokers/me/teams/${team.id}/application`).set(await headerOf(broker)).expect(200);
  return team;
}

async function stage(broker: TestSubject, staff: TestSubject, teamId: string, body: Record<string, unknown>): Promise<Team> {
  const rec = await http().post(`/api/v1/brokers/me/teams/${teamId}/stages`).set(await headerOf(broker)).send(body).expect(201);
  const team = TeamSchema.parse(rec.body);
  const last = team.stages[team.stages.length - 1];
  if (!last) throw new Error('no stage');
  const confirmed = await http().post(`/api/v1/brokers/teams/${teamId}/stages/${last.id}/confirmation`).set(await headerOf(staff)).send({ note: '已核对社保缴费记录' }).expect(200);
  return TeamSchema.parse(confirmed.body);
}

/** A token valid at the clock's current time (the clock jumps months ahead). */
async function headerOf(s: TestSubject) {
  const issued = await new TokenService({ secret: testConfig().jwtSecret, clock }).issue({ subjectId: s.subjectId, role: s.role });
  return { Authorization: `Bearer ${issued.accessToken}` };
}

async function ledger(broker: TestSubject) {
  return EntitlementListSchema.parse((await http().get('/api/v1/brokers/me/subsidies?limit=100').set(await headerOf(broker)).expect(200)).body);
}

describe('subsidy ledger', () => {
  it('when the installment rule runs over a simulated timeline, then each half falls due on its month and a departure voids what is not yet due', async () => {
    const staff = await signInAs('staff', { regionScope: '150521', clock });
    await http().put('/api/v1/subsidy-rules/test-installments').set(await headerOf(staff)).send(INSTALLMENT_RULE).expect(200);
    const broker = await signInAs('broker', { regionScope: township, clock });
    const poor = await person(broker, 1, true);
    const plain = await person(broker, 2);
    const leaver = await person(broker, 3);
    const job = await buildJob();
    const team = await teamFor(broker, [poor, plain, leaver], job._id.toHexString());
    await stage(broker, staff, team.id, { stage: 'hired', on: '2026-06-01' });
    const future = await http().post(`/api/v1/brokers/me/teams/${team.id}/stages`).set(await headerOf(broker)).send({ stage: 'insured', on: '2026-06-10' });
    expect(future.status).toBe(400);
    clock.set('2026-06-10T04:00:00Z');
    await stage(broker, staff, team.id, { stage: 'insured', on: '2026-06-10' });

    const at = async (iso: string) => {
      clock.set(iso);
      const l = await ledger(broker);
      return l.items
        .map((e) => `${e.workerId === poor ? 'poor' : e.workerId === plain ? 'plain' : 'leaver'} ${e.installment}/${e.installments} ${e.amountFen} ${e.dueOn} ${e.state}`)
        .sort();
    };
    expect(await at('2026-07-09T15:00:00Z')).toEqual([
      'leaver 1/2 10000 2026-07-10 waiting',
      'leaver 2/2 10000 2026-12-10 waiting',
      'plain 1/2 10000 2026-07-10 waiting',
      'plain 2/2 10000 2026-12-10 waiting',
      'poor 1/2 25000 2026-07-10 waiting',
      'poor 2/2 25000 2026-09-10 waiting',
    ]);
    // Midnight of 2026-07-10 in China is 16:00 UTC the day before.
    expect((await at('2026-07-09T16:00:00Z')).filter((s) => s.endsWith('due'))).toEqual([
      'leaver 1/2 10000 2026-07-10 due',
      'plain 1/2 10000 2026-07-10 due',
      'poor 1/2 25000 2026-07-10 due',
    ]);
    clock.set('2026-08-21T02:00:00Z');
    await stage(broker, staff, team.id, { stage: 'left', on: '2026-08-20', memberIds: [leaver] });
    expect(await at('2026-09-10T00:00:00Z')).toEqual([
      'leaver 1/2 10000 2026-07-10 due',
      'leaver 2/2 10000 2026-12-10 void',
      'plain 1/2 10000 2026-07-10 due',
      'plain 2/2 10000 2026-12-10 waiting',
      'poor 1/2 25000 2026-07-10 due',
      'poor 2/2 25000 2026-09-10 due',
    ]);
    const dueTooEarly = (await ledger(broker)).items.find((e) => e.workerId === plain && e.installment === 2);
    const early = await http().post(`/api/v1/brokers/me/subsidies/${dueTooEarly?.id ?? ''}/claim`).set(await headerOf(broker));
    expect(early.status).toBe(409);
    expect(await at('2026-12-10T00:00:00Z')).toContain('plain 2/2 10000 2026-12-10 due');
    const l = await ledger(broker);
    expect(l.totals.due).toBe(10_000 * 3 + 25_000 * 2);
    expect(l.totals.void).toBe(10_000);

    // The same person placed again with the same employer in the same year earns nothing more.
    const again = await teamFor(broker, [plain], job._id.toHexString());
    await stage(broker, staff, again.id, { stage: 'hired', on: '2026-12-10' });
    await stage(broker, staff, again.id, { stage: 'insured', on: '2026-12-10' });
    expect((await ledger(broker)).items).toHaveLength(6);

    // A labor-dispatch placement is excluded.
    const dispatched = await person(broker, 4);
    const other = await teamFor(broker, [dispatched], (await buildJob()).id as string);
    await stage(broker, staff, other.id, { stage: 'hired', on: '2026-12-10', laborDispatch: true });
    await stage(broker, staff, other.id, { stage: 'insured', on: '2026-12-10' });
    expect((await ledger(broker)).items).toHaveLength(6);
  }, 60_000);

  it('when the same entitlement is claimed ten times at once, then exactly one claim succeeds; staff approve with a reason and export the period as xlsx', async () => {
    await ensureDefaultSubsidyRules();
    const staff = await signInAs('staff', { regionScope: '150521', clock });
    const broker = await signInAs('broker', { regionScope: township, clock });
    const poor = await person(broker, 11, true);
    const plain = await person(broker, 12);
    const team = await teamFor(broker, [poor, plain], (await buildJob({ regionCode: '310115' })).id as string);
    clock.set('2026-06-05T02:00:00Z');
    await stage(broker, staff, team.id, { stage: 'departed', on: '2026-06-02', transport: 'organized_train' });
    await stage(broker, staff, team.id, { stage: 'arrived', on: '2026-06-04' });

    // Tongliao: 300 yuan for a poor laborer, 200 otherwise, to the broker; 2000 yuan to the poor laborer who left
    // organized, in the worker's own ledger (the broker sees only the broker's).
    const l = await ledger(broker);
    expect(l.items.map((e) => [e.workerId === poor ? 'poor' : 'plain', e.ruleKey, e.beneficiary, e.amountFen, e.state]).sort()).toEqual([
      ['plain', 'tongliao-broker-service', 'broker', 20_000, 'due'],
      ['poor', 'tongliao-broker-service', 'broker', 30_000, 'due'],
    ]);
    expect(l.totals.due).toBe(50_000);
    expect((await EntitlementModel.find({ beneficiary: 'worker' }).lean().exec()).map((e) => [e.workerId.toHexString() === poor, e.amountFen])).toEqual([[true, 200_000]]);

    // Computing the ledger again, many times at once, records nothing twice.
    const { SubsidyService } = await import('./subsidies.service');
    const service = new SubsidyService({ clock });
    const { Types } = await import('mongoose');
    await Promise.all(Array.from({ length: 8 }, () => service.syncTeam(new Types.ObjectId(team.id))));
    expect(await EntitlementModel.countDocuments({})).toBe(3);

    const target = l.items.find((e) => e.workerId === poor && e.ruleKey === 'tongliao-broker-service');
    if (!target) throw new Error('no entitlement');
    const brokerHeader = await headerOf(broker);
    const answers = await Promise.all(Array.from({ length: 10 }, () => http().post(`/api/v1/brokers/me/subsidies/${target.id}/claim`).set(brokerHeader)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
    expect(await EntitlementModel.countDocuments({ status: 'claimed' })).toBe(1);
    const stranger = await signInAs('broker', { regionScope: township, clock });
    await http().post(`/api/v1/brokers/me/subsidies/${target.id}/claim`).set(await headerOf(stranger)).expect(404);

    const claimedPlain = (await ledger(broker)).items.find((e) => e.workerId === plain);
    await http().post(`/api/v1/brokers/me/subsidies/${claimedPlain?.id ?? ''}/claim`).set(await headerOf(broker)).expect(200);
    await http().post(`/api/v1/subsidies/${target.id}/decisions`).set(await headerOf(staff)).send({ action: 'approve', reason: 'x' }).expect(400);
    // 300 instead of 200 rests on the key group: approving needs the staff's verification of the record.
    const unverified = await http().post(`/api/v1/subsidies/${target.id}/decisions`).set(await headerOf(staff)).send({ action: 'approve', reason: '到岗证明齐全' }).expect(409);
    expect((unverified.body as { error: { message: string } }).error.message).toContain('核实');
    await http().post(`/api/v1/registry/workers/${poor}/verify`).set(await headerOf(staff)).send({ note: '脱贫户档案' }).expect(200);
    await http().post(`/api/v1/subsidies/${target.id}/decisions`).set(await headerOf(staff)).send({ action: 'approve', reason: '到岗证明齐全' }).expect(200);
    const rejected = await http().post(`/api/v1/subsidies/${claimedPlain?.id ?? ''}/decisions`).set(await headerOf(staff)).send({ action: 'reject', reason: '缺少劳动合同' }).expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', reason: '缺少劳动合同' });
    await http().post(`/api/v1/subsidies/${target.id}/decisions`).set(await headerOf(staff)).send({ action: 'approve', reason: '重复' }).expect(409);
    const elsewhere = await signInAs('staff', { regionScope: '540329', clock });
    await http().post(`/api/v1/subsidies/${target.id}/decisions`).set(await headerOf(elsewhere)).send({ action: 'pay', reason: '已打款' }).expect(404);

    const file = await http()
      .get('/api/v1/subsidies/export?from=2026-06-01&to=2026-06-30')
      .set(await headerOf(staff))
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.body as ExcelJS.Buffer);
    const sheet = wb.worksheets[0];
    const rows = sheet ? sheet.getSheetValues().slice(2).map((r) => (Array.isArray(r) ? r.slice(1) : [])) : [];
    expect(rows).toEqual([
      ['测试broker', '包金山', expect.stringMatching(/^150521\*+/) as unknown as string, '劳务经纪人就业创业服务补贴', '经纪人', '1/1', 300, expect.stringContaining('测试用工企业') as unknown as string, '巴彦塔拉务工联队', '2026-06-05'],
      ['合计', '', '', '', '', '', 300],
    ]);
    const audit = await AuditModel.find({ actorId: staff.subjectId }).lean().exec();
    expect(audit.map((a) => a.action).sort()).toEqual(['decide', 'decide', 'export', 'verify', 'verify', 'verify']);
    expect(idNumberOf(11)).toHaveLength(18);
  }, 60_000);
});
