/** Applying for jobs (once per job, retry-safe), my applications and withdrawing (reports: ../job-reports). */
import {
  applicationSourcesOf,
  type ApplicationListQuery,
  type ApplicationListResponse,
  type ApplyResult,
  type JobApplication,
} from '@zhuanyi/shared';
import { Types } from 'mongoose';
import type { AuthContext } from '../../http/auth';
import { isDuplicateKeyError } from '../../http/error-handler';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors';
import { afterDesc, decodeKeyset, encodeKeyset } from '../../db/cursor';
import type { Clock } from '../../security/clock';
import type { JobRecord } from '../jobs/job.model';
import { findJobById, findJobsByIds } from '../jobs/jobs.repository';
import { toJobSummary } from '../jobs/jobs.service';
import { fitWarningsFor } from '../jobs/worker-profile';
import { JobApplicationModel, type ApplicationRecord } from './application.model';

type Applicant = Pick<AuthContext, 'subjectId' | 'workerId'>;

function toApplication(a: ApplicationRecord, job: JobRecord | null): JobApplication {
  return {
    id: a._id.toHexString(),
    jobId: a.jobId.toHexString(),
    status: a.status,
    history: a.history.map((h) => ({ status: h.status, at: h.at.toISOString() })),
    job: job ? toJobSummary(job) : null,
    contactPhone: job && a.status !== 'withdrawn' ? job.contactPhone : null,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

async function openJob(jobId: string, now: Date): Promise<JobRecord> {
  const job = await findJobById(jobId);
  if (!job || job.status !== 'open' || (job.deadline && job.deadline < now)) throw new NotFoundError('error.jobNotFound');
  return job;
}

export class ApplicationsService {
  constructor(private readonly clock: Clock) {}

  /** Applies once: a second request (or a retry) answers the same application with created=false. */
  async apply(who: Applicant, jobId: string): Promise<ApplyResult> {
    const now = this.clock();
    const job = await openJob(jobId, now);
    const key = { applicantId: who.subjectId, jobId: job._id };
    const warnings = await fitWarningsFor(who, job, now);
    try {
      const created = await JobApplicationModel.create({ ...key, workerId: who.workerId ?? null, regionCode: job.regionCode, status: 'applied', history: [{ status: 'applied', at: now }] });
      return { application: toApplication(created.toObject<ApplicationRecord>(), job), created: true, warnings };
    } catch (err: unknown) {
      if (!isDuplicateKeyError(err)) throw err;
    }
    // Applied before: a withdrawn application may be renewed; any other is answered as it is.
    const renewed = await JobApplicationModel.findOneAndUpdate(
      { ...key, status: { $in: applicationSourcesOf('applied', 'worker') } },
      { $set: { status: 'applied', regionCode: job.regionCode }, $push: { history: { status: 'applied', at: now } } },
      { returnDocument: 'after' },
    )
      .lean<ApplicationRecord>()
      .exec();
    const existing = renewed ?? (await JobApplicationModel.findOne(key).lean<ApplicationRecord>().exec());
    if (!existing) throw new ConflictError();
    return { application: toApplication(existing, job), created: renewed !== null, warnings };
  }

  async listMine(who: Applicant, query: ApplicationListQuery): Promise<ApplicationListResponse> {
    const after = query.cursor === undefined ? undefined : decodeKeyset(query.cursor);
    if (query.cursor !== undefined && after === undefined) throw new ValidationError({ cursor: 'validation.cursor' });
    const filter: Record<string, unknown> = { applicantId: who.subjectId };
    if (query.status) filter.status = query.status;
    if (after) filter.$and = [{ createdAt: { $lte: after.at } }, afterDesc('createdAt', after)];
    const rows = await JobApplicationModel.find(filter)
      .sort({ createdAt: -1, _id: -1 })
      .hint({ applicantId: 1, createdAt: -1, _id: -1 })
      .limit(query.limit + 1)
      .lean<ApplicationRecord[]>()
      .exec();
    const page = rows.slice(0, query.limit);
    const jobs = new Map((await findJobsByIds(page.map((a) => a.jobId))).map((j) => [j._id.toHexString(), j]));
    const last = page[page.length - 1];
    return {
      items: page.map((a) => toApplication(a, jobs.get(a.jobId.toHexString()) ?? null)),
      nextCursor: rows.length > query.limit && last ? encodeKeyset(last.createdAt, last._id) : null,
    };
  }

  /** Withdraws while the outcome is open (已报名 or 已联系); withdrawing twice answers the same. */
  async withdraw(who: Applicant, id: string): Promise<JobApplication> {
    const now = this.clock();
    const _id = new Types.ObjectId(id);
    const updated = await JobApplicationModel.findOneAndUpdate(
      { _id, applicantId: who.subjectId, status: { $in: applicationSourcesOf('withdrawn', 'worker') } },
      { $set: { status: 'withdrawn' }, $push: { history: { status: 'withdrawn', at: now } } },
      { returnDocument: 'after' },
    )
      .lean<ApplicationRecord>()
      .exec();
    const current = updated ?? (await JobApplicationModel.findOne({ _id, applicantId: who.subjectId }).lean<ApplicationRecord>().exec());
    if (!current) throw new NotFoundError('error.applicationNotFound');
    if (current.status !== 'withdrawn') throw new ConflictError('error.cannotWithdraw');
    return toApplication(current, await findJobById(current.jobId.toHexString()));
  }
}
