import { z } from 'zod';
import { ObjectIdSchema, TimestampSchema, sealedText } from './common.schema';

export const CourseModeSchema = z.enum(['offline', 'online', 'mixed']);
export type CourseMode = z.infer<typeof CourseModeSchema>;

/** Who a free course is for; `rural_labor` means every rural worker, the rest are key groups (重点群体). */
export const CourseAudienceSchema = z.enum([
  'rural_labor',
  'poverty_relieved',
  'at_risk_of_poverty',
  'relocated',
  'rural_low_income',
  'veteran',
  'disabled',
  'school_leaver',
  'zero_employment_family',
  'women',
]);
export type CourseAudience = z.infer<typeof CourseAudienceSchema>;

/** Living and transport allowance paid while training, for the listed key groups (e.g. poor laborers). */
export const CourseAllowanceSchema = z.object({
  livingFenPerDay: z.number().int().nonnegative(),
  transportFen: z.number().int().nonnegative(),
  forAudiences: z.array(CourseAudienceSchema),
});
export type CourseAllowance = z.infer<typeof CourseAllowanceSchema>;

/** A free training course (菜单式免费技能培训). */
export const CourseSummarySchema = z
  .object({
    id: z.string(),
    title: z.string(),
    trade: z.string(),
    provider: z.string(),
    regionCode: z.string(),
    regionName: z.string(),
    mode: CourseModeSchema,
    classHours: z.number().int().positive(),
    /** A subsidised course has at least 56 class hours. */
    subsidized: z.boolean(),
    /** Capacity. */
    seats: z.number().int().nonnegative(),
    seatsLeft: z.number().int().nonnegative(),
    startsAt: TimestampSchema,
    endsAt: TimestampSchema,
    /** E.g. 周一至周五 9:00-17:00. */
    schedule: z.string(),
    /** Where an offline or mixed course meets; null for online courses. */
    place: z.string().nullable(),
    freeFor: z.array(CourseAudienceSchema),
    allowance: CourseAllowanceSchema.nullable(),
    /** Sign-ups close at this time (UTC). */
    signUpDeadline: TimestampSchema,
    /** True while a sign-up can be taken: open, before the deadline, with a seat left. */
    signUpOpen: z.boolean(),
  })
  .meta({ id: 'CourseSummary' });
export type CourseSummary = z.infer<typeof CourseSummarySchema>;

export const CourseDetailSchema = CourseSummarySchema.extend({
  description: z.string(),
  /** Link for online classes; null for offline. */
  onlineUrl: z.string().nullable(),
  contactName: z.string(),
  contactPhone: z.string(),
}).meta({ id: 'CourseDetail' });
export type CourseDetail = z.infer<typeof CourseDetailSchema>;

const boolParam = z.enum(['true', 'false']).transform((v) => v === 'true');
const dateParam = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'validation.date' });

export const CourseListQuerySchema = z.object({
  trade: z.string().trim().max(30).optional(),
  provider: z.string().trim().max(80).optional(),
  regionCode: z.string().regex(/^\d{2,12}$/, { message: 'validation.regionCode.format' }).optional(),
  mode: CourseModeSchema.optional(),
  minClassHours: z.coerce.number().int().min(1).max(2000).optional(),
  subsidized: boolParam.optional(),
  /** Courses starting on or after this Shanghai date. */
  startsFrom: dateParam.optional(),
  /** Courses starting on or before this Shanghai date. */
  startsTo: dateParam.optional(),
  /** Only courses with a seat left. */
  hasSeats: boolParam.optional(),
  freeFor: CourseAudienceSchema.optional(),
  /** Only courses paying a living/transport allowance. */
  withAllowance: boolParam.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type CourseListQuery = z.infer<typeof CourseListQuerySchema>;

export const CourseListResponseSchema = z
  .object({ items: z.array(CourseSummarySchema), nextCursor: z.string().nullable() })
  .meta({ id: 'CourseList' });
export type CourseListResponse = z.infer<typeof CourseListResponseSchema>;

export const CourseIdParamsSchema = z.object({ id: ObjectIdSchema });

/** 已报名 → 已确认 → 培训中 → 已结业 / 未通过; 已取消 when the worker cancels before training. */
export const EnrollmentStatusSchema = z.enum(['applied', 'confirmed', 'in_training', 'completed', 'failed', 'cancelled']);
export type EnrollmentStatus = z.infer<typeof EnrollmentStatusSchema>;

export const EnrollmentSchema = z
  .object({
    id: z.string(),
    courseId: z.string(),
    status: EnrollmentStatusSchema,
    history: z.array(z.object({ status: EnrollmentStatusSchema, at: TimestampSchema })),
    /** The course as it is now; null when it was removed since. */
    course: CourseSummarySchema.nullable(),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
  })
  .meta({ id: 'Enrollment' });
export type Enrollment = z.infer<typeof EnrollmentSchema>;

export const EnrollResultSchema = z
  .object({ enrollment: EnrollmentSchema, created: z.boolean() })
  .meta({ id: 'EnrollResult' });
export type EnrollResult = z.infer<typeof EnrollResultSchema>;

export const EnrollmentListQuerySchema = z.object({
  status: EnrollmentStatusSchema.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type EnrollmentListQuery = z.infer<typeof EnrollmentListQuerySchema>;

export const EnrollmentListResponseSchema = z
  .object({ items: z.array(EnrollmentSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'EnrollmentList' });
export type EnrollmentListResponse = z.infer<typeof EnrollmentListResponseSchema>;

export const EnrollmentIdParamsSchema = z.object({ id: ObjectIdSchema });

// ── Staff side: moving enrollments forward (rules in domain/progress-rules) ──
/** The moves staff make on an enrollment: confirm, start training, pass or fail. */
export const EnrollmentMoveSchema = z
  .object({ to: z.enum(['confirmed', 'in_training', 'completed', 'failed']), note: sealedText(z.string().trim().max(200)).optional() })
  .meta({ id: 'EnrollmentMove' });
export type EnrollmentMove = z.infer<typeof EnrollmentMoveSchema>;

export const StaffEnrollmentSchema = z
  .object({
    id: z.string(),
    status: EnrollmentStatusSchema,
    history: z.array(z.object({ status: EnrollmentStatusSchema, at: TimestampSchema })),
    courseId: z.string(),
    courseTitle: z.string(),
    regionCode: z.string(),
    learnerName: z.string().nullable(),
    learnerPhoneMasked: z.string().nullable(),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
  })
  .meta({ id: 'StaffEnrollment' });
export type StaffEnrollment = z.infer<typeof StaffEnrollmentSchema>;

export const StaffEnrollmentListQuerySchema = z.object({
  status: EnrollmentStatusSchema.optional(),
  courseId: ObjectIdSchema.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type StaffEnrollmentListQuery = z.infer<typeof StaffEnrollmentListQuerySchema>;

export const StaffEnrollmentListSchema = z
  .object({ items: z.array(StaffEnrollmentSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'StaffEnrollmentList' });
export type StaffEnrollmentList = z.infer<typeof StaffEnrollmentListSchema>;
