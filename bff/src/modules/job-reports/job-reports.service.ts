/**
 * Job reports reach someone: a worker's report lands in the queue of the JOB's county; that
 * county's staff take the job down, warn the employer or dismiss with a reason. Each action is
 * audited, and the reporters are told the outcome through the notice outbox (same transaction).
 * A worker may file at most REPORTS_PER_DAY reports a day.
 */
import { Types } from 'mongoose';
import {
  t,
  type JobReport,
  type JobReportAction,
  type JobReportCreate,
  type JobReportList,
  type JobReportStatus,
  type StaffJobReport,
  type StaffJobReportList,
  type StaffJobReportQuery,
} from '@zhuanyi/shared';
import type { AuthContext } from '../../http/auth';
import { AppError, ConflictError, NotFoundError } from '../../http/errors';
import type { Clock } from '../../security/clock';
import type { FieldCrypto } from '../../security/field-crypto';
import { maskSealed, sealOptional } from '../../security/sealed-text';
import { queueCaseNotice } from '../../integrations/notify/notifier';
import { inTransaction } from '../../integrations/pes/outbox';
import type { AuditService } from '../audit/audit.service';
import { referenceOf } from '../applications/worker-notice';
import { Employer } from '../jobs/employer.model';
import { Job } from '../jobs/job.model';
import { findJobById } from '../jobs/jobs.repository';
import { regionFullName } from '../regions/regions.service';
import { inScope } from '../staff/scope';
import { JobReportModel, type JobReportRecord } from './job-report.model';

/** Reports one worker may file in 24 hours. */
export const REPORTS_PER_DAY = 5;
const DAY_MS = 86_400_000;
const ACTION_STATUS: Record<JobReportAction['action'], Exclude<JobReportStatus, 'open'>> = { take_down: 'taken_down', warn_employer: 'warned', dismiss: 'dismissed' };

export interface JobReportsDeps {
  clock: Clock;
  crypto: Pick<FieldCrypto, 'encrypt'>;
  audit: AuditService;
  /** Wakes the background notice sender after a commit. */
  notices: { wake(): void };
}

type Viewer = Pick<AuthContext, 'subjectId' | 'role' | 'regionScope'>;
const notFound = () => new NotFoundError('error.jobReportNotFound');

export class JobReportsService {
  constructor(private readonly deps: JobReportsDeps) {}

  private outcomeText(r: Pick<JobReportRecord, 'status' | 'handledReason'>): string | null {
    if (r.status === 'open') return null;
    return t(`jobReport.outcome.${r.status as Exclude<JobReportStatus, 'open'>}`, { reason: r.handledReason ?? '' });
  }

  private toReport(r: JobReportRecord): JobReport {
    return {
      id: r._id.toHexString(),
      jobId: r.jobId.toHexString(),
      jobTitle: r.jobTitle ?? '',
      reason: r.reason as JobReport['reason'],
      note: maskSealed(r.note ?? '') ?? '',
      status: r.status,
      outcome: this.outcomeText(r),
      handledAt: r.handledAt ? r.handledAt.toISOString() : null,
      createdAt: r.createdAt.toISOString(),
    };
  }

  /** Files a report in the job's county; the same worker's open report on the job is answered again, not duplicated. */
  async file(who: Viewer, jobId: string, input: JobReportCreate): Promise<JobReport> {
    const job = await findJobById(jobId);
    if (!job) throw new NotFoundError('error.jobNotFound');
    const existing = await JobReportModel.findOne({ jobId: job._id, reporterId: who.subjectId, status: 'open' }).lean<JobReportRecord>().exec();
    if (existing) return this.toReport(existing);
    const now = this.deps.clock();
    const recent = await JobReportModel.countDocuments({ reporterId: who.subjectId, createdAt: { $gt: new Date(now.getTime() - DAY_MS) } }).exec();
    if (recent >= REPORTS_PER_DAY) throw new AppError('RATE_LIMITED', { messageKey: 'error.jobReportLimit' });
    const created = await JobReportModel.create({
      jobId: job._id,
      jobTitle: job.title,
      employerId: job.employerId,
      employerName: job.employerName,
      regionCode: job.regionCode,
      regionPath: job.regionPath,
      reporterId: who.subjectId,
      reason: input.reason,
      note: sealOptional(this.deps.crypto, input.note ?? ''),
      status: 'open',
    });
    return this.toReport(created.toObject<JobReportRecord>());
  }

  /** The worker's own reports, newest first, with what came of them. */
  async mine(who: Viewer): Promise<JobReportList> {
    const rows = await JobReportModel.find({ reporterId: who.subjectId }).sort({ createdAt: -1 }).limit(50).lean<JobReportRecord[]>().exec();
    return { items: rows.map((r) => this.toReport(r)) };
  }

  /** Staff: the reports on jobs of their region (admins: all); open ones oldest first, handled ones newest first. */
  async queue(viewer: Viewer, query: StaffJobReportQuery): Promise<StaffJobReportList> {
    const scope: Record<string, unknown> = viewer.role === 'admin' || viewer.regionScope === null ? {} : { regionPath: viewer.regionScope };
    const filter: Record<string, unknown> = { ...scope };
    if (query.status === 'open') filter.status = 'open';
    else if (query.status === 'handled') filter.status = { $ne: 'open' };
    const rows = await JobReportModel.find(filter)
      .sort(query.status === 'open' ? { createdAt: 1 } : { createdAt: -1 })
      .limit(query.limit)
      .lean<JobReportRecord[]>()
      .exec();
    const jobIds = [...new Set(rows.map((r) => r.jobId.toHexString()))].map((id) => new Types.ObjectId(id));
    const [jobs, openCounts, openCount] = await Promise.all([
      Job.find({ _id: { $in: jobIds } }, { status: 1 }).lean<Array<{ _id: Types.ObjectId; status: string }>>().exec(),
      JobReportModel.aggregate<{ _id: Types.ObjectId; n: number }>([{ $match: { jobId: { $in: jobIds }, status: 'open' } }, { $group: { _id: '$jobId', n: { $sum: 1 } } }]).exec(),
      JobReportModel.countDocuments({ ...scope, status: 'open' }).exec(),
    ]);
    const open = new Set(jobs.filter((j) => j.status === 'open').map((j) => j._id.toHexString()));
    const counts = new Map(openCounts.map((c) => [c._id.toHexString(), c.n]));
    return { items: rows.map((r) => this.toStaffReport(r, open.has(r.jobId.toHexString()), counts.get(r.jobId.toHexString()) ?? 0)), openCount };
  }

  private toStaffReport(r: JobReportRecord, jobOpen: boolean, openReportsOnJob: number): StaffJobReport {
    return {
      ...this.toReport(r),
      employerName: r.employerName ?? '',
      regionCode: r.regionCode ?? '',
      regionName: r.regionCode ? regionFullName(r.regionCode) : null,
      jobOpen,
      openReportsOnJob,
      handledReason: r.handledReason ?? null,
    };
  }

  /**
   * One staff action on an open report. Taking the job down or warning the employer settles every
   * open report on that job (each reporter is told); dismissing settles this one. The change, the
   * audit entry and the notices commit together; delivery happens in the background.
   */
  async act(viewer: AuthContext, id: string, input: JobReportAction): Promise<StaffJobReport> {
    const report = Types.ObjectId.isValid(id) ? await JobReportModel.findById(id).lean<JobReportRecord>().exec() : null;
    if (!report || !inScope(viewer, report.regionCode)) throw notFound();
    if (report.status !== 'open') throw new ConflictError('error.jobReportHandled');
    const status = ACTION_STATUS[input.action];
    const now = this.deps.clock();
    await inTransaction(async () => {
      const whole = input.action !== 'dismiss';
      const targets = whole
        ? await JobReportModel.find({ jobId: report.jobId, status: 'open' }).lean<JobReportRecord[]>().exec()
        : [report];
      const done = await JobReportModel.updateMany(
        { _id: { $in: targets.map((r) => r._id) }, status: 'open' },
        { $set: { status, handled: true, handledBy: viewer.subjectId, handledAt: now, handledReason: input.reason } },
      ).exec();
      // Someone else acted first.
      if (done.modifiedCount !== targets.length) throw new ConflictError('error.jobReportHandled');
      if (input.action === 'take_down') await Job.updateOne({ _id: report.jobId }, { $set: { status: 'closed' } }).exec();
      if (input.action === 'warn_employer' && report.employerId) {
        await Employer.updateOne(
          { _id: report.employerId },
          { $push: { warnings: { at: now, reason: input.reason, by: viewer.subjectId, reportId: report._id, jobId: report.jobId } } },
        ).exec();
      }
      await this.deps.audit.record(viewer, {
        action: 'decide',
        targetType: 'job_report',
        targetId: id,
        regionCode: report.regionCode ?? null,
        reason: input.reason,
        detail: `${input.action} job ${report.jobId.toHexString()} (${targets.length} report(s))`,
      });
      const outcome = this.outcomeText({ status, handledReason: input.reason }) ?? '';
      for (const r of targets) {
        const rid = r._id.toHexString();
        await queueCaseNotice(
          {
            complaintId: rid,
            subjectId: Types.ObjectId.isValid(r.reporterId) ? r.reporterId : null,
            caseNumber: referenceOf('JB', rid),
            step: t('jobReport.notify.text', { title: r.jobTitle ?? '', outcome }),
            page: 'pages/me/index',
          },
          now,
        );
      }
    });
    this.deps.notices.wake();
    const updated = (await JobReportModel.findById(id).lean<JobReportRecord>().exec()) as JobReportRecord;
    const [job, stillOpen] = await Promise.all([
      Job.findById(report.jobId, { status: 1 }).lean<{ status: string }>().exec(),
      JobReportModel.countDocuments({ jobId: report.jobId, status: 'open' }).exec(),
    ]);
    return this.toStaffReport(updated, job?.status === 'open', stillOpen);
  }
}
