/**
 * Staff publishing: employers (credit code checked, verified flag), job postings and training
 * courses (create, edit, close), recording training results, and pushing a job to the people it
 * fits (each push is a one-to-one service: 岗位推荐).
 */
import { Schema, Types, model } from 'mongoose';
import { enrollmentSourcesOf, isValidCreditCode, regionCodePath, t, type Mobility, type ServiceKind } from '@zhuanyi/shared';
import type { z } from 'zod';
import type {
  EmployerInputSchema,
  EmployerPatchSchema,
  StaffCourseInputSchema,
  StaffCoursePatchSchema,
  StaffJobInputSchema,
  StaffJobPatchSchema,
} from '@zhuanyi/shared';
import type { AuthContext } from '../../http/auth';
import { AppError, NotFoundError, ValidationError } from '../../http/errors';
import { isDuplicateKeyError } from '../../http/error-handler';
import type { Clock } from '../../security/clock';
import type { AuditService } from '../audit/audit.service';
import { Course, type CourseRecord } from '../courses/course.model';
import { Employer, type EmployerRecord } from '../jobs/employer.model';
import { Job, jobDerivedFields, type JobRecord } from '../jobs/job.model';
import { regionFullName } from '../regions/regions.service';
import { EnrollmentModel } from '../training/enrollment.model';
import { Worker, type WorkerRecord } from '../workers/worker.model';
import type { RegistryService } from './registry.service';
import { queueCaseNotice } from '../../integrations/notify/notifier';
import type { CaseNoticeSender } from '../complaints/case-notices';
import { PUSH_SUBJECT_PREFIX } from '../job-alerts/job-notice-recipient';
import { inScope, regionFor } from './scope';
import { householdFilter } from '../watch/watch.service';

/** Staff-side facts about a course the catalog does not keep (订单式培训). */
const courseMetaSchema = new Schema({ _id: { type: Schema.Types.ObjectId, required: true }, orderBased: { type: Boolean, default: false } }, { collection: 'course_meta', versionKey: false });
export const CourseMeta = model('CourseMeta', courseMetaSchema);

type EmployerInput = z.output<typeof EmployerInputSchema>;
type EmployerPatch = z.output<typeof EmployerPatchSchema>;
type JobInput = z.output<typeof StaffJobInputSchema>;
type JobPatch = z.output<typeof StaffJobPatchSchema>;
type CourseInput = z.output<typeof StaffCourseInputSchema>;
type CoursePatch = z.output<typeof StaffCoursePatchSchema>;

const iso = (d: Date) => d.toISOString();

export class PublishingService {
  constructor(
    private readonly deps: {
      clock: Clock;
      audit: AuditService;
      registry: RegistryService;
      /** Delivers queued notices (the job push queues one per person). */
      notices?: Pick<CaseNoticeSender, 'wake'>;
      /** A job was published (job alerts look for matches). */
      onJobPublished?: () => void;
    },
  ) {}

  private employerView(e: EmployerRecord) {
    return {
      id: e._id.toHexString(),
      name: e.name,
      creditCode: e.creditCode ?? null,
      regionCode: e.regionCode,
      industry: e.industry,
      verified: e.verified,
      contactName: e.contactName,
      contactPhone: e.contactPhone,
    };
  }

  private checkCredit(code: string | undefined): void {
    if (code !== undefined && code !== '' && !isValidCreditCode(code)) throw new ValidationError({ creditCode: 'validation.creditCode' }, 'validation.creditCode');
  }

  async listEmployers(auth: AuthContext) {
    const region = auth.regionScope;
    const filter = region ? { regionCode: { $gte: region, $lte: region + '9'.repeat(12 - region.length) } } : {};
    const rows = await Employer.find(filter).sort({ name: 1 }).limit(500).lean<EmployerRecord[]>().exec();
    return { items: rows.map((e) => this.employerView(e)) };
  }

  async createEmployer(auth: AuthContext, input: EmployerInput) {
    this.checkCredit(input.creditCode);
    if (!inScope(auth, input.regionCode)) throw new NotFoundError('error.outOfScope');
    try {
      const e = await Employer.create({ ...input, creditCode: input.creditCode || undefined });
      await this.deps.audit.record(auth, { action: 'create', targetType: 'employer', targetId: e._id.toHexString(), regionCode: input.regionCode, detail: input.name });
      return this.employerView(e.toObject<EmployerRecord>());
    } catch (err: unknown) {
      if (isDuplicateKeyError(err)) throw new AppError('DUPLICATE');
      throw err;
    }
  }

  async updateEmployer(auth: AuthContext, id: string, patch: EmployerPatch) {
    this.checkCredit(patch.creditCode);
    const e = await Employer.findById(id).lean<EmployerRecord>().exec();
    if (!e || !inScope(auth, e.regionCode)) throw new NotFoundError('error.employerNotFound');
    const updated = await Employer.findOneAndUpdate({ _id: e._id }, { $set: patch }, { returnDocument: 'after', runValidators: true }).lean<EmployerRecord>().exec();
    if (patch.verified !== undefined || patch.name !== undefined) {
      await Job.updateMany({ employerId: e._id }, { $set: { employerVerified: updated?.verified ?? e.verified, employerName: updated?.name ?? e.name } });
    }
    await this.deps.audit.record(auth, { action: 'update', targetType: 'employer', targetId: id, regionCode: e.regionCode, detail: Object.keys(patch).join(',') });
    return this.employerView(updated ?? e);
  }

  private jobView(j: JobRecord) {
    return {
      id: j._id.toHexString(),
      title: j.title,
      trade: j.trade,
      employerName: j.employerName,
      regionCode: j.regionCode,
      regionName: j.regionName,
      payMinFen: j.payMinFen,
      payMaxFen: j.payMaxFen,
      openings: j.openings,
      status: j.status,
      createdAt: iso(j.createdAt),
    };
  }

  async listJobs(auth: AuthContext) {
    const filter = auth.regionScope ? { regionPath: auth.regionScope } : {};
    const rows = await Job.find(filter).sort({ createdAt: -1 }).limit(200).lean<JobRecord[]>().exec();
    return { items: rows.map((j) => this.jobView(j)) };
  }

  async createJob(auth: AuthContext, input: JobInput) {
    // Like updates (loadJob): staff publish in their region; jobs elsewhere are admins'.
    if (!inScope(auth, input.regionCode)) throw new NotFoundError('error.outOfScope');
    const employer = await Employer.findById(input.employerId).lean<EmployerRecord>().exec();
    // Another county's employer is not the staff member's to publish for (as if it did not exist).
    if (!employer || !inScope(auth, employer.regionCode)) throw new NotFoundError('error.employerNotFound');
    const { employerId: _ignored, ...fields } = input;
    void _ignored;
    const job = await Job.create({
      ...fields,
      regionName: regionFullName(input.regionCode) ?? input.regionCode,
      regionPath: regionCodePath(input.regionCode),
      employerId: employer._id,
      employerName: employer.name,
      employerVerified: employer.verified,
    });
    await this.deps.audit.record(auth, { action: 'create', targetType: 'job', targetId: job._id.toHexString(), regionCode: input.regionCode, detail: input.title });
    this.deps.onJobPublished?.();
    return this.jobView(job.toObject<JobRecord>());
  }

  private async loadJob(auth: AuthContext, id: string): Promise<JobRecord> {
    const j = Types.ObjectId.isValid(id) ? await Job.findById(id).lean<JobRecord>().exec() : null;
    // Staff manage jobs of their region; jobs elsewhere (outbound) are managed by admins.
    if (!j || (auth.role !== 'admin' && auth.regionScope && !j.regionPath.includes(auth.regionScope))) throw new NotFoundError('error.jobNotFound');
    return j;
  }

  async updateJob(auth: AuthContext, id: string, patch: JobPatch) {
    const j = await this.loadJob(auth, id);
    // findOneAndUpdate skips the model's validate hook, so the search grams follow the new title and description here.
    const derived = jobDerivedFields({ ...j, ...patch });
    const updated = await Job.findOneAndUpdate({ _id: j._id }, { $set: { ...patch, ...derived } }, { returnDocument: 'after', runValidators: true }).lean<JobRecord>().exec();
    await this.deps.audit.record(auth, { action: 'update', targetType: 'job', targetId: id, regionCode: j.regionCode, detail: Object.keys(patch).join(',') });
    return this.jobView(updated ?? j);
  }

  async closeJob(auth: AuthContext, id: string) {
    const j = await this.loadJob(auth, id);
    const updated = await Job.findOneAndUpdate({ _id: j._id }, { $set: { status: 'closed' } }, { returnDocument: 'after' }).lean<JobRecord>().exec();
    await this.deps.audit.record(auth, { action: 'update', targetType: 'job', targetId: id, regionCode: j.regionCode, detail: 'closed' });
    return this.jobView(updated ?? j);
  }

  /**
   * Pushes a job to the people in the caller's region it fits: wants a job, the trade among their
   * intentions or skills, mobility that allows the distance. Each push is recorded once per person.
   */
  async pushJob(auth: AuthContext, id: string, req: { regionCode?: string; limit: number }) {
    const j = await Job.findById(id).lean<JobRecord>().exec();
    if (!j || j.status !== 'open') throw new NotFoundError('error.jobNotFound');
    const region = regionFor(auth, req.regionCode);
    const local = j.regionPath.includes(region.slice(0, 6));
    const mobility: Mobility[] = local ? ['can_travel_far', 'nearby_only'] : ['can_travel_far'];
    const candidates = await Worker.find({
      ...householdFilter(region),
      'jobIntention.wantsJob': true,
      mobility: { $in: mobility },
      $or: [{ 'jobIntention.trades': j.trade }, { 'skills.trade': j.trade }],
    })
      .limit(req.limit)
      .lean<WorkerRecord[]>()
      .exec();
    const kind: ServiceKind = 'job_recommendation';
    const pushed: string[] = [];
    const now = this.deps.clock();
    for (const w of candidates) {
      const serviceId = await this.deps.registry.recordService(auth, w, { kind, jobId: id, note: j.title });
      if (!serviceId) continue;
      pushed.push(w._id.toHexString());
      // A real notice, under the service record's id: the service level counts the push once it is delivered.
      await queueCaseNotice(
        { complaintId: serviceId, subjectId: `${PUSH_SUBJECT_PREFIX}${w._id.toHexString()}`, caseNumber: j.title, step: t('jobAlert.push', { title: j.title, employer: j.employerName }), page: `pages/job-detail/index?id=${id}`, template: 'job' },
        now,
      );
    }
    if (pushed.length > 0) this.deps.notices?.wake();
    await this.deps.audit.record(auth, { action: 'service', targetType: 'job', targetId: id, regionCode: region, detail: `pushed to ${pushed.length}` });
    return { pushed: pushed.length, workerIds: pushed };
  }

  private async courseView(c: CourseRecord) {
    const meta = await CourseMeta.findById(c._id).lean().exec();
    return {
      id: c._id.toHexString(),
      title: c.title,
      trade: c.trade,
      provider: c.provider,
      regionCode: c.regionCode,
      regionName: c.regionName,
      seats: c.seats,
      seatsTaken: c.seatsTaken,
      orderBased: meta?.orderBased ?? false,
      status: c.status,
      startsAt: iso(c.startsAt),
    };
  }

  async listCourses(auth: AuthContext) {
    const filter = auth.regionScope ? { regionPath: auth.regionScope } : {};
    const rows = await Course.find(filter).sort({ startsAt: -1 }).limit(200).lean<CourseRecord[]>().exec();
    const items = [];
    for (const c of rows) items.push(await this.courseView(c));
    return { items };
  }

  async createCourse(auth: AuthContext, input: CourseInput) {
    if (!inScope(auth, input.regionCode)) throw new NotFoundError('error.outOfScope');
    const { orderBased, ...fields } = input;
    const c = await Course.create({
      ...fields,
      startsAt: new Date(input.startsAt),
      endsAt: new Date(input.endsAt),
      regionName: regionFullName(input.regionCode) ?? input.regionCode,
      regionPath: regionCodePath(input.regionCode),
    });
    await CourseMeta.updateOne({ _id: c._id }, { $set: { orderBased } }, { upsert: true });
    await this.deps.audit.record(auth, { action: 'create', targetType: 'course', targetId: c._id.toHexString(), regionCode: input.regionCode, detail: input.title });
    return this.courseView(c.toObject<CourseRecord>());
  }

  private async loadCourse(auth: AuthContext, id: string): Promise<CourseRecord> {
    const c = Types.ObjectId.isValid(id) ? await Course.findById(id).lean<CourseRecord>().exec() : null;
    if (!c || !inScope(auth, c.regionCode)) throw new NotFoundError('error.courseNotFound');
    return c;
  }

  async updateCourse(auth: AuthContext, id: string, patch: CoursePatch) {
    const c = await this.loadCourse(auth, id);
    const { orderBased, ...fields } = patch;
    if (Object.keys(fields).length) await Course.updateOne({ _id: c._id }, { $set: fields }, { runValidators: true });
    if (orderBased !== undefined) await CourseMeta.updateOne({ _id: c._id }, { $set: { orderBased } }, { upsert: true });
    await this.deps.audit.record(auth, { action: 'update', targetType: 'course', targetId: id, regionCode: c.regionCode, detail: Object.keys(patch).join(',') });
    return this.courseView((await Course.findById(id).lean<CourseRecord>().exec()) ?? c);
  }

  async closeCourse(auth: AuthContext, id: string) {
    const c = await this.loadCourse(auth, id);
    await Course.updateOne({ _id: c._id }, { $set: { status: 'closed' } });
    await this.deps.audit.record(auth, { action: 'update', targetType: 'course', targetId: id, regionCode: c.regionCode, detail: 'closed' });
    return this.courseView({ ...c, status: 'closed' });
  }

  /** 结业考核: completed (passed) or failed, for the report's pass rate. */
  async recordResult(auth: AuthContext, courseId: string, enrollmentId: string, result: 'completed' | 'failed') {
    const c = await this.loadCourse(auth, courseId);
    const now = this.deps.clock();
    // Only a sign-up in training gets a result (shared state machine); recording the same result again answers as done.
    const _id = new Types.ObjectId(enrollmentId);
    const e = await EnrollmentModel.findOneAndUpdate(
      { _id, courseId: c._id, status: { $in: enrollmentSourcesOf(result, 'staff') } },
      { $set: { status: result }, $push: { history: { status: result, at: now } } },
      { returnDocument: 'after' },
    )
      .lean()
      .exec();
    if (!e) {
      const current = await EnrollmentModel.findOne({ _id, courseId: c._id }).lean().exec();
      if (!current) throw new NotFoundError('error.enrollmentNotFound');
      if (current.status === result) return this.courseView(c);
      throw new AppError('CONFLICT', { messageKey: 'error.enrollmentTransition' });
    }
    await this.deps.audit.record(auth, { action: 'update', targetType: 'enrollment', targetId: enrollmentId, regionCode: c.regionCode, detail: result });
    return this.courseView(c);
  }
}
