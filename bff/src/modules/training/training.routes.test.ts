import { CourseListResponseSchema, EnrollResultSchema, EnrollmentListResponseSchema, EnrollmentSchema, ErrorBodySchema } from '@zhuanyi/shared';
import { regionCodePath } from '@zhuanyi/shared';
import { useTestDb } from '../../test-support/test-db';
import { testApp } from '../../test-support/test-app';
import { signInAs, type TestSubject } from '../../test-support/auth';
import { Course } from '../courses/course.model';
import { EnrollmentModel } from './enrollment.model';

const db = useTestDb();
const http = () => testApp(db.database).http();
const DAY = 86_400_000;

let n = 0;
async function buildCourse(overrides: Record<string, unknown> = {}) {
  n += 1;
  const regionCode = typeof overrides.regionCode === 'string' ? overrides.regionCode : '150521';
  return Course.create({
    title: `电焊工培训${n}`,
    trade: '电焊工',
    provider: '通辽市职业技能培训中心',
    regionCode,
    regionName: '科尔沁左翼中旗',
    regionPath: regionCodePath(regionCode),
    mode: 'offline',
    classHours: 120,
    subsidized: true,
    seats: 30,
    startsAt: new Date(Date.now() + 10 * DAY),
    endsAt: new Date(Date.now() + 40 * DAY),
    place: '保康镇职教中心',
    ...overrides,
  });
}

describe('free training', () => {
  it('when 200 workers sign up at once for 30 seats, then exactly 30 get one and the rest hear it is full', async () => {
    const course = await buildCourse({ seats: 30 });
    const workers: TestSubject[] = await Promise.all(Array.from({ length: 200 }, () => signInAs('worker')));
    const url = `/api/v1/courses/${course._id.toHexString()}/enrollments`;
    const answers = await Promise.all(workers.map((w) => http().post(url).set(w.header)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(30);
    expect(statuses.filter((s) => s === 409)).toHaveLength(170);
    expect(ErrorBodySchema.parse(answers.find((r) => r.status === 409)?.body).error.message).toContain('名额已满');
    expect(await EnrollmentModel.countDocuments({ courseId: course._id, status: 'applied' })).toBe(30);
    expect((await Course.findById(course._id).lean().exec())?.seatsTaken).toBe(30);
  }, 60_000);

  it('when a worker signs up twice, then one enrollment; cancelling twice at once frees the seat once, and signing up again takes it again', async () => {
    const course = await buildCourse({ seats: 2 });
    const worker = await signInAs('worker');
    const url = `/api/v1/courses/${course._id.toHexString()}/enrollments`;
    const racing = await Promise.all(Array.from({ length: 5 }, () => http().post(url).set(worker.header)));
    expect(racing.map((r) => r.status)).toEqual(Array(5).fill(201));
    expect(racing.filter((r) => EnrollResultSchema.parse(r.body).created)).toHaveLength(1);
    expect((await Course.findById(course._id).lean().exec())?.seatsTaken).toBe(1);
    const id = EnrollResultSchema.parse(racing[0]?.body).enrollment.id;

    const cancels = await Promise.all([1, 2, 3].map(() => http().post(`/api/v1/enrollments/${id}/cancel`).set(worker.header)));
    expect(cancels.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(EnrollmentSchema.parse(cancels[0]?.body).status).toBe('cancelled');
    expect((await Course.findById(course._id).lean().exec())?.seatsTaken).toBe(0);

    const again = EnrollResultSchema.parse((await http().post(url).set(worker.header).expect(201)).body);
    expect(again.created).toBe(true);
    expect(again.enrollment.history.map((h) => h.status)).toEqual(['applied', 'cancelled', 'applied']);
    expect(again.enrollment.course?.seatsLeft).toBe(1);
    const mine = EnrollmentListResponseSchema.parse((await http().get('/api/v1/enrollments').set(worker.header).expect(200)).body);
    expect(mine.items.map((e) => [e.courseId, e.status])).toEqual([[course._id.toHexString(), 'applied']]);

    await EnrollmentModel.updateOne({ _id: id }, { status: 'in_training' });
    await http().post(`/api/v1/enrollments/${id}/cancel`).set(worker.header).expect(409);
    const stranger = await signInAs('worker');
    await http().post(`/api/v1/enrollments/${id}/cancel`).set(stranger.header).expect(404);
  });

  it('when the catalog is filtered, then trade, mode, class hours, subsidy, seats, start date, free-for and allowance combine', async () => {
    await buildCourse({ title: '电焊（补贴）', classHours: 120, allowance: { livingFenPerDay: 5000, transportFen: 20000, forAudiences: ['poverty_relieved'] }, freeFor: ['rural_labor'] });
    await buildCourse({ title: '电焊短训', classHours: 40 });
    await buildCourse({ title: '电焊满员', seats: 1, seatsTaken: 1 });
    await buildCourse({ title: '电商直播', trade: '电商', mode: 'online', place: null, classHours: 56, freeFor: ['poverty_relieved', 'women'] });
    await buildCourse({ title: '下月电焊', startsAt: new Date(Date.now() + 40 * DAY), endsAt: new Date(Date.now() + 60 * DAY) });

    const list = async (q: string) => CourseListResponseSchema.parse((await http().get(`/api/v1/courses?${q}`).expect(200)).body).items.map((c) => c.title).sort();
    expect(await list('trade=电焊工&subsidized=true&hasSeats=true')).toEqual(['下月电焊', '电焊（补贴）'].sort());
    expect(await list('subsidized=false')).toEqual(['电焊短训']);
    expect(await list('mode=online&freeFor=women')).toEqual(['电商直播']);
    expect(await list('withAllowance=true')).toEqual(['电焊（补贴）']);
    const soon = new Date(Date.now() + 20 * DAY).toISOString().slice(0, 10);
    expect(await list(`trade=电焊工&startsTo=${soon}&minClassHours=56`)).toEqual(['电焊满员', '电焊（补贴）'].sort());
    const full = CourseListResponseSchema.parse((await http().get('/api/v1/courses?trade=电焊工').expect(200)).body).items.find((c) => c.title === '电焊满员');
    expect(full?.seatsLeft).toBe(0);
  });
});
