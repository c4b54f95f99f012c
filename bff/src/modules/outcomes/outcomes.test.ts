import request from 'supertest';
import { FollowUpListSchema, JobHistoryListSchema, RegistryDetailSchema, TeamSchema, WatchCountsSchema, type Team } from '@zhuanyi/shared';
import { createApp } from '../../app';
import { testConfig } from '../../config/env';
import { createLogger } from '../../logging/logger';
import { manualClock } from '../../security/clock';
import { TokenService } from '../../security/tokens';
import { seedAreaCodes } from '../../seed/seed';
import { signInAs, type TestSubject } from '../../test-support/auth';
import { enrolmentCsv, enrolmentRows, registrationOf, villagesOf } from '../../test-support/broker-rows';
import { buildJob } from '../../test-support/factories';
import { useTestDb } from '../../test-support/test-db';
import { Account } from '../accounts/account.model';
import { createWorker } from '../staff/staff-test-kit';
import { FollowUpModel } from '../watch/follow-up.model';
import { Worker } from '../workers/worker.model';
import { JobHistoryModel } from './job-history.model';

const db = useTestDb();
jest.setTimeout(60_000);
const clock = manualClock('2026-06-01T02:00:00Z');
let http: () => request.Agent;
let township = '';
let key = 0;

beforeAll(() => {
  const cb = createApp({ config: testConfig(), logger: createLogger({ level: 'silent' }), db: db.database, clock }).callback();
  http = () => request.agent(cb);
  township = seedAreaCodes()[0]?.township ?? '';
});
beforeEach(() => clock.set('2026-06-01T02:00:00Z'));

async function headerOf(s: TestSubject) {
  const issued = await new TokenService({ secret: testConfig().jwtSecret, clock }).issue({ subjectId: s.subjectId, role: s.role });
  return { Authorization: `Bearer ${issued.accessToken}` };
}

async function enrol(broker: TestSubject, i: number, keyGroups: string[] = []): Promise<string> {
  const res = await http()
    .post('/api/v1/brokers/me/people')
    .set(await headerOf(broker))
    .set('Idempotency-Key', `outcomes-${(key += 1)}-${Date.now()}`)
    .send({ consent: { given: true, method: 'signed_form' }, registration: registrationOf(i, villagesOf(township)[0] ?? '', { keyGroups: keyGroups as never }) });
  expect(res.status).toBe(200);
  return (res.body as { worker: { id: string } }).worker.id;
}

async function confirmStage(broker: TestSubject, staff: TestSubject, teamId: string, body: Record<string, unknown>): Promise<Team> {
  const rec = TeamSchema.parse((await http().post(`/api/v1/brokers/me/teams/${teamId}/stages`).set(await headerOf(broker)).send(body).expect(201)).body);
  const last = rec.stages[rec.stages.length - 1];
  return TeamSchema.parse((await http().post(`/api/v1/brokers/teams/${teamId}/stages/${last?.id ?? ''}/confirmation`).set(await headerOf(staff)).send({ note: '电话核实到岗' }).expect(200)).body);
}

describe('outcomes reach the registry, the history and the watch', () => {
  it('when staff confirm a team arrived in Shanghai and later one member left, then each person is employed out of province, with history, colors and follow-up tasks', async () => {
    const county = township.slice(0, 6);
    const staff = await signInAs('staff', { regionScope: county, clock });
    const broker = await signInAs('broker', { regionScope: township, clock });
    const a = await enrol(broker, 101);
    const b = await enrol(broker, 102);
    // Enrolled by a broker: colored at once (unemployed → orange) with a follow-up task.
    expect((await Worker.findById(a).lean().exec())?.watch?.color).toBe('orange');
    const job = await buildJob({ regionCode: '310115' });
    const team = TeamSchema.parse((await http().post('/api/v1/brokers/me/teams').set(await headerOf(broker)).send({ name: '上海联队', jobId: job._id.toHexString(), memberIds: [a, b] }).expect(201)).body);
    await http().post(`/api/v1/brokers/me/teams/${team.id}/application`).set(await headerOf(broker)).expect(200);
    await confirmStage(broker, staff, team.id, { stage: 'hired', on: '2026-05-20' });
    await confirmStage(broker, staff, team.id, { stage: 'arrived', on: '2026-05-28' });

    const header = await headerOf(staff);
    const detail = RegistryDetailSchema.parse((await http().get(`/api/v1/registry/workers/${a}`).set(header).expect(200)).body);
    expect(detail.status).toBe('employed');
    expect(detail.employment).toMatchObject({ location: 'out_of_province', startedOn: '2026-05-28', organizedByGovernment: true, employerName: job.employerName });
    expect(detail.watch.color).toBe('yellow'); // under 6 months in the job
    const hist = JobHistoryListSchema.parse((await http().get(`/api/v1/registry/workers/${a}/history`).set(header).expect(200)).body);
    expect(hist.items.map((h) => `${h.kind}/${h.source}/${h.on}`)).toEqual(['arrived/team/2026-05-28']);
    expect(hist.items[0]?.regionCode).toBe('310115');
    // The color change orange → yellow replaced the open task: one open task per person.
    const tasks = await FollowUpModel.find({ workerId: a, status: 'open' }).lean().exec();
    expect(tasks.map((t) => `${t.fromColor}→${t.toColor} ${t.dueOn}`)).toEqual(['orange→yellow 2026-06-15']);
    expect(tasks[0]?.assigneeId).toBe(staff.subjectId);

    // b leaves on 06-01; then an older outcome (returned home on 05-10) is confirmed late: history only.
    await http().post(`/api/v1/registry/workers/${b}/outcomes`).set(header).send({ kind: 'left', on: '2026-06-01' }).expect(201);
    const late = JobHistoryListSchema.parse(
      (await http().post(`/api/v1/registry/workers/${b}/outcomes`).set(header).send({ kind: 'started_business', on: '2026-05-10', note: '补录' }).expect(201)).body,
    );
    expect(late.items.map((h) => h.kind)).toEqual(['left', 'arrived', 'started_business']);
    const bNow = RegistryDetailSchema.parse((await http().get(`/api/v1/registry/workers/${b}`).set(header).expect(200)).body);
    expect(bNow.employment).toMatchObject({ status: 'unemployed', endedOn: '2026-06-01', unemployedSince: '2026-06-01' });
    expect(bNow.watch.color).toBe('orange');
    expect(late.items[0]).toMatchObject({ startedOn: '2026-05-28', endedOn: '2026-06-01' });

    // Out of scope: another county's staff cannot see or record.
    const other = await signInAs('staff', { regionScope: '150522', clock });
    await http().get(`/api/v1/registry/workers/${a}/history`).set(await headerOf(other)).expect(404);
    await http().post(`/api/v1/registry/workers/${a}/outcomes`).set(await headerOf(other)).send({ kind: 'left', on: '2026-06-01' }).expect(404);
    await http().post(`/api/v1/registry/workers/${a}/outcomes`).set(header).send({ kind: 'arrived', on: '2026-06-01' }).expect(400);
  });

  it('when time passes, then the daily sweep turns a long-unemployed key-group person red once per day, and the overdue task shows for the responsible staff', async () => {
    const village = '150523100201';
    const county = village.slice(0, 6);
    const countyStaff = await signInAs('staff', { regionScope: county, clock });
    const townStaff = await signInAs('staff', { regionScope: village.slice(0, 9), clock });
    const p = await createWorker({ village, keyGroups: ['lifted_from_poverty'], tracking: { unemployedSince: '2026-04-01', hasIncome: false } });
    expect((await Worker.findById(p._id).lean().exec())?.watch?.color).toBe('orange');
    const admin = await signInAs('admin', { clock });
    clock.set('2026-07-05T02:00:00Z');
    const first = await http().post('/api/v1/watch/sweep').set(await headerOf(admin)).expect(200);
    expect((first.body as { counties: number }).counties).toBeGreaterThan(0);
    expect((await Worker.findById(p._id).lean().exec())?.watch).toMatchObject({ color: 'red', reasons: ['long_unemployed_no_income', 'unemployed'] });
    // Once a day: the same day runs nothing again.
    expect((await http().post('/api/v1/watch/sweep').set(await headerOf(admin)).expect(200)).body).toEqual({ counties: 0, recomputed: 0, changed: 0 });

    // The task goes to the township's staff (closest above the village), due in 3 days for red.
    clock.set('2026-07-09T02:00:00Z');
    const mine = FollowUpListSchema.parse((await http().get('/api/v1/watch/tasks?mine=true').set(await headerOf(townStaff)).expect(200)).body);
    expect(mine.items.map((t) => `${t.workerId} ${t.toColor} ${t.dueOn} ${t.state}`)).toEqual([`${p._id.toHexString()} red 2026-07-08 overdue`]);
    expect(mine.counts.overdue).toBe(1);
    const countyView = FollowUpListSchema.parse((await http().get('/api/v1/watch/tasks?state=overdue').set(await headerOf(countyStaff)).expect(200)).body);
    expect(countyView.items.some((t) => t.workerId === p._id.toHexString())).toBe(true);
    const outside = FollowUpListSchema.parse((await http().get('/api/v1/watch/tasks').set(await headerOf(await signInAs('staff', { regionScope: '150521', clock }))).expect(200)).body);
    expect(outside.items.some((t) => t.workerId === p._id.toHexString())).toBe(false);
    const task = mine.items[0];
    await http().post(`/api/v1/watch/tasks/${task?.id ?? ''}/done`).set(await headerOf(townStaff)).send({ note: '上门走访，推荐公益性岗位' }).expect(200);
    await http().post(`/api/v1/watch/tasks/${task?.id ?? ''}/done`).set(await headerOf(townStaff)).send({ note: '再次' }).expect(409);
    expect(await Account.countDocuments({ _id: townStaff.subjectId }).exec()).toBe(1);
  });

  it('when a broker imports people, then each is colored at once and gets a history entry; an admin sees the watch everywhere by county', async () => {
    const broker = await signInAs('broker', { regionScope: township, clock });
    const rows = enrolmentRows({ count: 16, villages: villagesOf(township) });
    const res = await http().post('/api/v1/brokers/me/imports').set(await headerOf(broker)).attach('file', enrolmentCsv(rows), 'people.csv');
    expect(res.status).toBe(202);
    const id = (res.body as { id: string }).id;
    for (let i = 0; i < 200; i += 1) {
      const s = await http().get(`/api/v1/brokers/me/imports/${id}`).set(await headerOf(broker)).expect(200);
      if ((s.body as { status: string }).status === 'done') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const imported = await Worker.find({ 'createdBy.subjectId': broker.subjectId }).lean().exec();
    expect(imported).toHaveLength(16);
    expect(imported.every((w) => w.watch?.color !== undefined && w.watch?.computedAt)).toBe(true);
    expect(await JobHistoryModel.countDocuments({ workerId: { $in: imported.map((w) => w._id) }, source: 'import' }).exec()).toBe(16);

    const admin = await signInAs('admin', { clock });
    const all = WatchCountsSchema.parse((await http().get('/api/v1/watch/counts').set(await headerOf(admin)).expect(200)).body);
    const ours = all.villages.find((v) => v.regionCode === township.slice(0, 6));
    expect(ours).toBeDefined();
    expect((ours?.red ?? 0) + (ours?.orange ?? 0) + (ours?.yellow ?? 0) + (ours?.green ?? 0)).toBeGreaterThanOrEqual(16);
  });
});
