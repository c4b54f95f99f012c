import {
  ApplicationListResponseSchema,
  CourseListResponseSchema,
  EnrollmentListResponseSchema,
  ErrorBodySchema,
  PhoneRevealResponseSchema,
  StaffApplicationListSchema,
  StaffApplicationSchema,
  StaffEnrollmentListSchema,
  StaffEnrollmentSchema,
  regionCodePath,
} from '@zhuanyi/shared';
import { NotificationModel } from '../../integrations/notify/notifier';
import { signInAs, type TestSubject } from '../../test-support/auth';
import { buildJob } from '../../test-support/factories';
import { testApp } from '../../test-support/test-app';
import { useTestDb } from '../../test-support/test-db';
import { AuditModel } from '../audit/audit.model';
import { Course } from '../courses/course.model';
import { createWorker } from '../staff/staff-test-kit';
import { JobApplicationModel } from './application.model';
import { backfillApplicationRegions } from './application-regions';

const db = useTestDb();
const http = () => testApp(db.database).http();
const DAY = 86_400_000;
const COUNTY = '150521';

async function buildCourse(overrides: Record<string, unknown> = {}) {
  return Course.create({
    title: `电焊工培训${Math.random().toString(36).slice(2, 6)}`,
    trade: '电焊工',
    provider: '通辽市职业技能培训中心',
    regionCode: COUNTY,
    regionName: '科尔沁左翼中旗',
    regionPath: regionCodePath(COUNTY),
    mode: 'offline',
    classHours: 120,
    seats: 30,
    startsAt: new Date(Date.now() + 10 * DAY),
    endsAt: new Date(Date.now() + 40 * DAY),
    ...overrides,
  });
}

async function registeredWorker(): Promise<TestSubject> {
  const record = await createWorker({ name: '包金山' });
  return signInAs('worker', { workerId: record._id.toHexString(), phone: '13912345678' });
}

const errorMessage = (body: unknown) => ErrorBodySchema.parse(body).error.message;

describe('staff move applications forward', () => {
  it('when an application was stored before applications carried a region, then county staff see it after the start-up backfill', async () => {
    const job = await buildJob({ regionCode: COUNTY, title: '老报名的岗位' });
    const worker = await registeredWorker();
    const staff = await signInAs('staff', { regionScope: COUNTY });
    const applied = await http().post(`/api/v1/jobs/${job._id.toHexString()}/applications`).set(worker.header).expect(201);
    const id = String(applied.body.application.id);
    await JobApplicationModel.collection.updateOne({}, { $unset: { regionCode: '' } });
    const list = async () => StaffApplicationListSchema.parse((await http().get('/api/v1/staff/applications').set(staff.header).expect(200)).body).items.map((a) => a.id);
    expect(await list()).toEqual([]);
    expect(await backfillApplicationRegions(1)).toBe(1);
    expect(await list()).toEqual([id]);
    expect(await backfillApplicationRegions()).toBe(0);
  });


  it('when county staff contact and then hire an applicant, then the worker sees 已录用 with its history, each step is audited and the worker told', async () => {
    const job = await buildJob({ regionCode: COUNTY, title: '招聘熟练电焊工' });
    const worker = await registeredWorker();
    const staff = await signInAs('staff', { regionScope: COUNTY });
    const applied = await http().post(`/api/v1/jobs/${job._id.toHexString()}/applications`).set(worker.header).expect(201);
    const id = String(applied.body.application.id);

    const listed = StaffApplicationListSchema.parse((await http().get('/api/v1/staff/applications').set(staff.header).expect(200)).body);
    expect(listed.items.map((a) => [a.id, a.status, a.jobTitle, a.applicantName, a.applicantPhoneMasked])).toEqual([[id, 'applied', '招聘熟练电焊工', '包金山', '139****5678']]);

    const contacted = StaffApplicationSchema.parse((await http().post(`/api/v1/staff/applications/${id}/status`).set(staff.header).send({ to: 'contacted', note: '电话已联系' }).expect(200)).body);
    expect(contacted.status).toBe('contacted');
    await http().post(`/api/v1/staff/applications/${id}/status`).set(staff.header).send({ to: 'hired' }).expect(200);

    const mine = ApplicationListResponseSchema.parse((await http().get('/api/v1/applications').set(worker.header).expect(200)).body);
    expect(mine.items[0]?.status).toBe('hired');
    expect(mine.items[0]?.history.map((h) => h.status)).toEqual(['applied', 'contacted', 'hired']);

    const audit = await AuditModel.find({ targetType: 'application', targetId: id }).sort({ at: 1 }).lean().exec();
    expect(audit.map((a) => [a.actorId, a.detail, a.regionCode])).toEqual([
      [staff.subjectId, 'applied→contacted', COUNTY],
      [staff.subjectId, 'contacted→hired', COUNTY],
    ]);
    expect(audit[0]?.reason).toBe('电话已联系');
    const notices = await NotificationModel.find({ complaintId: id }).sort({ at: 1 }).lean().exec();
    expect(notices.map((n) => n.text)).toEqual([expect.stringContaining('“招聘熟练电焊工”：已联系'), expect.stringContaining('“招聘熟练电焊工”：已录用')]);
    expect(notices.every((n) => n.subjectId === worker.subjectId)).toBe(true);
  });

  it('when a move is not allowed, then 409 in Chinese and nothing changes; the same move again answers unchanged without a second audit', async () => {
    const job = await buildJob({ regionCode: COUNTY });
    const worker = await signInAs('worker');
    const staff = await signInAs('staff', { regionScope: COUNTY });
    const id = String((await http().post(`/api/v1/jobs/${job._id.toHexString()}/applications`).set(worker.header).expect(201)).body.application.id);
    const move = (to: string) => http().post(`/api/v1/staff/applications/${id}/status`).set(staff.header).send({ to });

    await move('rejected').expect(200);
    await move('rejected').expect(200);
    const refused = await move('hired').expect(409);
    expect(errorMessage(refused.body)).toBe('这条报名现在的状态不能进行这一步');
    await http().post(`/api/v1/applications/${id}/withdraw`).set(worker.header).expect(409);
    await move('withdrawn').expect(400);
    const mine = ApplicationListResponseSchema.parse((await http().get('/api/v1/applications').set(worker.header).expect(200)).body);
    expect(mine.items[0]?.history.map((h) => h.status)).toEqual(['applied', 'rejected']);
    expect(await AuditModel.countDocuments({ targetType: 'application', targetId: id }).exec()).toBe(1);
  });

  it('when staff of another county try, then the application is not found there and not listed', async () => {
    const job = await buildJob({ regionCode: COUNTY });
    const worker = await signInAs('worker');
    const other = await signInAs('staff', { regionScope: '150522' });
    const id = String((await http().post(`/api/v1/jobs/${job._id.toHexString()}/applications`).set(worker.header).expect(201)).body.application.id);
    await http().post(`/api/v1/staff/applications/${id}/status`).set(other.header).send({ to: 'hired' }).expect(404);
    await http().get(`/api/v1/staff/applications?jobId=${job._id.toHexString()}`).set(other.header).expect(404);
    const theirs = StaffApplicationListSchema.parse((await http().get('/api/v1/staff/applications').set(other.header).expect(200)).body);
    expect(theirs.items).toEqual([]);
    expect(await AuditModel.countDocuments({ targetType: 'application' }).exec()).toBe(0);
  });
});

describe('staff call an applicant', () => {
  it('when county staff give a reason, then they get the full phone and the reveal is audited; without a reason, or from another county, nothing is revealed', async () => {
    const job = await buildJob({ regionCode: COUNTY, title: '招聘电焊工' });
    const worker = await registeredWorker();
    const staff = await signInAs('staff', { regionScope: COUNTY });
    const other = await signInAs('staff', { regionScope: '150522' });
    const id = String((await http().post(`/api/v1/jobs/${job._id.toHexString()}/applications`).set(worker.header).expect(201)).body.application.id);
    const reveal = (who: TestSubject, body: object) => http().post(`/api/v1/staff/applications/${id}/reveal-phone`).set(who.header).send(body);

    const listed = StaffApplicationListSchema.parse((await http().get('/api/v1/staff/applications').set(staff.header).expect(200)).body);
    expect(listed.items[0]?.applicantPhoneMasked).toBe('139****5678');
    await reveal(staff, {}).expect(400);
    await reveal(other, { reason: '电话通知面试时间' }).expect(404);
    await reveal(worker, { reason: '电话通知面试时间' }).expect(403);
    expect(await AuditModel.countDocuments({ action: 'reveal' }).exec()).toBe(0);

    const full = PhoneRevealResponseSchema.parse((await reveal(staff, { reason: '电话通知面试时间' }).expect(200)).body);
    expect(full.phone).toBe('13912345678');
    const audit = await AuditModel.find({ action: 'reveal' }).lean().exec();
    expect(audit.map((a) => [a.actorId, a.targetType, a.targetId, a.reason, a.regionCode])).toEqual([[staff.subjectId, 'application', id, '电话通知面试时间', COUNTY]]);
  });
});

describe('staff move course sign-ups forward', () => {
  it('when a sign-up is confirmed, started and passed, then the worker sees each status, may no longer cancel, and every step is audited', async () => {
    const course = await buildCourse({ title: '电焊工初级班' });
    const worker = await registeredWorker();
    const staff = await signInAs('staff', { regionScope: COUNTY });
    const id = String((await http().post(`/api/v1/courses/${course._id.toHexString()}/enrollments`).set(worker.header).expect(201)).body.enrollment.id);
    const move = (to: string) => http().post(`/api/v1/staff/enrollments/${id}/status`).set(staff.header).send({ to });
    const myStatus = async () => EnrollmentListResponseSchema.parse((await http().get('/api/v1/enrollments').set(worker.header).expect(200)).body).items[0]?.status;

    const listed = StaffEnrollmentListSchema.parse((await http().get(`/api/v1/staff/enrollments?courseId=${course._id.toHexString()}`).set(staff.header).expect(200)).body);
    expect(listed.items.map((e) => [e.id, e.status, e.courseTitle, e.learnerName])).toEqual([[id, 'applied', '电焊工初级班', '包金山']]);

    expect(errorMessage((await move('completed').expect(409)).body)).toBe('这条培训报名现在的状态不能进行这一步');
    expect(errorMessage((await move('in_training').expect(409)).body)).toBe('这条培训报名现在的状态不能进行这一步');
    expect(StaffEnrollmentSchema.parse((await move('confirmed').expect(200)).body).status).toBe('confirmed');
    expect(await myStatus()).toBe('confirmed');
    await move('failed').expect(409);
    await move('in_training').expect(200);
    expect(await myStatus()).toBe('in_training');
    await http().post(`/api/v1/enrollments/${id}/cancel`).set(worker.header).expect(409);
    await move('completed').expect(200);
    await move('failed').expect(409);
    expect(await myStatus()).toBe('completed');

    const audit = await AuditModel.find({ targetType: 'enrollment', targetId: id }).sort({ at: 1 }).lean().exec();
    expect(audit.map((a) => a.detail)).toEqual(['applied→confirmed', 'confirmed→in_training', 'in_training→completed']);
    const notices = await NotificationModel.find({ complaintId: id }).lean().exec();
    expect(notices.map((n) => n.text)).toEqual(['已确认', '培训中', '已结业'].map((s) => expect.stringContaining(`“电焊工初级班”：${s}`)));
    // The seat stays taken through training.
    expect((await Course.findById(course._id).lean().exec())?.seatsTaken).toBe(1);
  });

  it('when a result is recorded through the course results route, then the same machine applies', async () => {
    const course = await buildCourse();
    const worker = await signInAs('worker');
    const staff = await signInAs('staff', { regionScope: COUNTY });
    const id = String((await http().post(`/api/v1/courses/${course._id.toHexString()}/enrollments`).set(worker.header).expect(201)).body.enrollment.id);
    const result = (r: string) => http().post(`/api/v1/staff/courses/${course._id.toHexString()}/results`).set(staff.header).send({ enrollmentId: id, result: r });
    await result('completed').expect(409);
    await http().post(`/api/v1/staff/enrollments/${id}/status`).set(staff.header).send({ to: 'confirmed' }).expect(200);
    await http().post(`/api/v1/staff/enrollments/${id}/status`).set(staff.header).send({ to: 'in_training' }).expect(200);
    await result('failed').expect(200);
    await result('failed').expect(200);
    await result('completed').expect(409);
    expect(EnrollmentListResponseSchema.parse((await http().get('/api/v1/enrollments').set(worker.header).expect(200)).body).items[0]?.history.map((h) => h.status)).toEqual([
      'applied',
      'confirmed',
      'in_training',
      'failed',
    ]);
  });

  it('when staff of another county try, then the sign-up is not found there', async () => {
    const course = await buildCourse();
    const worker = await signInAs('worker');
    const other = await signInAs('staff', { regionScope: '150522' });
    const id = String((await http().post(`/api/v1/courses/${course._id.toHexString()}/enrollments`).set(worker.header).expect(201)).body.enrollment.id);
    await http().post(`/api/v1/staff/enrollments/${id}/status`).set(other.header).send({ to: 'confirmed' }).expect(404);
    await http().get(`/api/v1/staff/enrollments?courseId=${course._id.toHexString()}`).set(other.header).expect(404);
    expect(StaffEnrollmentListSchema.parse((await http().get('/api/v1/staff/enrollments').set(other.header).expect(200)).body).items).toEqual([]);
    expect(EnrollmentListResponseSchema.parse((await http().get('/api/v1/enrollments').set(worker.header).expect(200)).body).items[0]?.status).toBe('applied');
  });
});

describe('course catalog and sign-up deadline', () => {
  it('when a course has closed sign-up, then the catalog does not offer it and signing up is refused in Chinese; a full course shows as closed', async () => {
    const closed = await buildCourse({ title: '已截止电焊班', signUpDeadline: new Date(Date.now() - DAY) });
    await buildCourse({ title: '满员电焊班', seats: 1, seatsTaken: 1 });
    await buildCourse({ title: '可报名电焊班' });
    const items = CourseListResponseSchema.parse((await http().get('/api/v1/courses?trade=电焊工').expect(200)).body).items;
    expect(items.map((c) => [c.title, c.signUpOpen]).sort()).toEqual([
      ['可报名电焊班', true],
      ['满员电焊班', false],
    ]);
    const worker = await signInAs('worker');
    const refused = await http().post(`/api/v1/courses/${closed._id.toHexString()}/enrollments`).set(worker.header).expect(409);
    expect(errorMessage(refused.body)).toBe('这期培训已截止报名');
    const detail = await http().get(`/api/v1/courses/${closed._id.toHexString()}`).expect(200);
    expect(detail.body.signUpOpen).toBe(false);
  });
});
