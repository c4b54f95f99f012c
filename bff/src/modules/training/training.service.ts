/**
 * Free training: the catalog, signing up and cancelling. Seats are never oversold: a seat is
 * taken by one conditional update (`seatsTaken < seats`, $inc) and an enrollment holds it
 * (`holdsSeat`), so cancelling gives it back exactly once.
 */
import { Types, type QueryFilter } from 'mongoose';
import {
  enrollmentSourcesOf,
  type CourseDetail,
  type CourseListQuery,
  type CourseListResponse,
  type CourseSummary,
  type EnrollResult,
  type Enrollment,
  type EnrollmentListQuery,
  type EnrollmentListResponse,
} from '@zhuanyi/shared';
import type { AuthContext } from '../../http/auth';
import { isDuplicateKeyError } from '../../http/error-handler';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors';
import { afterAsc, afterDesc, decodeKeyset, encodeKeyset } from '../../db/cursor';
import type { Clock } from '../../security/clock';
import { Course, type CourseRecord } from '../courses/course.model';
import { EnrollmentModel, type EnrollmentRecord } from './enrollment.model';

type Learner = Pick<AuthContext, 'subjectId' | 'workerId'>;
type CourseDoc = CourseRecord & { seatsTaken?: number | null };

const SHANGHAI_MS = 8 * 3_600_000;
/** A Shanghai date (YYYY-MM-DD) → its first instant in UTC; `end` → its last. */
function shanghaiDay(date: string, end: boolean): Date {
  const start = Date.parse(`${date}T00:00:00Z`) - SHANGHAI_MS;
  return new Date(end ? start + 86_400_000 - 1 : start);
}

/** When sign-ups close: the deadline, or the start when there is none. */
const deadlineOf = (c: CourseDoc) => c.signUpDeadline ?? c.startsAt;

export function toCourseSummary(c: CourseDoc, now: Date): CourseSummary {
  const taken = c.seatsTaken ?? 0;
  return {
    id: c._id.toHexString(),
    title: c.title,
    trade: c.trade,
    provider: c.provider,
    regionCode: c.regionCode,
    regionName: c.regionName,
    mode: c.mode,
    classHours: c.classHours,
    subsidized: c.subsidized && c.classHours >= 56,
    seats: c.seats,
    seatsLeft: Math.max(0, c.seats - taken),
    startsAt: c.startsAt.toISOString(),
    endsAt: c.endsAt.toISOString(),
    schedule: c.schedule ?? '',
    place: c.place ?? null,
    freeFor: (c.freeFor ?? []) as CourseSummary['freeFor'],
    allowance: c.allowance
      ? { livingFenPerDay: c.allowance.livingFenPerDay, transportFen: c.allowance.transportFen, forAudiences: c.allowance.forAudiences as CourseSummary['freeFor'] }
      : null,
    signUpDeadline: deadlineOf(c).toISOString(),
    signUpOpen: c.status === 'open' && deadlineOf(c) >= now && taken < c.seats,
  };
}

function toEnrollment(e: EnrollmentRecord, course: CourseDoc | null, now: Date): Enrollment {
  return {
    id: e._id.toHexString(),
    courseId: e.courseId.toHexString(),
    status: e.status,
    history: e.history.map((h) => ({ status: h.status, at: h.at.toISOString() })),
    course: course ? toCourseSummary(course, now) : null,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

const courseNotFound = () => new NotFoundError('error.courseNotFound');

export class TrainingService {
  constructor(private readonly clock: Clock) {}

  async list(query: CourseListQuery): Promise<CourseListResponse> {
    const after = query.cursor === undefined ? undefined : decodeKeyset(query.cursor);
    if (query.cursor !== undefined && after === undefined) throw new ValidationError({ cursor: 'validation.cursor' });
    const now = this.clock();
    const q: Record<string, unknown> = { status: 'open' };
    // Courses whose sign-up has closed are not offered.
    const and: Record<string, unknown>[] = [{ $or: [{ signUpDeadline: null }, { signUpDeadline: { $gte: now } }] }];
    let hint: Record<string, 1> = { status: 1, startsAt: 1, _id: 1 };
    if (query.trade) {
      q.trade = query.trade;
      hint = { trade: 1, status: 1, startsAt: 1, _id: 1 };
    } else if (query.provider) hint = { provider: 1, status: 1, startsAt: 1, _id: 1 };
    if (query.provider) q.provider = query.provider;
    if (query.regionCode) q.regionPath = query.regionCode;
    if (query.mode) q.mode = query.mode;
    if (query.minClassHours) q.classHours = { $gte: query.minClassHours };
    if (query.subsidized !== undefined) and.push(query.subsidized ? { subsidized: true, classHours: { $gte: 56 } } : { $or: [{ subsidized: false }, { classHours: { $lt: 56 } }] });
    const starts: Record<string, Date> = {};
    if (query.startsFrom) starts.$gte = shanghaiDay(query.startsFrom, false);
    if (query.startsTo) starts.$lte = shanghaiDay(query.startsTo, true);
    if (Object.keys(starts).length > 0) q.startsAt = starts;
    if (query.hasSeats) and.push({ $expr: { $lt: ['$seatsTaken', '$seats'] } });
    if (query.freeFor) q.freeFor = query.freeFor;
    if (query.withAllowance) q.allowance = { $ne: null };
    if (after) and.push(afterAsc('startsAt', after));
    if (and.length > 0) q.$and = and;
    const rows = await Course.find(q as QueryFilter<CourseRecord>)
      .sort({ startsAt: 1, _id: 1 })
      .hint(hint)
      .limit(query.limit + 1)
      .lean<CourseDoc[]>()
      .exec();
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return { items: page.map((c) => toCourseSummary(c, now)), nextCursor: rows.length > query.limit && last ? encodeKeyset(last.startsAt, last._id) : null };
  }

  async get(id: string): Promise<CourseDetail> {
    const c = await Course.findById(id).lean<CourseDoc>().exec();
    if (!c) throw courseNotFound();
    return { ...toCourseSummary(c, this.clock()), description: c.description, onlineUrl: c.onlineUrl ?? null, contactName: c.contactName ?? '', contactPhone: c.contactPhone ?? '' };
  }

  /** Takes one seat if one is left; false when full. */
  private async takeSeat(courseId: Types.ObjectId, now: Date): Promise<boolean> {
    const r = await Course.updateOne(
      { _id: courseId, status: 'open', $expr: { $lt: ['$seatsTaken', '$seats'] }, $or: [{ signUpDeadline: null }, { signUpDeadline: { $gte: now } }] },
      { $inc: { seatsTaken: 1 } },
    ).exec();
    return r.modifiedCount === 1;
  }

  private async giveSeatBack(courseId: Types.ObjectId): Promise<void> {
    await Course.updateOne({ _id: courseId, seatsTaken: { $gt: 0 } }, { $inc: { seatsTaken: -1 } }).exec();
  }

  /** Signs up once per course: a retry answers the same enrollment; a full course is 409. */
  async signUp(who: Learner, courseId: string): Promise<EnrollResult> {
    const now = this.clock();
    const course = await Course.findById(courseId).lean<CourseDoc>().exec();
    if (!course || course.status !== 'open') throw courseNotFound();
    const key = { workerLoginId: who.subjectId, courseId: course._id };
    const existing = await EnrollmentModel.findOne(key).lean<EnrollmentRecord>().exec();
    if (existing && existing.status !== 'cancelled') return { enrollment: toEnrollment(existing, course, now), created: false };
    if ((course.signUpDeadline ?? course.startsAt) < now) throw new ConflictError('error.courseSignUpClosed');

    if (!(await this.takeSeat(course._id, now))) {
      // Full, unless a concurrent request of this same worker took the last seat: answer theirs.
      const theirs = await EnrollmentModel.findOne({ ...key, status: { $ne: 'cancelled' } }).lean<EnrollmentRecord>().exec();
      if (theirs) return { enrollment: toEnrollment(theirs, await this.freshCourse(course._id), now), created: false };
      throw new ConflictError('error.courseFull');
    }
    let made: EnrollmentRecord | null = null;
    try {
      if (existing) {
        made = await EnrollmentModel.findOneAndUpdate(
          { _id: existing._id, status: { $in: enrollmentSourcesOf('applied', 'worker') }, holdsSeat: false },
          { $set: { status: 'applied', holdsSeat: true, regionCode: course.regionCode }, $push: { history: { status: 'applied', at: now } } },
          { returnDocument: 'after' },
        )
          .lean<EnrollmentRecord>()
          .exec();
      } else {
        const doc = await EnrollmentModel.create({ ...key, workerId: who.workerId ?? null, regionCode: course.regionCode, status: 'applied', holdsSeat: true, history: [{ status: 'applied', at: now }] });
        made = doc.toObject<EnrollmentRecord>();
      }
    } catch (err: unknown) {
      if (!isDuplicateKeyError(err)) {
        await this.giveSeatBack(course._id);
        throw err;
      }
    }
    if (!made) {
      // A concurrent request of the same worker won: give this seat back, answer theirs.
      await this.giveSeatBack(course._id);
      const theirs = await EnrollmentModel.findOne(key).lean<EnrollmentRecord>().exec();
      if (!theirs) throw new ConflictError();
      return { enrollment: toEnrollment(theirs, await this.freshCourse(course._id), now), created: false };
    }
    return { enrollment: toEnrollment(made, await this.freshCourse(course._id), now), created: true };
  }

  private freshCourse(id: Types.ObjectId): Promise<CourseDoc | null> {
    return Course.findById(id).lean<CourseDoc>().exec();
  }

  /** Cancels before training starts; the seat is given back exactly once. */
  async cancel(who: Learner, enrollmentId: string): Promise<Enrollment> {
    const now = this.clock();
    const _id = new Types.ObjectId(enrollmentId);
    const cancelled = await EnrollmentModel.findOneAndUpdate(
      { _id, workerLoginId: who.subjectId, status: { $in: enrollmentSourcesOf('cancelled', 'worker') } },
      { $set: { status: 'cancelled', holdsSeat: false }, $push: { history: { status: 'cancelled', at: now } } },
      { returnDocument: 'before' },
    )
      .lean<EnrollmentRecord>()
      .exec();
    if (cancelled?.holdsSeat) await this.giveSeatBack(cancelled.courseId);
    const current = await EnrollmentModel.findOne({ _id, workerLoginId: who.subjectId }).lean<EnrollmentRecord>().exec();
    if (!current) throw new NotFoundError('error.enrollmentNotFound');
    if (current.status !== 'cancelled') throw new ConflictError('error.cannotCancelEnrollment');
    return toEnrollment(current, await this.freshCourse(current.courseId), now);
  }

  async listMine(who: Learner, query: EnrollmentListQuery): Promise<EnrollmentListResponse> {
    const now = this.clock();
    const after = query.cursor === undefined ? undefined : decodeKeyset(query.cursor);
    if (query.cursor !== undefined && after === undefined) throw new ValidationError({ cursor: 'validation.cursor' });
    const filter: Record<string, unknown> = { workerLoginId: who.subjectId };
    if (query.status) filter.status = query.status;
    if (after) filter.$and = [{ createdAt: { $lte: after.at } }, afterDesc('createdAt', after)];
    const rows = await EnrollmentModel.find(filter)
      .sort({ createdAt: -1, _id: -1 })
      .hint({ workerLoginId: 1, createdAt: -1, _id: -1 })
      .limit(query.limit + 1)
      .lean<EnrollmentRecord[]>()
      .exec();
    const page = rows.slice(0, query.limit);
    const courses = new Map(
      (await Course.find({ _id: { $in: page.map((e) => e.courseId) } }).lean<CourseDoc[]>().exec()).map((c) => [c._id.toHexString(), c]),
    );
    const last = page[page.length - 1];
    return {
      items: page.map((e) => toEnrollment(e, courses.get(e.courseId.toHexString()) ?? null, now)),
      nextCursor: rows.length > query.limit && last ? encodeKeyset(last.createdAt, last._id) : null,
    };
  }
}
