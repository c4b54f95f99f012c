import { z } from 'zod';
import {
  FenSchema,
  IdNumberSchema,
  MobilePhoneSchema,
  PersonNameSchema,
  TimestampSchema,
  VillageCodeSchema,
  sealedText,
} from './common.schema';

/**
 * 实名登记 (the labor resource registry record of one person). Enum values are stable codes;
 * the mini-program labels them with i18n keys `<enum>.<value>` (e.g. `keyGroup.veteran`).
 * Responses never carry the full 身份证号 or phone: only masked forms.
 */

/** The 56 ethnic groups as written on the 身份证, plus 其他 (e.g. naturalized citizens). */
export const ETHNIC_GROUPS = [
  '汉族', '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族',
  '满族', '侗族', '瑶族', '白族', '土家族', '哈尼族', '哈萨克族', '傣族', '黎族', '傈僳族',
  '佤族', '畲族', '高山族', '拉祜族', '水族', '东乡族', '纳西族', '景颇族', '柯尔克孜族', '土族',
  '达斡尔族', '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯族', '阿昌族', '普米族',
  '塔吉克族', '怒族', '乌孜别克族', '俄罗斯族', '鄂温克族', '德昂族', '保安族', '裕固族', '京族', '塔塔尔族',
  '独龙族', '鄂伦春族', '赫哲族', '门巴族', '珞巴族', '基诺族', '其他',
] as const;
export const EthnicitySchema = z.enum(ETHNIC_GROUPS, { message: 'validation.ethnicity' }).meta({ description: '民族' });
export type Ethnicity = z.infer<typeof EthnicitySchema>;

export const SexSchema = z.enum(['male', 'female']);

/** 文化程度. */
export const EducationSchema = z.enum(['none', 'primary', 'junior', 'senior', 'vocational', 'college', 'bachelor']);
export type Education = z.infer<typeof EducationSchema>;

/** 重点群体: 脱贫人员, 边缘易致贫人员, 易地搬迁人员, 农村低收入人员, 退役军人, 残疾人, 两后生, 零就业家庭. */
export const KeyGroupSchema = z.enum([
  'lifted_from_poverty',
  'at_risk_of_poverty',
  'relocated',
  'rural_low_income',
  'veteran',
  'disabled',
  'school_leaver',
  'zero_employment_family',
]);
export type KeyGroup = z.infer<typeof KeyGroupSchema>;

/** 能外出可远行 / 能外出但不能远行 / 无法外出: decides outbound jobs, local work or public welfare posts. */
export const MobilitySchema = z.enum(['can_travel_far', 'nearby_only', 'cannot_leave']);
export type Mobility = z.infer<typeof MobilitySchema>;

/** Where someone wants to work or works: in the county, in the province, out of the province. */
export const WorkLocationSchema = z.enum(['in_county', 'in_province', 'out_of_province']);
export type WorkLocation = z.infer<typeof WorkLocationSchema>;

/** 就业状态. */
export const EmploymentStatusSchema = z.enum([
  'unemployed',
  'employed',
  'self_employed',
  'public_welfare_post',
  'in_training',
  'not_seeking',
]);
export type EmploymentStatus = z.infer<typeof EmploymentStatusSchema>;

/** 技能等级 (national vocational qualification levels). */
export const SkillLevelSchema = z.enum(['none', 'level5', 'level4', 'level3', 'level2', 'level1']);
export type SkillLevel = z.infer<typeof SkillLevelSchema>;

const TradeSchema = z.string().trim().min(1).max(20).meta({ description: '工种，如 电焊工', example: '电焊工' });
const DateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'validation.date' })
  .meta({ description: '日期 YYYY-MM-DD', example: '2024-03-01' });
const ShortText = (max: number) => z.string().trim().max(max);

function uniqueItems<T>(items: readonly T[]): boolean {
  return new Set(items).size === items.length;
}

export const SkillSchema = z.object({ trade: TradeSchema, level: SkillLevelSchema.default('none') });
export const CertificateSchema = z.object({
  name: sealedText(ShortText(40).min(1)),
  /** e.g. 职业技能等级证书 number; optional. */
  number: sealedText(ShortText(40)).optional(),
  issuedOn: DateSchema.optional(),
});

export const JobIntentionSchema = z.object({
  wantsJob: z.boolean(),
  trades: z.array(TradeSchema).max(10).default([]),
  locations: z.array(WorkLocationSchema).max(3).refine(uniqueItems, { message: 'validation.duplicateItems' }).default([]),
  /** Expected monthly pay in fen; null when not said. */
  expectedMonthlyPayFen: FenSchema.max(10_000_000).nullable().default(null),
});
export type JobIntention = z.infer<typeof JobIntentionSchema>;

export const TrainingIntentionSchema = z.object({
  wantsTraining: z.boolean(),
  trades: z.array(TradeSchema).max(10).default([]),
});
export type TrainingIntention = z.infer<typeof TrainingIntentionSchema>;

/** 务工去向 when employed. */
export const EmploymentDestinationSchema = z.object({
  location: WorkLocationSchema,
  /** Region code of the workplace (province to village), when known. */
  regionCode: z.string().regex(/^\d{2,12}$/, { message: 'validation.regionCode.format' }).optional(),
  employerName: sealedText(ShortText(60)).optional(),
  trade: TradeSchema.optional(),
  startedOn: DateSchema.optional(),
  /** 政府组织化 transfer (organized by the government, e.g. 点对点). */
  organizedByGovernment: z.boolean().default(false),
});

export const EmploymentSchema = z
  .object({
    status: EmploymentStatusSchema,
    destination: EmploymentDestinationSchema.nullable().default(null),
  })
  .superRefine((v, ctx) => {
    if (v.status === 'employed' && v.destination === null) {
      ctx.addIssue({ code: 'custom', path: ['destination'], message: 'validation.worker.destinationRequired' });
    }
  });
export type Employment = z.infer<typeof EmploymentSchema>;

/** 创业. */
export const EntrepreneurshipSchema = z.object({
  active: z.boolean(),
  project: sealedText(ShortText(60)).optional(),
  startedOn: DateSchema.optional(),
  /** People this business employs (带动就业人数). */
  employs: z.number().int().min(0).max(100_000).optional(),
});

/** What a worker (or a broker or staff for them) fills in. */
export const WorkerRegistrationInputSchema = z
  .object({
    name: PersonNameSchema,
    idNumber: IdNumberSchema,
    ethnicity: EthnicitySchema,
    phone: MobilePhoneSchema,
    education: EducationSchema,
    /** Household registration down to the village (12 digits); checked against the regions data. */
    householdRegionCode: VillageCodeSchema.meta({ description: '户籍所在村（12位统计用区划代码）', example: '150521100201' }),
    /** 组 (village group), e.g. 三组. */
    householdGroup: sealedText(ShortText(20).min(1)),
    keyGroups: z.array(KeyGroupSchema).max(8).refine(uniqueItems, { message: 'validation.duplicateItems' }).default([]),
    mobility: MobilitySchema,
    skills: z.array(SkillSchema).max(10).default([]),
    certificates: z.array(CertificateSchema).max(10).default([]),
    jobIntention: JobIntentionSchema,
    trainingIntention: TrainingIntentionSchema,
    employment: EmploymentSchema,
    entrepreneurship: EntrepreneurshipSchema.default({ active: false }),
  })
  .strict()
  .meta({ id: 'WorkerRegistrationInput' });
export type WorkerRegistrationInput = z.input<typeof WorkerRegistrationInputSchema>;
export type WorkerRegistrationData = z.output<typeof WorkerRegistrationInputSchema>;

export const RegistrationSourceSchema = z.enum(['worker', 'broker', 'staff']);

/** A registration as the API answers it. */
export const WorkerRegistrationSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    /** 150502********123X */
    idNumberMasked: z.string(),
    birthDate: z.string(),
    age: z.number().int(),
    sex: SexSchema,
    ethnicity: EthnicitySchema,
    /** 138****5678 */
    phoneMasked: z.string(),
    education: EducationSchema,
    household: z.object({
      regionCode: z.string(),
      /** 内蒙古自治区通辽市科尔沁左翼中旗…村 */
      regionName: z.string(),
      group: z.string(),
    }),
    keyGroups: z.array(KeyGroupSchema),
    mobility: MobilitySchema,
    skills: z.array(z.object({ trade: z.string(), level: SkillLevelSchema })),
    certificates: z.array(z.object({ name: z.string(), number: z.string().optional(), issuedOn: z.string().optional() })),
    jobIntention: z.object({
      wantsJob: z.boolean(),
      trades: z.array(z.string()),
      locations: z.array(WorkLocationSchema),
      expectedMonthlyPayFen: z.number().int().nullable(),
    }),
    trainingIntention: z.object({ wantsTraining: z.boolean(), trades: z.array(z.string()) }),
    employment: z.object({
      status: EmploymentStatusSchema,
      destination: z
        .object({
          location: WorkLocationSchema,
          regionCode: z.string().optional(),
          employerName: z.string().optional(),
          trade: z.string().optional(),
          startedOn: z.string().optional(),
          organizedByGovernment: z.boolean(),
        })
        .nullable(),
    }),
    entrepreneurship: z.object({
      active: z.boolean(),
      project: z.string().optional(),
      startedOn: z.string().optional(),
      employs: z.number().int().optional(),
    }),
    /** Who first entered the record. */
    source: RegistrationSourceSchema,
    /** True once the person signs in and owns the record (self-registered or claimed). */
    claimed: z.boolean(),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
  })
  .meta({ id: 'WorkerRegistration' });
export type WorkerRegistration = z.infer<typeof WorkerRegistrationSchema>;

/** created: a new record; updated: the record already there was changed; claimed: a record entered by a broker or staff is now the worker's. */
export const RegistrationOutcomeSchema = z.enum(['created', 'updated', 'claimed']);
export type RegistrationOutcome = z.infer<typeof RegistrationOutcomeSchema>;

export const WorkerRegistrationResultSchema = z
  .object({ outcome: RegistrationOutcomeSchema, worker: WorkerRegistrationSchema })
  .meta({ id: 'WorkerRegistrationResult' });
export type WorkerRegistrationResult = z.infer<typeof WorkerRegistrationResultSchema>;

/**
 * Claim a record a broker or staff entered: the ID number and the phone on that record. The
 * signed-in worker must have proven that phone (SMS code or WeChat phone button); without
 * `phone`, the phone proven at sign-in is the one checked.
 */
export const WorkerClaimRequestSchema = z
  .object({ idNumber: IdNumberSchema, phone: MobilePhoneSchema.optional() })
  .strict()
  .meta({ id: 'WorkerClaimRequest' });
export type WorkerClaimRequest = z.infer<typeof WorkerClaimRequestSchema>;

/**
 * A record someone else entered with the phone the worker signed in with, not yet claimed:
 * just enough to recognise it (masked name, village, who entered it); the ID number confirms.
 */
export const ClaimableRecordSchema = z
  .object({
    nameMasked: z.string(),
    /** The village code: the client names it in the reader's language where it can (optional for older servers). */
    householdRegionCode: z.string().optional(),
    householdRegionName: z.string(),
    source: z.enum(['broker', 'staff']),
    createdAt: TimestampSchema,
  })
  .meta({ id: 'ClaimableRecord' });
export type ClaimableRecord = z.infer<typeof ClaimableRecordSchema>;
export const ClaimableRecordListSchema = z.object({ items: z.array(ClaimableRecordSchema) }).meta({ id: 'ClaimableRecordList' });
export type ClaimableRecordList = z.infer<typeof ClaimableRecordListSchema>;

export const WorkerIdParamsSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{24}$/i, { message: 'validation.objectId' }),
});

// ── ID squatting: a registration whose ID number another login holds, waiting for proof ──
export const OwnershipConflictSchema = z
  .object({
    id: z.string(),
    workerId: z.string(),
    idNumberMasked: z.string(),
    /** The record as it stands (the login holding it now). */
    current: z.object({ name: z.string(), phoneMasked: z.string() }),
    /** Who asks for it back (to be checked against the ID card in person). */
    claimant: z.object({ name: z.string(), phoneMasked: z.string() }),
    regionCode: z.string(),
    regionName: z.string().nullable(),
    state: z.enum(['open', 'granted', 'refused']),
    reason: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'OwnershipConflict' });
export type OwnershipConflict = z.infer<typeof OwnershipConflictSchema>;
export const OwnershipConflictListSchema = z.object({ items: z.array(OwnershipConflictSchema) }).meta({ id: 'OwnershipConflictList' });
export const OwnershipConflictDecisionSchema = z
  .object({
    /** grant: the ID card was checked in person and the record goes to the claimant; refuse: it stays. */
    action: z.enum(['grant', 'refuse']),
    reason: sealedText(z.string().trim().min(2, { message: 'validation.reasonRequired' }).max(200)),
  })
  .meta({ id: 'OwnershipConflictDecision' });
export type OwnershipConflictDecision = z.infer<typeof OwnershipConflictDecisionSchema>;
