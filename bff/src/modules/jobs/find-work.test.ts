import {
  ApplicationListResponseSchema,
  ApplyResultSchema,
  ErrorBodySchema,
  JobApplicationSchema,
  JobDetailSchema,
  JobListResponseSchema,
  JobReportSchema,
  RecommendedJobsResponseSchema,
} from '@zhuanyi/shared';
import { useTestDb } from '../../test-support/test-db';
import { testApp } from '../../test-support/test-app';
import { signInAs } from '../../test-support/auth';
import { buildEmployer, buildJob } from '../../test-support/factories';
import { JobApplicationModel } from '../applications/application.model';
import { Job } from './job.model';
import { backfillJobSearchFields } from './jobs.repository';
import { recommendJobs } from './recommendations';

const db = useTestDb();
const http = () => testApp(db.database).http();
const titles = async (query: string) =>
  JobListResponseSchema.parse((await http().get(`/api/v1/jobs?${query}`).expect(200)).body)
    .items.map((j) => j.title)
    .sort();

describe('find work: keyword search and filters', () => {
  it('when searching 电焊, then 招聘熟练电焊工 is found and unrelated jobs are not', async () => {
    await buildJob({ title: '招聘熟练电焊工', trade: '焊工' });
    await buildJob({ title: '电工（持证）', trade: '电工', description: '负责厂区配电维护' });
    await buildJob({ title: '焊接机器人操作员', trade: '普工', description: '焊接线上下料' });
    await buildJob({ title: '家庭保洁员', trade: '家政服务员', description: '上门保洁' });

    expect(await titles(`q=${encodeURIComponent('电焊')}`)).toEqual(['招聘熟练电焊工']);
    expect(await titles(`q=${encodeURIComponent('熟练电焊工')}`)).toEqual(['招聘熟练电焊工']);
    // A one-character query matches the short fields' characters.
    expect(await titles(`q=${encodeURIComponent('焊')}`)).toEqual(['招聘熟练电焊工', '焊接机器人操作员']);
    // Words in the description count too.
    expect(await titles(`q=${encodeURIComponent('配电')}`)).toEqual(['电工（持证）']);
  });

  it('when jobs were stored before searchText existed, then the start-up backfill makes them findable by keyword, once', async () => {
    const old = await buildJob({ title: '老数据电焊工', trade: '焊工' });
    await Job.collection.updateOne({ _id: old._id }, { $unset: { searchText: '' } });
    expect(await titles(`q=${encodeURIComponent('老数据')}`)).toEqual([]);
    expect(await backfillJobSearchFields(1)).toBe(1);
    expect(await titles(`q=${encodeURIComponent('老数据')}`)).toEqual(['老数据电焊工']);
    // Done once: a later start finds the marker and reads no job.
    await Job.collection.updateOne({ _id: old._id }, { $unset: { searchText: '' } });
    expect(await backfillJobSearchFields()).toBe(0);
    expect(await Job.collection.countDocuments({ searchText: { $exists: false } })).toBe(1);
  });

  it('when keyword, region, pay, 包吃住, transport and 公益性岗位 filters combine, then only jobs matching all of them come back', async () => {
    const sh = await buildEmployer({ name: '上海浦江建设工程有限公司' });
    await buildJob({ title: '招聘熟练电焊工', regionCode: '310115', employer: sh, payMinFen: 800000, payMaxFen: 1100000, transport: 'point_to_point', mealsAndLodging: true });
    await buildJob({ title: '电焊学徒', regionCode: '310115', employer: sh, payMinFen: 300000, payMaxFen: 450000, transport: 'shuttle', mealsAndLodging: false });
    await buildJob({ title: '东莞电焊工', regionCode: '441900', payMinFen: 700000, payMaxFen: 900000, transport: 'none', mealsAndLodging: true });
    await buildJob({ title: '村级保洁员（公益性岗位）', trade: '保洁员', regionCode: '152223', publicWelfare: true, transport: 'none', mealsAndLodging: false, payMinFen: 150000, payMaxFen: 180000 });
    await buildJob({ title: '过期电焊工', regionCode: '310115', deadline: new Date(Date.now() - 3600_000) });

    const q = encodeURIComponent('电焊');
    expect(await titles(`q=${q}`)).toEqual(['东莞电焊工', '招聘熟练电焊工', '电焊学徒'].sort());
    expect(await titles(`q=${q}&regionCode=31`)).toEqual(['招聘熟练电焊工', '电焊学徒'].sort());
    expect(await titles(`q=${q}&regionCode=310000&payMinFen=500000`)).toEqual(['招聘熟练电焊工']);
    expect(await titles(`q=${q}&mealsAndLodging=true&transport=organized`)).toEqual(['招聘熟练电焊工']);
    expect(await titles(`q=${q}&transport=shuttle`)).toEqual(['电焊学徒']);
    expect(await titles(`regionCode=310115&payMaxFen=500000`)).toEqual(['电焊学徒']);
    expect(await titles(`publicWelfare=true&regionCode=1522`)).toEqual(['村级保洁员（公益性岗位）']);
    expect(await titles(`q=${encodeURIComponent('上海 电焊')}&payMinFen=900000`)).toEqual(['招聘熟练电焊工']);
  });

  it('when a keyword search has more results than a page, then the cursor walks them all once', async () => {
    const base = Date.now() - 100 * 3600_000;
    for (let i = 0; i < 7; i += 1) await buildJob({ title: `电焊工${i}号`, createdAt: new Date(base + i * 3600_000) });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = JobListResponseSchema.parse(
        (await http().get(`/api/v1/jobs?q=${encodeURIComponent('电焊')}&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`).expect(200)).body,
      );
      seen.push(...page.items.map((j) => j.title));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['电焊工6号', '电焊工5号', '电焊工4号', '电焊工3号', '电焊工2号', '电焊工1号', '电焊工0号']);
  });
});

describe('find work: detail, apply, withdraw, report', () => {
  it('when a job is shown, then the detail has hours, employer verification, masked contact and the no-fees flag', async () => {
    const job = await buildJob({ title: '钢筋工', workHours: '每天8小时，月休4天' });
    const d = JobDetailSchema.parse((await http().get(`/api/v1/jobs/${job._id.toHexString()}`).expect(200)).body);
    expect(d).toMatchObject({ workHours: '每天8小时，月休4天', noFeesNotice: true, employerVerified: true, contactPhoneMasked: '139****1234' });
    expect(d.employer.verified).toBe(true);
  });

  it('when a worker applies twice to the same job (also concurrently), then there is one application', async () => {
    const worker = await signInAs('worker');
    const job = await buildJob();
    const url = `/api/v1/jobs/${job._id.toHexString()}/applications`;
    const first = ApplyResultSchema.parse((await http().post(url).set(worker.header).expect(201)).body);
    const again = ApplyResultSchema.parse((await http().post(url).set(worker.header).expect(201)).body);
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.application.id).toBe(first.application.id);
    expect(first.application.contactPhone).toBe('13900001234');

    const other = await buildJob();
    const racing = await Promise.all(Array.from({ length: 8 }, () => http().post(`/api/v1/jobs/${other._id.toHexString()}/applications`).set(worker.header)));
    expect(racing.map((r) => r.status)).toEqual(Array(8).fill(201));
    expect(racing.filter((r) => (r.body as { created: boolean }).created)).toHaveLength(1);
    expect(await JobApplicationModel.countDocuments({ applicantId: worker.subjectId })).toBe(2);
  });

  it('when a worker lists and withdraws, then the status moves 已报名 → 已撤回 and a decided application cannot be withdrawn', async () => {
    const worker = await signInAs('worker');
    const a = await buildJob({ title: '岗位A' });
    const b = await buildJob({ title: '岗位B' });
    const appA = ApplyResultSchema.parse((await http().post(`/api/v1/jobs/${a._id.toHexString()}/applications`).set(worker.header).expect(201)).body).application;
    const appB = ApplyResultSchema.parse((await http().post(`/api/v1/jobs/${b._id.toHexString()}/applications`).set(worker.header).expect(201)).body).application;

    const list = ApplicationListResponseSchema.parse((await http().get('/api/v1/applications').set(worker.header).expect(200)).body);
    expect(list.items.map((i) => [i.job?.title, i.status])).toEqual([
      ['岗位B', 'applied'],
      ['岗位A', 'applied'],
    ]);
    const withdrawn = JobApplicationSchema.parse((await http().post(`/api/v1/applications/${appA.id}/withdraw`).set(worker.header).expect(200)).body);
    expect(withdrawn.history.map((h) => h.status)).toEqual(['applied', 'withdrawn']);
    await JobApplicationModel.updateOne({ _id: appB.id }, { status: 'hired' });
    expect(ErrorBodySchema.parse((await http().post(`/api/v1/applications/${appB.id}/withdraw`).set(worker.header).expect(409)).body).error.code).toBe('CONFLICT');
    const stranger = await signInAs('worker');
    await http().post(`/api/v1/applications/${appB.id}/withdraw`).set(stranger.header).expect(404);
    const onlyWithdrawn = ApplicationListResponseSchema.parse((await http().get('/api/v1/applications?status=withdrawn').set(worker.header).expect(200)).body);
    expect(onlyWithdrawn.items.map((i) => i.id)).toEqual([appA.id]);
  });

  it('when a worker reports a job that charges fees, then the report is kept; without sign-in it is 401', async () => {
    const worker = await signInAs('worker');
    const job = await buildJob();
    const url = `/api/v1/jobs/${job._id.toHexString()}/reports`;
    const r = JobReportSchema.parse((await http().post(url).set(worker.header).send({ reason: 'charges_fees', note: '要交500元报名费' }).expect(201)).body);
    expect(r).toMatchObject({ reason: 'charges_fees', note: '要交500元报名费' });
    await http().post(url).send({ reason: 'charges_fees' }).expect(401);
  });
});

describe('find work: 为你推荐', () => {
  it('when a far-travelling welder from 科左中旗 asks, then welding jobs with point-to-point transport come first, at least 3', async () => {
    const now = new Date();
    await buildJob({ title: '上海电焊工', trade: '电焊工', regionCode: '310115', transport: 'point_to_point' });
    await buildJob({ title: '苏州焊工', trade: '电焊工', regionCode: '320506', transport: 'none' });
    await buildJob({ title: '东莞普工', trade: '普工', regionCode: '441900', transport: 'point_to_point' });
    await buildJob({ title: '旗里缝纫工', trade: '缝纫工', regionCode: '150521', transport: 'none', mealsAndLodging: false });
    const recs = await recommendJobs({ trades: ['电焊工'], mobility: 'can_travel_far', homeRegionCode: '150521', expectedPayFen: 500000 }, now, 10);
    expect(recs.length).toBeGreaterThanOrEqual(3);
    expect(recs.map((r) => r.title).slice(0, 2)).toEqual(['上海电焊工', '苏州焊工']);
    expect(recs[0]?.reasons).toEqual(expect.arrayContaining(['trade_match', 'organized_transport']));
    expect([...recs].sort((a, b) => b.score - a.score).map((r) => r.id)).toEqual(recs.map((r) => r.id));
  });

  it('when a worker cannot leave home, then jobs in the home county come first, public welfare posts on top', async () => {
    const now = new Date();
    await buildJob({ title: '上海电焊工', trade: '电焊工', regionCode: '310115', transport: 'point_to_point' });
    await buildJob({ title: '村级保洁员', trade: '保洁员', regionCode: '150521', publicWelfare: true, transport: 'none' });
    await buildJob({ title: '帮扶车间缝纫工', trade: '缝纫工', regionCode: '150521', transport: 'none' });
    await buildJob({ title: '通辽市区保安', trade: '保安员', regionCode: '150502', transport: 'none' });
    const recs = await recommendJobs({ trades: ['缝纫工'], mobility: 'cannot_leave', homeRegionCode: '150521', expectedPayFen: null }, now, 10);
    expect(recs.map((r) => r.title)).toEqual(['村级保洁员', '帮扶车间缝纫工', expect.any(String)]);
    expect(recs[2]?.title).not.toBe('村级保洁员');
  });

  it('when a worker without a registration asks over HTTP, then 3 or more jobs come back ranked', async () => {
    const worker = await signInAs('worker');
    for (let i = 0; i < 4; i += 1) await buildJob({ title: `岗位${i}` });
    const body = RecommendedJobsResponseSchema.parse((await http().get('/api/v1/jobs/recommended').set(worker.header).expect(200)).body);
    expect(body.items.length).toBeGreaterThanOrEqual(3);
    await http().get('/api/v1/jobs/recommended').expect(401);
  });
});
