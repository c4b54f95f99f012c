/**
 * Staff move course sign-ups forward (已确认 → 培训中 → 已结业 / 未通过) for courses in their
 * county: the shared state machine decides, each move is one conditional update, audited, and
 * the worker is told; a completed course may earn a training allowance. Sign-ups outside the
 * caller's county read as 404.
 */
import { Types } from 'mongoose';
import {
  canMoveEnrollment,
  enrollmentSourcesOf,
  type EnrollmentMove,
  type StaffEnrollment,
  type StaffEnrollmentList,
  type StaffEnrollmentListQuery,
} from '@zhuanyi/shared';
import type { AuthContext } from '../../http/auth';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors';
import { afterDesc, decodeKeyset, encodeKeyset } from '../../db/cursor';
import { peopleOf, type ProgressDeps } from '../applications/application-progress.service';
import { referenceOf, statusText } from '../applications/worker-notice';
import { Course, type CourseRecord } from '../courses/course.model';
import { inScope, regionRange } from '../staff/scope';
import { EnrollmentModel, type EnrollmentRecord } from './enrollment.model';

/** What follows a completed course (the training allowance in the subsidy ledger). */
export type OnCourseCompleted = (enrollment: EnrollmentRecord, course: CourseRecord) => Promise<unknown>;

export class EnrollmentProgressService {
  constructor(
    private readonly deps: ProgressDeps,
    private readonly onCompleted?: OnCourseCompleted,
  ) {}

  private async view(rows: EnrollmentRecord[], courses: Map<string, CourseRecord>): Promise<StaffEnrollment[]> {
    const who = await peopleOf(this.deps.crypto, rows.map((e) => ({ loginId: e.workerLoginId, workerId: e.workerId })));
    return rows.map((e) => {
      const course = courses.get(e.courseId.toHexString());
      const person = who(e.workerLoginId, e.workerId);
      return {
        id: e._id.toHexString(),
        status: e.status,
        history: e.history.map((h) => ({ status: h.status, at: h.at.toISOString() })),
        courseId: e.courseId.toHexString(),
        courseTitle: course?.title ?? '',
        regionCode: course?.regionCode ?? e.regionCode ?? '',
        learnerName: person.name,
        learnerPhoneMasked: person.phone,
        createdAt: e.createdAt.toISOString(),
        updatedAt: e.updatedAt.toISOString(),
      };
    });
  }

  /** Sign-ups for courses of the caller's county, newest first; one course's with `courseId`. */
  async list(auth: AuthContext, query: StaffEnrollmentListQuery): Promise<StaffEnrollmentList> {
    const after = query.cursor === undefined ? undefined : decodeKeyset(query.cursor);
    if (query.cursor !== undefined && after === undefined) throw new ValidationError({ cursor: 'validation.cursor' });
    const filter: Record<string, unknown> = {};
    let hint: Record<string, 1 | -1> | null = null;
    if (query.courseId) {
      const course = await Course.findById(query.courseId).lean<CourseRecord>().exec();
      if (!course || !inScope(auth, course.regionCode)) throw new NotFoundError('error.courseNotFound');
      filter.courseId = course._id;
      hint = { courseId: 1, createdAt: -1, _id: -1 };
    } else if (auth.role !== 'admin' && auth.regionScope) {
      filter.regionCode = regionRange(auth.regionScope);
      hint = { regionCode: 1, createdAt: -1, _id: -1 };
    }
    if (query.status) filter.status = query.status;
    if (after) filter.$and = [{ createdAt: { $lte: after.at } }, afterDesc('createdAt', after)];
    let q = EnrollmentModel.find(filter).sort({ createdAt: -1, _id: -1 });
    if (hint) q = q.hint(hint);
    const rows = await q.limit(query.limit + 1).lean<EnrollmentRecord[]>().exec();
    const page = rows.slice(0, query.limit);
    const courses = new Map(
      (await Course.find({ _id: { $in: page.map((e) => e.courseId) } }).lean<CourseRecord[]>().exec()).map((c) => [c._id.toHexString(), c]),
    );
    const last = page[page.length - 1];
    return { items: await this.view(page, courses), nextCursor: rows.length > query.limit && last ? encodeKeyset(last.createdAt, last._id) : null };
  }

  /** One allowed move; repeating the move the sign-up already made answers it unchanged. */
  async move(auth: AuthContext, id: string, input: EnrollmentMove): Promise<StaffEnrollment> {
    const _id = new Types.ObjectId(id);
    const current = await EnrollmentModel.findById(_id).lean<EnrollmentRecord>().exec();
    const course = current ? await Course.findById(current.courseId).lean<CourseRecord>().exec() : null;
    if (!current || !course || !inScope(auth, course.regionCode)) throw new NotFoundError('error.enrollmentNotFound');
    const courses = new Map([[course._id.toHexString(), course]]);
    const one = async (e: EnrollmentRecord) => (await this.view([e], courses))[0] as StaffEnrollment;
    if (current.status === input.to) {
      // A repeated 结业 also brings the ledger up to date (a no-op when it already is).
      if (current.status === 'completed') await this.onCompleted?.(current, course);
      return one(current);
    }
    if (!canMoveEnrollment(current.status, input.to, 'staff')) throw new ConflictError('error.enrollmentTransition');
    const now = this.deps.clock();
    const moved = await EnrollmentModel.findOneAndUpdate(
      { _id, status: { $in: enrollmentSourcesOf(input.to, 'staff') } },
      { $set: { status: input.to }, $push: { history: { status: input.to, at: now } } },
      { returnDocument: 'after' },
    )
      .lean<EnrollmentRecord>()
      .exec();
    if (!moved) {
      const fresh = await EnrollmentModel.findById(_id).lean<EnrollmentRecord>().exec();
      if (fresh?.status === input.to) return one(fresh);
      throw new ConflictError('error.enrollmentTransition');
    }
    await this.deps.audit.record(auth, {
      action: 'update',
      targetType: 'enrollment',
      targetId: id,
      regionCode: course.regionCode,
      reason: input.note ?? null,
      detail: `${current.status}→${input.to}`,
    });
    if (moved.status === 'completed') await this.onCompleted?.(moved, course);
    await this.deps.notify(moved.workerLoginId, {
      refId: id,
      reference: referenceOf('PX', id),
      text: statusText('enrollment', course.title, input.to),
      page: 'pages/enrollments/index',
    });
    return one(moved);
  }
}
