/**
 * Applying one upstream job, course or employment record (pulled or from a file) to the app
 * (employment records go to the job history: upstream-employment.ts):
 * - upsert by upstream id, only when its version is newer than the one stored (the feed may
 *   repeat or reorder changes);
 * - withdrawn, filled, expired or cancelled records close the posting (it leaves the app);
 * - anything malformed is set aside in pes_rejects with the reason, and the caller goes on.
 */
import { createHash } from 'node:crypto';
import { regionCodePath } from '@zhuanyi/shared';
import { Error as MongooseError, type QueryFilter, type UpdateQuery } from 'mongoose';
import { isDuplicateKeyError } from '../../http/error-handler';
import { Course, type CourseRecord } from '../../modules/courses/course.model';
import { Employer, type EmployerRecord } from '../../modules/jobs/employer.model';
import { Job, jobDerivedFields, type JobRecord } from '../../modules/jobs/job.model';
import { regionFullName } from '../../modules/regions/regions.service';
import { describeZodError, PES_GONE_STATUSES, PesCourseSchema, PesEmploymentSchema, PesJobSchema, PesRecordHeadSchema, type PesCourse, type PesJob, type PesRecordKind } from './pes.contract';
import { PesReject } from './pes.models';
import { EmploymentRecordRefused, withoutIdNumber, type PesEmploymentApplier } from './upstream-employment';

export type ApplyOutcome = 'created' | 'updated' | 'removed' | 'stale' | 'rejected';
export type RecordSource = 'pull' | 'file';

/** What applying needs beyond the database: employment records are matched to people. */
export interface UpstreamContext {
  employment?: PesEmploymentApplier;
}

/** Thrown inside apply for content the app cannot take; becomes a reject row. */
class Malformed extends Error {}

function fingerprint(kind: PesRecordKind, raw: unknown): string {
  return createHash('sha256').update(`${kind}\n${JSON.stringify(raw) ?? 'undefined'}`).digest('hex');
}

/** Sets the record aside with its reason (once per distinct record; repeats count up). */
export async function setAside(kind: PesRecordKind, source: RecordSource, received: unknown, reason: string, at: Date): Promise<void> {
  // A set-aside employment record keeps the ID number masked.
  const raw = kind === 'employment' ? withoutIdNumber(received) : received;
  const head = PesRecordHeadSchema.partial().safeParse(raw);
  const text = JSON.stringify(raw) ?? String(raw);
  await PesReject.updateOne(
    { fingerprint: fingerprint(kind, raw) },
    {
      $setOnInsert: {
        kind,
        source,
        upstreamId: head.success ? (head.data.id ?? null) : null,
        version: head.success ? (head.data.version ?? null) : null,
        record: text.length > 8192 ? `${text.slice(0, 8192)}…` : text,
        firstSeenAt: at,
      },
      $set: { reason: reason.slice(0, 1000), lastSeenAt: at },
      $inc: { count: 1 },
    },
    { upsert: true },
  ).exec();
}

function regionOf(code: string): { regionName: string; regionPath: string[] } {
  const name = regionFullName(code);
  if (!name) throw new Malformed(`regionCode: ${code} is not a known region`);
  return { regionName: name, regionPath: regionCodePath(code) };
}

/** The employer of an upstream job: found by credit code or name, else created (vetted by the PES). */
async function employerFor(job: PesJob): Promise<EmployerRecord> {
  const e = job.employer;
  const find = async () =>
    (e.creditCode ? await Employer.findOne({ creditCode: e.creditCode }).lean<EmployerRecord>().exec() : null) ??
    (await Employer.findOne({ name: e.name }).lean<EmployerRecord>().exec());
  const found = await find();
  if (found) return found;
  try {
    const created = await Employer.create({
      name: e.name,
      ...(e.creditCode ? { creditCode: e.creditCode } : {}),
      regionCode: e.regionCode ?? job.regionCode,
      industry: e.industry || job.trade,
      verified: true,
      contactName: job.contactName,
      contactPhone: job.contactPhone,
    });
    return created.toObject<EmployerRecord>();
  } catch (err: unknown) {
    if (!isDuplicateKeyError(err)) throw err;
    const again = await find();
    if (!again) throw new Malformed('employer: the name or credit code belongs to another employer');
    return again;
  }
}

type Filter = Record<string, unknown>;
type UpdateOne = (filter: Filter, update: Filter, options: { upsert?: boolean; runValidators?: boolean }) => Promise<{ upsertedCount: number; modifiedCount: number }>;
type PostingKind = Exclude<PesRecordKind, 'employment'>;

/** updateOne of the model holding each kind of posting. */
const updateOneOf: Record<PostingKind, UpdateOne> = {
  job: (f, u, o) => Job.updateOne(f as QueryFilter<JobRecord>, u as UpdateQuery<JobRecord>, o).exec(),
  course: (f, u, o) => Course.updateOne(f as QueryFilter<CourseRecord>, u as UpdateQuery<CourseRecord>, o).exec(),
};

/** Updates only when the stored version is older; inserts when absent. */
async function upsertVersioned(
  kind: PostingKind,
  upstreamId: string,
  version: number,
  set: Record<string, unknown>,
): Promise<'created' | 'updated' | 'stale'> {
  const filter = { upstreamId, $or: [{ upstreamVersion: { $lt: version } }, { upstreamVersion: { $exists: false } }] };
  const update = { $set: { ...set, upstreamVersion: version } };
  try {
    const res = await updateOneOf[kind](filter, update, { upsert: true, runValidators: true });
    return res.upsertedCount > 0 ? 'created' : 'updated';
  } catch (err: unknown) {
    if (!isDuplicateKeyError(err)) throw err;
    // The record exists with this version or a newer one (or was inserted meanwhile): try once without insert.
    const res = await updateOneOf[kind](filter, update, { runValidators: true });
    return res.modifiedCount > 0 ? 'updated' : 'stale';
  }
}

async function applyJob(job: PesJob): Promise<'created' | 'updated' | 'stale'> {
  const region = regionOf(job.regionCode);
  const employer = await employerFor(job);
  const base = {
    title: job.title,
    trade: job.trade,
    employerId: employer._id,
    employerName: employer.name,
    employerVerified: employer.verified,
    regionCode: job.regionCode,
    ...region,
    payMinFen: job.payMinFen,
    payMaxFen: job.payMaxFen,
    mealsAndLodging: job.mealsAndLodging,
    transport: job.transport,
    publicWelfare: job.publicWelfare,
    openings: job.openings,
    deadline: job.deadline ?? null,
    status: 'open',
    description: job.description,
    requirements: job.requirements,
    benefits: job.benefits,
    workAddress: job.workAddress,
    ageMin: job.ageMin ?? null,
    ageMax: job.ageMax ?? null,
    contactName: job.contactName,
    contactPhone: job.contactPhone,
    workHours: job.workHours,
  };
  return upsertVersioned('job', job.id, job.version, { ...base, ...jobDerivedFields({ ...base }) });
}

async function applyCourse(c: PesCourse): Promise<'created' | 'updated' | 'stale'> {
  const region = regionOf(c.regionCode);
  return upsertVersioned('course', c.id, c.version, {
    title: c.title,
    trade: c.trade,
    provider: c.provider,
    regionCode: c.regionCode,
    ...region,
    mode: c.mode,
    classHours: c.classHours,
    // Subsidised training needs at least 56 class hours (as the Course model rules).
    subsidized: c.subsidized && c.classHours >= 56,
    seats: c.seats,
    startsAt: c.startsAt,
    endsAt: c.endsAt,
    signUpDeadline: c.signUpDeadline ?? c.startsAt,
    status: 'open',
    schedule: c.schedule,
    place: c.place ?? null,
    onlineUrl: c.onlineUrl ?? null,
    freeFor: c.freeFor,
    allowance: c.allowance ?? null,
    contactName: c.contactName,
    contactPhone: c.contactPhone,
    description: c.description,
  });
}

/** Closes the posting when this version is newer than the stored one. */
async function closeRecord(kind: PostingKind, upstreamId: string, version: number): Promise<'removed' | 'stale'> {
  const res = await updateOneOf[kind](
    { upstreamId, $or: [{ upstreamVersion: { $lt: version } }, { upstreamVersion: { $exists: false } }] },
    { $set: { status: 'closed', upstreamVersion: version } },
    {},
  );
  return res.modifiedCount > 0 ? 'removed' : 'stale';
}

/** A person's employment record: through the outcomes, as a confirmed outcome would be. */
async function applyEmployment(raw: unknown, reject: (reason: string) => Promise<'rejected'>, ctx: UpstreamContext): Promise<ApplyOutcome> {
  const parsed = PesEmploymentSchema.safeParse(raw);
  if (!parsed.success) return reject(describeZodError(parsed.error));
  if (!ctx.employment) throw new Error('PES employment records need the employment applier');
  try {
    return await ctx.employment.apply(parsed.data);
  } catch (err: unknown) {
    if (err instanceof EmploymentRecordRefused) return reject(err.message);
    throw err;
  }
}

/** Applies one raw record; never throws for bad content (it is set aside), only for database trouble. */
export async function applyUpstreamRecord(kind: PesRecordKind, raw: unknown, source: RecordSource, at: Date, ctx: UpstreamContext = {}): Promise<ApplyOutcome> {
  const reject = async (reason: string): Promise<'rejected'> => {
    await setAside(kind, source, raw, reason, at);
    return 'rejected';
  };
  const head = PesRecordHeadSchema.safeParse(raw);
  if (!head.success) return reject(describeZodError(head.error));
  if (kind === 'employment') return applyEmployment(raw, reject, ctx);
  const { id, version, status } = head.data;
  if ((PES_GONE_STATUSES as readonly string[]).includes(status)) return closeRecord(kind, id, version);
  if (status !== 'open') return reject(`status: ${status} is not one of open, ${PES_GONE_STATUSES.join(', ')}`);
  try {
    if (kind === 'job') {
      const parsed = PesJobSchema.safeParse(raw);
      if (!parsed.success) return await reject(describeZodError(parsed.error));
      return await applyJob(parsed.data);
    }
    const parsed = PesCourseSchema.safeParse(raw);
    if (!parsed.success) return await reject(describeZodError(parsed.error));
    return await applyCourse(parsed.data);
  } catch (err: unknown) {
    if (err instanceof Malformed) return reject(err.message);
    if (err instanceof MongooseError.ValidationError || err instanceof MongooseError.CastError) return reject(err.message);
    throw err;
  }
}
