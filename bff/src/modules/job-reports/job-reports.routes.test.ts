/**
 * Job reports reach someone, over the API: a Turpan worker's report of a 科左中旗 job lands in
 * 科左中旗's staff queue (not Turpan's, not a third county's); take down, warn and dismiss are
 * audited and the reporters are told through the outbox; reports are limited per worker.
 */
import { AuditListSchema, JobReportListSchema, JobReportSchema, StaffJobReportListSchema, StaffJobReportSchema } from '@zhuanyi/shared';
import { manualClock } from '../../security/clock';
import { signInAs } from '../../test-support/auth';
import { useTestDb } from '../../test-support/test-db';
import { buildJob } from '../../test-support/factories';
import { NotificationModel, NotificationRetryModel } from '../../integrations/notify/notifier';
import { caseNoticeSender, staffApp } from '../staff/staff-test-kit';
import { Employer } from '../jobs/employer.model';
import { Job } from '../jobs/job.model';
import { REPORTS_PER_DAY } from './job-reports.service';
import { JobReportModel } from './job-report.model';

const db = useTestDb();
jest.setTimeout(120_000);

const KZZQ = '150521'; // 科尔沁左翼中旗: where the job is
const TURPAN = '650402'; // the worker's home county
const KAILU = '150523'; // a third county

function world() {
  const clock = manualClock('2026-06-01T02:00:00Z');
  const { http } = staffApp(db.database, clock);
  const staff = async (scope: string) => (await signInAs('staff', { regionScope: scope, clock })).header;
  const report = async (header: { Authorization: string }, jobId: string, body: object = { reason: 'charges_fees', note: '面试要先交300元服装费' }) =>
    http().post(`/api/v1/jobs/${jobId}/reports`).set(header).send(body);
  const queue = async (scope: string, status = 'open') =>
    StaffJobReportListSchema.parse((await http().get('/api/v1/staff/job-reports').query({ status }).set(await staff(scope)).expect(200)).body);
  return { clock, http, staff, report, queue };
}

describe('job reports reach the job county', () => {
  it('when a Turpan worker reports a 科左中旗 job that charges fees, then only 科左中旗 staff see it; taking it down closes the job, is audited, and the reporter is told', async () => {
    const { clock, http, staff, report, queue } = world();
    const worker = await signInAs('worker', { clock });
    const job = await buildJob({ title: '保康镇物流分拣员', regionCode: '150521100' });
    const jobId = job._id.toHexString();

    const filed = JobReportSchema.parse((await report(worker.header, jobId)).body);
    expect(filed).toMatchObject({ jobTitle: '保康镇物流分拣员', status: 'open', outcome: null });
    // A second tap on the same job answers the same report.
    expect(JobReportSchema.parse((await report(worker.header, jobId)).body).id).toBe(filed.id);

    const inCounty = await queue(KZZQ);
    expect(inCounty.items.map((r) => [r.id, r.jobOpen, r.openReportsOnJob])).toEqual([[filed.id, true, 1]]);
    expect(inCounty.items[0]?.regionName).toContain('科尔沁左翼中旗');
    expect(inCounty.openCount).toBe(1);
    expect((await queue(TURPAN)).items).toEqual([]);
    expect((await queue(KAILU)).items).toEqual([]);
    // A third county cannot act on it either: as if it did not exist.
    await http().post(`/api/v1/staff/job-reports/${filed.id}/actions`).set(await staff(KAILU)).send({ action: 'take_down', reason: '收取服装费' }).expect(404);
    await http().post(`/api/v1/staff/job-reports/${filed.id}/actions`).set(worker.header).send({ action: 'take_down', reason: '收取服装费' }).expect(403);

    const kzzq = await signInAs('staff', { regionScope: KZZQ, clock });
    const done = StaffJobReportSchema.parse(
      (await http().post(`/api/v1/staff/job-reports/${filed.id}/actions`).set(kzzq.header).send({ action: 'take_down', reason: '核实收取服装费' }).expect(200)).body,
    );
    expect(done).toMatchObject({ status: 'taken_down', outcome: '岗位已下架', jobOpen: false, handledReason: '核实收取服装费' });
    expect((await Job.findById(jobId).lean().exec())?.status).toBe('closed');
    await http().get(`/api/v1/jobs/${jobId}`).expect(404);
    // Acting twice is refused.
    await http().post(`/api/v1/staff/job-reports/${filed.id}/actions`).set(kzzq.header).send({ action: 'dismiss', reason: '重复' }).expect(409);
    expect((await queue(KZZQ)).items).toEqual([]);
    expect((await queue(KZZQ, 'handled')).items.map((r) => r.id)).toEqual([filed.id]);

    const admin = await signInAs('admin', { clock });
    const audit = AuditListSchema.parse((await http().get('/api/v1/audit').query({ targetType: 'job_report', targetId: filed.id }).set(admin.header).expect(200)).body);
    expect(audit.items.map((a) => [a.action, a.actorId, a.reason])).toEqual([['decide', kzzq.subjectId, '核实收取服装费']]);

    // The notice waits in the outbox and is delivered by the background sender.
    const queued = await NotificationRetryModel.find({ complaintId: filed.id }).lean().exec();
    expect(queued.map((q) => [q.state, q.subjectId, q.step])).toEqual([['pending', worker.subjectId, '您举报的岗位“保康镇物流分拣员”已处理：岗位已下架']]);
    await caseNoticeSender(clock).sweep();
    const sent = await NotificationModel.find({ complaintId: filed.id }).lean().exec();
    expect(sent.map((s) => [s.ok, s.subjectId])).toEqual([[true, worker.subjectId]]);
    expect(sent[0]?.text).toContain('岗位已下架');

    const mine = JobReportListSchema.parse((await http().get('/api/v1/job-reports/mine').set(worker.header).expect(200)).body);
    expect(mine.items.map((r) => [r.id, r.status, r.outcome])).toEqual([[filed.id, 'taken_down', '岗位已下架']]);
  });

  it('when staff warn the employer, then every open report on the job is settled and each reporter told; dismissing needs a reason and settles one report', async () => {
    const { clock, http, report } = world();
    const a = await signInAs('worker', { clock });
    const b = await signInAs('worker', { clock });
    const job = await buildJob({ title: '牧场饲养员', regionCode: KZZQ });
    const other = await buildJob({ title: '镇上保洁员', regionCode: KZZQ });
    const ra = JobReportSchema.parse((await report(a.header, job._id.toHexString(), { reason: 'false_information' })).body);
    const rb = JobReportSchema.parse((await report(b.header, job._id.toHexString(), { reason: 'unpaid_wages' })).body);
    const rc = JobReportSchema.parse((await report(a.header, other._id.toHexString(), { reason: 'other', note: '看着不太对' })).body);
    const kzzq = await signInAs('staff', { regionScope: KZZQ, clock });

    const warned = StaffJobReportSchema.parse(
      (await http().post(`/api/v1/staff/job-reports/${ra.id}/actions`).set(kzzq.header).send({ action: 'warn_employer', reason: '工资写高了，已约谈' }).expect(200)).body,
    );
    expect(warned).toMatchObject({ status: 'warned', jobOpen: true, openReportsOnJob: 0 });
    const employer = await Employer.findById(job.employerId).lean().exec();
    expect(employer?.warnings.map((w) => w.reason)).toEqual(['工资写高了，已约谈']);
    const told = await NotificationRetryModel.find({ complaintId: { $in: [ra.id, rb.id] } }).lean().exec();
    expect(told.map((n) => n.subjectId).sort()).toEqual([a.subjectId, b.subjectId].sort());
    expect(told.every((n) => n.step.endsWith('已警告招聘单位'))).toBe(true);

    const noReason = await http().post(`/api/v1/staff/job-reports/${rc.id}/actions`).set(kzzq.header).send({ action: 'dismiss', reason: '' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields).toHaveProperty('reason');
    const dismissed = StaffJobReportSchema.parse(
      (await http().post(`/api/v1/staff/job-reports/${rc.id}/actions`).set(kzzq.header).send({ action: 'dismiss', reason: '电话核实，岗位真实' }).expect(200)).body,
    );
    expect(dismissed.outcome).toBe('经核查未发现问题（电话核实，岗位真实）');
    expect((await Job.findById(other._id).lean().exec())?.status).toBe('open');
  });

  it(`when a worker files more than ${REPORTS_PER_DAY} reports in a day, then the next is refused in plain Chinese; a day later it is accepted`, async () => {
    const { clock, report } = world();
    const worker = await signInAs('worker', { clock });
    for (let i = 0; i < REPORTS_PER_DAY; i += 1) {
      const job = await buildJob({ regionCode: KZZQ });
      expect((await report(worker.header, job._id.toHexString())).status).toBe(201);
    }
    const extra = await buildJob({ regionCode: KZZQ });
    const refused = await report(worker.header, extra._id.toHexString());
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: 'RATE_LIMITED', message: '今天举报的次数太多了，请明天再来。着急的话请拨打 12333' });
    // Another worker is not held back.
    const other = await signInAs('worker', { clock });
    expect((await report(other.header, extra._id.toHexString())).status).toBe(201);
    // A day later (the earlier reports age past the 24-hour window).
    await JobReportModel.collection.updateMany({ reporterId: worker.subjectId }, { $set: { createdAt: new Date(clock().getTime() - 24 * 3_600_000 - 1000) } });
    expect((await report(worker.header, extra._id.toHexString())).status).toBe(201);
  });
});
