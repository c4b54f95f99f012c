/**
 * The PES wire contract (README.md describes it in words): the records pulled in, the page
 * envelope, and what each push carries. The HTTP adapter, the file import and the fake PES
 * all use these schemas, so the three cannot drift apart.
 */
import { z } from 'zod';
import { CourseAudienceSchema, CourseModeSchema, TransportModeSchema } from '@zhuanyi/shared';

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional();
const fen = z.number().int().min(0);
const regionCode = z.string().regex(/^\d{6,12}$/, 'must be a 6–12 digit region code');
const isoDate = z.iso.datetime({ offset: true }).transform((v) => new Date(v));
const phone = z.string().regex(/^1[3-9]\d{9}$/, 'must be a mainland mobile number');

/** Every upstream record: id, version (grows with each change) and status. */
export const PesRecordHeadSchema = z.object({
  id: z.string().trim().min(1).max(64),
  version: z.number().int().min(1),
  status: z.string().min(1),
  updatedAt: isoDate.optional(),
});

/** An open job posting (招聘岗位) as the PES publishes it. */
export const PesJobSchema = PesRecordHeadSchema.extend({
  status: z.literal('open'),
  title: text(60),
  trade: text(30),
  employer: z.object({
    name: text(80),
    creditCode: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/)
      .optional(),
    regionCode: regionCode.optional(),
    industry: optionalText(30),
  }),
  regionCode,
  payMinFen: fen,
  payMaxFen: fen,
  mealsAndLodging: z.boolean().default(false),
  transport: TransportModeSchema.default('none'),
  publicWelfare: z.boolean().default(false),
  openings: z.number().int().min(0),
  deadline: isoDate.nullable().optional(),
  description: z.string().max(4000).default(''),
  requirements: z.array(z.string().max(200)).max(30).default([]),
  benefits: z.array(z.string().max(200)).max(30).default([]),
  workAddress: z.string().max(200).default(''),
  ageMin: z.number().int().min(16).max(80).nullable().optional(),
  ageMax: z.number().int().min(16).max(80).nullable().optional(),
  contactName: text(30),
  contactPhone: phone,
  workHours: z.string().max(100).default(''),
}).refine((j) => j.payMinFen <= j.payMaxFen, { path: ['payMaxFen'], message: 'must not be below payMinFen' });
export type PesJob = z.output<typeof PesJobSchema>;

/** A free training course as the PES publishes it. */
export const PesCourseSchema = PesRecordHeadSchema.extend({
  status: z.literal('open'),
  title: text(60),
  trade: text(30),
  provider: text(80),
  regionCode,
  mode: CourseModeSchema,
  classHours: z.number().int().min(1),
  subsidized: z.boolean().default(true),
  seats: z.number().int().min(0),
  startsAt: isoDate,
  endsAt: isoDate,
  signUpDeadline: isoDate.nullable().optional(),
  schedule: z.string().max(200).default(''),
  place: z.string().max(200).nullable().optional(),
  onlineUrl: z.url().nullable().optional(),
  freeFor: z.array(CourseAudienceSchema).default(['rural_labor']),
  allowance: z
    .object({ livingFenPerDay: fen, transportFen: fen, forAudiences: z.array(CourseAudienceSchema).default([]) })
    .nullable()
    .optional(),
  contactName: z.string().max(30).default(''),
  contactPhone: z.string().max(20).default(''),
  description: z.string().max(4000).default(''),
}).refine((c) => c.startsAt.getTime() <= c.endsAt.getTime(), { path: ['endsAt'], message: 'must not be before startsAt' });
export type PesCourse = z.output<typeof PesCourseSchema>;

/** Statuses that take a record out of the app (撤回, 招满, 过期, 取消). */
export const PES_GONE_STATUSES = ['withdrawn', 'filled', 'expired', 'cancelled', 'full'] as const;

/**
 * A person's employment as the PES records it (就业登记, 离岗/失业登记, 创业, 公益性岗位): matched to
 * our registry by ID number; it writes the same job history and current state as a confirmed outcome.
 */
export const PES_EMPLOYMENT_STATUSES = ['employed', 'self_employed', 'public_welfare_post', 'left', 'returned_home'] as const;
export const PesEmploymentSchema = PesRecordHeadSchema.extend({
  status: z.enum(PES_EMPLOYMENT_STATUSES),
  idNumber: z.string().trim().toUpperCase().regex(/^\d{17}[\dX]$/, 'must be an 18-character ID number'),
  /** The China date it happened. */
  on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD'),
  /** The workplace (employed, business, post). */
  regionCode: regionCode.optional(),
  employerName: optionalText(60),
  trade: optionalText(20),
  organizedByGovernment: z.boolean().optional(),
});
export type PesEmployment = z.output<typeof PesEmploymentSchema>;

export type PesRecordKind = 'job' | 'course' | 'employment';

/** One page of changes since a cursor. */
export const PesPageSchema = z.object({
  items: z.array(z.unknown()),
  nextCursor: z.string().min(1),
  hasMore: z.boolean(),
});
export type PesPage = z.infer<typeof PesPageSchema>;

/** What the app pushes. */
export const PES_PUSH_TYPES = ['registration', 'registration_update', 'complaint', 'case_event'] as const;
export type PesPushType = (typeof PES_PUSH_TYPES)[number];

export const PesPushBodySchema = z.object({
  /** Same as the Idempotency-Key header. */
  idempotencyKey: z.string().min(1).max(200),
  type: z.enum(PES_PUSH_TYPES),
  /** The app's record: `worker:<id>` or `complaint:<id>`. */
  ref: z.string().min(1).max(100),
  /** 1, 2, 3 … per ref, in the order the changes happened. */
  sequence: z.number().int().min(1),
  occurredAt: z.iso.datetime({ offset: true }),
  data: z.record(z.string(), z.unknown()),
});
export type PesPushBody = z.infer<typeof PesPushBodySchema>;

export const PesPushReceiptSchema = z.object({
  receiptId: z.string().min(1),
  /** True when the key had been received before (the first receipt is answered again). */
  duplicate: z.boolean(),
});
export type PesPushReceipt = z.infer<typeof PesPushReceiptSchema>;

/** The path each push type is POSTed to (ref URL-encoded). */
export function pushPath(type: PesPushType, ref: string): string {
  const r = encodeURIComponent(ref);
  switch (type) {
    case 'registration':
      return 'pes/v1/registrations';
    case 'registration_update':
      return `pes/v1/registrations/${r}/updates`;
    case 'complaint':
      return 'pes/v1/complaints';
    case 'case_event':
      return `pes/v1/complaints/${r}/events`;
  }
}

/** One line of a zod error, for the reason a record was set aside. */
export function describeZodError(err: z.ZodError): string {
  return err.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`)
    .join('; ');
}
