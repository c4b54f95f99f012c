/**
 * Staff move job applications forward (已联系 / 已录用 / 未录用) for jobs in their county: the
 * shared state machine decides which moves are allowed, each move is one conditional update,
 * audited, and the worker is told. Applications outside the caller's county read as 404.
 */
import { Types } from 'mongoose';
import {
  applicationSourcesOf,
  canMoveApplication,
  maskMobilePhone,
  type ApplicationMove,
  type StaffApplication,
  type StaffApplicationList,
  type StaffApplicationListQuery,
} from '@zhuanyi/shared';
import type { AuthContext } from '../../http/auth';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors';
import { afterDesc, decodeKeyset, encodeKeyset } from '../../db/cursor';
import type { Clock } from '../../security/clock';
import type { FieldCrypto } from '../../security/field-crypto';
import type { AuditService } from '../audit/audit.service';
import { WorkerLogin } from '../auth/worker-login.model';
import type { JobRecord } from '../jobs/job.model';
import { findJobById, findJobsByIds } from '../jobs/jobs.repository';
import { inScope, regionRange } from '../staff/scope';
import { Worker } from '../workers/worker.model';
import { JobApplicationModel, type ApplicationRecord } from './application.model';
import { referenceOf, statusText, type NotifyWorker } from './worker-notice';

export interface ProgressDeps {
  clock: Clock;
  crypto: FieldCrypto;
  audit: AuditService;
  notify: NotifyWorker;
}

/** Name (from the registration) and masked phone (from the login) of each worker login. */
export async function peopleOf(crypto: FieldCrypto, rows: Array<{ loginId: string; workerId: string | null | undefined }>) {
  const loginIds = rows.map((r) => r.loginId).filter((id) => Types.ObjectId.isValid(id));
  const workerIds = rows.map((r) => r.workerId).filter((id): id is string => !!id && Types.ObjectId.isValid(id));
  const [logins, workers] = await Promise.all([
    WorkerLogin.find({ _id: { $in: loginIds } }, { phoneEnc: 1, workerId: 1 }).lean().exec(),
    Worker.find({ _id: { $in: workerIds } }, { name: 1 }).lean<Array<{ _id: Types.ObjectId; name: string }>>().exec(),
  ]);
  const phone = new Map(logins.map((l) => [l._id.toHexString(), l.phoneEnc ? maskMobilePhone(crypto.decrypt('phone', l.phoneEnc)) : null]));
  const name = new Map(workers.map((w) => [w._id.toHexString(), w.name]));
  return (loginId: string, workerId: string | null | undefined) => ({ name: (workerId && name.get(workerId)) || null, phone: phone.get(loginId) ?? null });
}

export class ApplicationProgressService {
  constructor(private readonly deps: ProgressDeps) {}

  private async view(rows: ApplicationRecord[], jobs: Map<string, JobRecord>): Promise<StaffApplication[]> {
    const who = await peopleOf(this.deps.crypto, rows.map((a) => ({ loginId: a.applicantId, workerId: a.workerId })));
    return rows.map((a) => {
      const job = jobs.get(a.jobId.toHexString());
      const person = who(a.applicantId, a.workerId);
      return {
        id: a._id.toHexString(),
        status: a.status,
        history: a.history.map((h) => ({ status: h.status, at: h.at.toISOString() })),
        jobId: a.jobId.toHexString(),
        jobTitle: job?.title ?? '',
        regionCode: job?.regionCode ?? a.regionCode ?? '',
        applicantName: person.name,
        applicantPhoneMasked: person.phone,
        createdAt: a.createdAt.toISOString(),
        updatedAt: a.updatedAt.toISOString(),
      };
    });
  }

  /** Applications to jobs of the caller's county, newest first; one job's with `jobId`. */
  async list(auth: AuthContext, query: StaffApplicationListQuery): Promise<StaffApplicationList> {
    const after = query.cursor === undefined ? undefined : decodeKeyset(query.cursor);
    if (query.cursor !== undefined && after === undefined) throw new ValidationError({ cursor: 'validation.cursor' });
    const filter: Record<string, unknown> = {};
    let hint: Record<string, 1 | -1> | null = null;
    if (query.jobId) {
      const job = await findJobById(query.jobId);
      if (!job || !inScope(auth, job.regionCode)) throw new NotFoundError('error.jobNotFound');
      filter.jobId = job._id;
      hint = { jobId: 1, status: 1, createdAt: -1 };
    } else if (auth.role !== 'admin' && auth.regionScope) {
      filter.regionCode = regionRange(auth.regionScope);
      hint = { regionCode: 1, createdAt: -1, _id: -1 };
    }
    if (query.status) filter.status = query.status;
    if (after) filter.$and = [{ createdAt: { $lte: after.at } }, afterDesc('createdAt', after)];
    let q = JobApplicationModel.find(filter).sort({ createdAt: -1, _id: -1 });
    if (hint) q = q.hint(hint);
    const rows = await q.limit(query.limit + 1).lean<ApplicationRecord[]>().exec();
    const page = rows.slice(0, query.limit);
    const jobs = new Map((await findJobsByIds(page.map((a) => a.jobId))).map((j) => [j._id.toHexString(), j]));
    const last = page[page.length - 1];
    return { items: await this.view(page, jobs), nextCursor: rows.length > query.limit && last ? encodeKeyset(last.createdAt, last._id) : null };
  }

  /** The application and its job when the job is in the caller's region (else 404, as if it did not exist). */
  private async loadInScope(auth: AuthContext, id: string): Promise<{ current: ApplicationRecord; job: JobRecord }> {
    const current = Types.ObjectId.isValid(id) ? await JobApplicationModel.findById(id).lean<ApplicationRecord>().exec() : null;
    const job = current ? await findJobById(current.jobId.toHexString()) : null;
    if (!current || !job || !inScope(auth, job.regionCode)) throw new NotFoundError('error.applicationNotFound');
    return { current, job };
  }

  /** The applicant's full phone, for a call: a reason is required and the reveal is audited. */
  async revealPhone(auth: AuthContext, id: string, reason: string): Promise<{ phone: string }> {
    const { current, job } = await this.loadInScope(auth, id);
    const login = Types.ObjectId.isValid(current.applicantId) ? await WorkerLogin.findById(current.applicantId, { phoneEnc: 1 }).lean().exec() : null;
    if (!login?.phoneEnc) throw new NotFoundError('error.applicantNoPhone');
    await this.deps.audit.record(auth, { action: 'reveal', targetType: 'application', targetId: id, regionCode: job.regionCode, reason, detail: `${referenceOf('GW', id)} applicantPhone` });
    return { phone: this.deps.crypto.decrypt('phone', login.phoneEnc) };
  }

  /** One allowed move; repeating the move the application already made answers it unchanged. */
  async move(auth: AuthContext, id: string, input: ApplicationMove): Promise<StaffApplication> {
    const _id = new Types.ObjectId(id);
    const { current, job } = await this.loadInScope(auth, id);
    const jobs = new Map([[job._id.toHexString(), job]]);
    if (current.status === input.to) return (await this.view([current], jobs))[0] as StaffApplication;
    if (!canMoveApplication(current.status, input.to, 'staff')) throw new ConflictError('error.applicationTransition');
    const now = this.deps.clock();
    const moved = await JobApplicationModel.findOneAndUpdate(
      { _id, status: { $in: applicationSourcesOf(input.to, 'staff') } },
      { $set: { status: input.to }, $push: { history: { status: input.to, at: now } } },
      { returnDocument: 'after' },
    )
      .lean<ApplicationRecord>()
      .exec();
    if (!moved) {
      // Someone moved it meanwhile: the same move answers as done, another is a conflict.
      const fresh = await JobApplicationModel.findById(_id).lean<ApplicationRecord>().exec();
      if (fresh?.status === input.to) return (await this.view([fresh], jobs))[0] as StaffApplication;
      throw new ConflictError('error.applicationTransition');
    }
    await this.deps.audit.record(auth, {
      action: 'update',
      targetType: 'application',
      targetId: id,
      regionCode: job.regionCode,
      reason: input.note ?? null,
      detail: `${current.status}→${input.to}`,
    });
    await this.deps.notify(moved.applicantId, {
      refId: id,
      reference: referenceOf('GW', id),
      text: statusText('application', job.title, input.to),
      page: 'pages/applications/index',
    });
    return (await this.view([moved], jobs))[0] as StaffApplication;
  }
}
