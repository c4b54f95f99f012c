import request from 'supertest';
import {
  EnrollResultSchema,
  EntitlementListSchema,
  ErrorBodySchema,
  JobHistoryListSchema,
  SubsidyRuleListSchema,
  SubsidyRuleSchema,
  TeamSchema,
  WorkerGrantListSchema,
  regionCodePath,
  type KeyGroup,
  type SubsidyRule,
  type Team,
} from '@zhuanyi/shared';
import { Types } from 'mongoose';
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
import { Course } from '../courses/course.model';
import { Worker } from '../workers/worker.model';
import { ensureDefaultSubsidyRules, SubsidyService } from './subsidies.service';
import { EntitlementModel } from './subsidy.model';

const db = useTestDb();
jest.setTimeout(60_000);
const clock = manualClock('2025-06-05T02:00:00Z');
let http: () => request.Agent;
let n = 0;

beforeAll(() => {
  const cb = createApp({ config: testConfig(), logger: createLogger({ level: 'silent' }), db: db.database, clock }).callback();
  http = () => request.agent(cb);
});

async function headerOf(s: TestSubject) {
  const issued = await new TokenService({ secret: testConfig().jwtSecret, clock }).issue({ subjectId: s.subjectId, role: s.role });
  return { Authorization: `Bearer ${issued.accessToken}` };
}

/** A person the broker enrolls in their township, claimed by a worker login of their own. */
async function personOf(broker: TestSubject, township: string, keyGroups: KeyGroup[]): Promise<{ id: string; login: TestSubject }> {
  n += 1;
  const county = township.slice(0, 6);
  const enrolled = await http()
    .post('/api/v1/brokers/me/people')
    .set(await headerOf(broker))
    .set('Idempotency-Key', `travel-training-${n}-${Date.now()}`)
    .send({ consent: { given: true, method: 'signed_form' }, registration: registrationOf(400 + n, villagesOf(township)[0] ?? '', { keyGroups, idNumber: idNumberOf(400 + n, county) }) })
    .expect(200);
  const id = (enrolled.body as { worker: { id: string } }).worker.id;
  const login = await signInAs('worker', { clock, workerId: id });
  await Worker.updateOne({ _id: new Types.ObjectId(id) }, { $set: { ownerLoginId: new Types.ObjectId(login.subjectId), claimedAt: clock() } }).exec();
  return { id, login };
}

async function grantsOf(login: TestSubject) {
  return WorkerGrantListSchema.parse((await http().get('/api/v1/workers/me/grants').set(await headerOf(login)).expect(200)).body);
}

/** Staff switch a default rule on with their amounts (the seeds give none). */
async function activate(staff: TestSubject, regionCode: string, key: string, change: (rule: SubsidyRule) => Record<string, unknown>): Promise<SubsidyRule> {
  const rules = SubsidyRuleListSchema.parse((await http().get(`/api/v1/subsidy-rules?regionCode=${regionCode}`).set(await headerOf(staff)).expect(200)).body);
  const rule = rules.items.find((r) => r.key === key);
  if (!rule) throw new Error(`no rule ${key}`);
  expect(rule.active).toBe(false);
  const { key: _key, regionName: _name, updatedAt: _at, ...fields } = rule;
  const saved = await http()
    .put(`/api/v1/subsidy-rules/${key}`)
    .set(await headerOf(staff))
    .send({ ...fields, ...change(rule), active: true });
  expect(saved.status).toBe(200);
  return SubsidyRuleSchema.parse(saved.body);
}

describe('transport grant by distance and mode (吐鲁番, seed 001 四)', () => {
  const area = () => seedAreaCodes()[2];

  it('when staff set the band table and switch the rule on, then a key-group worker arriving 1,200 km by train gets that band, another band pays its own amount, a worker of no key group gets none, a retried confirmation adds nothing and the broker never sees them', async () => {
    clock.set('2025-06-05T02:00:00Z');
    const township = area()?.township ?? '';
    expect(township.startsWith('6504')).toBe(true);
    await ensureDefaultSubsidyRules();
    // Rules of a city (6504) are kept by staff without a county scope (the city's 人社局).
    const cityStaff = await signInAs('staff', { regionScope: null, clock });
    const bands = [
      { fromKm: 0, toKm: 500, amountFen: { train: 20_000, bus: 15_000 } },
      { fromKm: 500, toKm: 2000, amountFen: { train: 40_000, bus: 30_000, plane: 60_000 } },
      { fromKm: 2000, toKm: null, amountFen: { train: 80_000, plane: 120_000, charter: 80_000 } },
    ];
    const rule = await activate(cityStaff, '6504', 'turpan-transport', () => ({ bands }));
    expect(rule).toMatchObject({ kind: 'transport', active: true, bands });

    // A table that is out of order is refused in plain Chinese.
    const bad = await http()
      .put('/api/v1/subsidy-rules/turpan-transport')
      .set(await headerOf(cityStaff))
      .send({ ...rule, key: undefined, regionName: undefined, updatedAt: undefined, bands: [bands[1], bands[0]] });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(ErrorBodySchema.parse(bad.body))).toContain('里程段请由近到远排列');

    const broker = await signInAs('broker', { regionScope: township, clock });
    const staff = await signInAs('staff', { regionScope: township.slice(0, 6), clock });
    const relocated = await personOf(broker, township, ['relocated']);
    const poor = await personOf(broker, township, ['lifted_from_poverty']);
    const nobody = await personOf(broker, township, []);
    const job = await buildJob({ regionCode: '310115' });
    const created = await http()
      .post('/api/v1/brokers/me/teams')
      .set(await headerOf(broker))
      .send({ name: '高昌区务工联队', jobId: job._id.toHexString(), memberIds: [relocated.id, poor.id, nobody.id] })
      .expect(201);
    const team = TeamSchema.parse(created.body);
    await http().post(`/api/v1/brokers/me/teams/${team.id}/application`).set(await headerOf(broker)).expect(200);
    const stage = async (body: Record<string, unknown>): Promise<Team> => {
      const t = TeamSchema.parse((await http().post(`/api/v1/brokers/me/teams/${team.id}/stages`).set(await headerOf(broker)).send(body).expect(201)).body);
      const last = t.stages[t.stages.length - 1];
      await http().post(`/api/v1/brokers/teams/${team.id}/stages/${last?.id ?? ''}/confirmation`).set(await headerOf(staff)).send({ note: '核实' }).expect(200);
      return t;
    };
    await stage({ stage: 'departed', on: '2025-06-01', transport: 'organized_train' });
    const arrived = await stage({ stage: 'arrived', on: '2025-06-03', memberIds: [relocated.id, nobody.id], travel: { distanceKm: 1200, mode: 'train' } });
    await stage({ stage: 'arrived', on: '2025-06-03', memberIds: [poor.id], travel: { distanceKm: 2600, mode: 'plane' } });
    expect(arrived.stages[arrived.stages.length - 1]?.travel).toEqual({ distanceKm: 1200, mode: 'train' });

    const mine = await grantsOf(relocated.login);
    expect(mine.items.map((g) => [g.kind, g.amountFen, g.state, g.basis])).toEqual([
      ['transport', 40_000, 'due', { kind: 'transport', distanceKm: 1200, mode: 'train', fromKm: 500, toKm: 2000 }],
    ]);
    expect((await grantsOf(poor.login)).items.map((g) => [g.kind, g.amountFen, g.basis?.kind])).toEqual([['transport', 120_000, 'transport']]);
    expect((await grantsOf(nobody.login)).items).toEqual([]);
    // The arrival's trip is in the person's job history too.
    const history = JobHistoryListSchema.parse((await http().get(`/api/v1/registry/workers/${relocated.id}/history`).set(await headerOf(staff)).expect(200)).body);
    expect(history.items.filter((h) => h.kind === 'arrived').map((h) => h.travel)).toEqual([{ distanceKm: 1200, mode: 'train' }]);

    // Retries: the same confirmation again is refused, a second arrival recorded for the same trip and
    // a repeated ledger run add nothing (once per person and year).
    const stageId = arrived.stages[arrived.stages.length - 1]?.id ?? '';
    await http().post(`/api/v1/brokers/teams/${team.id}/stages/${stageId}/confirmation`).set(await headerOf(staff)).send({ note: '再次核实' }).expect(409);
    await stage({ stage: 'arrived', on: '2025-06-04', memberIds: [relocated.id], travel: { distanceKm: 2600, mode: 'plane' } });
    expect(await new SubsidyService({ clock }).syncTeam(new Types.ObjectId(team.id))).toBe(0);
    expect((await grantsOf(relocated.login)).items.map((g) => g.amountFen)).toEqual([40_000]);
    expect(await EntitlementModel.countDocuments({ ruleKey: 'turpan-transport' }).exec()).toBe(2);

    // The broker's ledger holds broker fees only: neither worker grant shows.
    const ledger = EntitlementListSchema.parse((await http().get('/api/v1/brokers/me/subsidies').set(await headerOf(broker)).expect(200)).body);
    expect(ledger.items.filter((e) => e.ruleKey === 'turpan-transport')).toEqual([]);
    expect(Object.values(ledger.totals).reduce((a, b) => a + b, 0)).toBe(0);
  });
});

describe('transport grant on an arrival staff confirm for one person (弥勒, seed 002 五)', () => {
  it('when county staff confirm an arrival with the distance and mode, then the worker gets the band amount once however often it is confirmed, the history keeps the trip, and travel facts on any other outcome are refused', async () => {
    clock.set('2025-06-05T02:00:00Z');
    const township = seedAreaCodes()[3]?.township ?? '';
    expect(township.startsWith('532504')).toBe(true);
    await ensureDefaultSubsidyRules();
    const staff = await signInAs('staff', { regionScope: '532504', clock });
    await activate(staff, '532504', 'mile-transport', () => ({ bands: [{ fromKm: 0, toKm: 1000, amountFen: { bus: 10_000, train: 15_000 } }, { fromKm: 1000, toKm: null, amountFen: { train: 50_000 } }] }));
    const broker = await signInAs('broker', { regionScope: township, clock });
    const poor = await personOf(broker, township, ['lifted_from_poverty']);

    const arrival = { kind: 'arrived', on: '2025-06-02', regionCode: '330106', employerName: '杭州某电子厂', travel: { distanceKm: 1200, mode: 'train' } };
    for (let i = 0; i < 2; i += 1) {
      await http().post(`/api/v1/registry/workers/${poor.id}/outcomes`).set(await headerOf(staff)).send(arrival).expect(201);
    }
    expect((await grantsOf(poor.login)).items.map((g) => [g.kind, g.amountFen, g.basis])).toEqual([
      ['transport', 50_000, { kind: 'transport', distanceKm: 1200, mode: 'train', fromKm: 1000, toKm: null }],
    ]);
    const history = JobHistoryListSchema.parse((await http().get(`/api/v1/registry/workers/${poor.id}/history`).set(await headerOf(staff)).expect(200)).body);
    expect(history.items.filter((h) => h.kind === 'arrived').map((h) => h.travel)).toEqual([
      { distanceKm: 1200, mode: 'train' },
      { distanceKm: 1200, mode: 'train' },
    ]);

    const wrong = await http()
      .post(`/api/v1/registry/workers/${poor.id}/outcomes`)
      .set(await headerOf(staff))
      .send({ kind: 'left', on: '2025-06-04', travel: { distanceKm: 1200, mode: 'train' } });
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.body)).toContain('路程和交通方式只在确认到岗时填写');
  });
});

describe('training allowance (兴安盟, seed 004 二.4)', () => {
  const DAY = 86_400_000;

  async function courseOf(township: string, classHours: number, title: string) {
    const starts = new Date(clock().getTime() + 10 * DAY);
    return Course.create({
      title,
      trade: '电焊工',
      provider: '兴安盟职业技能培训中心',
      regionCode: township,
      regionName: '科尔沁右翼中旗',
      regionPath: regionCodePath(township),
      mode: 'offline',
      classHours,
      subsidized: true,
      seats: 30,
      startsAt: starts,
      endsAt: new Date(starts.getTime() + 9 * DAY),
      place: '巴彦呼舒镇职教中心',
    });
  }

  it('when staff switch on the allowance, then a key-group worker who completes a 56-hour course gets it per day, a 40-hour course or a worker of no key group gets none, a repeated 结业 adds nothing and the broker never sees it', async () => {
    clock.set('2020-05-01T02:00:00Z');
    const township = seedAreaCodes()[1]?.township ?? '';
    expect(township.startsWith('1522')).toBe(true);
    await ensureDefaultSubsidyRules();
    const leagueStaff = await signInAs('staff', { regionScope: null, clock });
    const staff = await signInAs('staff', { regionScope: township.slice(0, 6), clock });
    const rule = await activate(leagueStaff, '1522', 'hinggan-training-allowance', (r) => ({ allowance: { ...(r.kind === 'training_allowance' ? r.allowance : {}), amountFen: 3_000 } }));
    expect(rule).toMatchObject({ kind: 'training_allowance', allowance: { per: 'day', amountFen: 3_000, minClassHours: 56 } });

    const broker = await signInAs('broker', { regionScope: township, clock });
    const poor = await personOf(broker, township, ['at_risk_of_poverty']);
    const nobody = await personOf(broker, township, []);
    const long = await courseOf(township, 56, '电焊工（56课时）');
    const short = await courseOf(township, 40, '电焊工短训（40课时）');
    const signUp = async (who: TestSubject, courseId: Types.ObjectId) =>
      EnrollResultSchema.parse((await http().post(`/api/v1/courses/${courseId.toHexString()}/enrollments`).set(await headerOf(who)).expect(201)).body).enrollment.id;
    const enrollments = [await signUp(poor.login, long._id), await signUp(poor.login, short._id), await signUp(nobody.login, long._id)];

    clock.set('2020-05-21T02:00:00Z'); // the courses are over
    for (const id of enrollments) {
      for (const to of ['confirmed', 'in_training', 'completed', 'completed']) {
        await http().post(`/api/v1/staff/enrollments/${id}/status`).set(await headerOf(staff)).send({ to }).expect(200);
      }
    }

    const mine = await grantsOf(poor.login);
    expect(mine.items.map((g) => [g.kind, g.amountFen, g.basis])).toEqual([
      ['training_allowance', 30_000, { kind: 'training', courseTitle: '电焊工（56课时）', classHours: 56, days: 10 }],
    ]);
    expect((await grantsOf(nobody.login)).items).toEqual([]);
    expect(await EntitlementModel.countDocuments({ ruleKey: 'hinggan-training-allowance' }).exec()).toBe(1);

    const ledger = EntitlementListSchema.parse((await http().get('/api/v1/brokers/me/subsidies').set(await headerOf(broker)).expect(200)).body);
    expect(ledger.items).toEqual([]);
  });
});
